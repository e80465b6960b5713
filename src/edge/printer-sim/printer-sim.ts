import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { delay } from '../../platform/clock.ts';
import {
  OFFLINE_COVER_OPEN_BIT,
  OFFLINE_PAPER_END_STOP_BIT,
  PAPER_END_BITS,
  PRINTER_OFFLINE_BIT,
  STATUS_FIXED_BITS,
  StatusRequest,
} from '../printer/escpos-status.ts';
import type { DecodedLine } from './escpos-decoder.ts';
import { EscPosDecoder, renderTicketText } from './escpos-decoder.ts';

/** A fault the simulator injects into one connection. */
export type SimFault = 'drop_on_connect' | 'drop_mid_ticket' | 'garbage_status';

/** How the simulated printer behaves; every field can change while it runs. */
export interface PrinterSimMode {
  paperOut: boolean;
  offline: boolean;
  coverOpen: boolean;
  /** Answers status requests with bytes that are not ESC/POS status. */
  garbage: boolean;
  /** Closes every connection as soon as it opens. */
  dropConnections: boolean;
  /** Delay before each received chunk is processed, in ms (a slow or busy printer). */
  slowMs: number;
  /** Chance per connection, 0..1, of one random {@link SimFault} (transient faults). */
  transientFaultRate: number;
}

export interface PrintedTicket {
  /** 1-based, in print order. */
  sequence: number;
  lines: DecodedLine[];
  text: string;
}

export interface PrinterSimOptions {
  host?: string;
  /** 0 picks a free port. @default 9100 */
  port?: number;
  /** Writes one text file per printed ticket here. */
  outputDir?: string;
  mode?: Partial<PrinterSimMode>;
  /** Injected randomness for fault selection; Math.random by default. */
  random?: () => number;
}

/**
 * A virtual ESC/POS network printer: decodes what it receives into readable tickets, answers
 * `DLE EOT n` like an Epson TM printer, and can be switched to paper-out, offline, slow,
 * garbage answers or dropped connections. The test double for every printer test.
 */
export class PrinterSim {
  readonly mode: PrinterSimMode;
  readonly printed: PrintedTicket[] = [];
  /** Tickets that reached a cut while the printer could not print: lost, like on paper-out. */
  discardedTickets = 0;
  /** Faults injected so far, by kind. */
  readonly faults: Record<SimFault, number> = {
    drop_on_connect: 0,
    drop_mid_ticket: 0,
    garbage_status: 0,
  };
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly random: () => number;

  private constructor(private readonly options: PrinterSimOptions) {
    this.mode = {
      paperOut: false,
      offline: false,
      coverOpen: false,
      garbage: false,
      dropConnections: false,
      slowMs: 0,
      transientFaultRate: 0,
      ...options.mode,
    };
    this.random = options.random ?? Math.random;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  static async start(options: PrinterSimOptions = {}): Promise<PrinterSim> {
    const sim = new PrinterSim(options);
    if (options.outputDir !== undefined) await mkdir(options.outputDir, { recursive: true });
    await new Promise<void>((resolve, reject) => {
      sim.server.once('error', reject);
      sim.server.listen(options.port ?? 9100, options.host ?? '127.0.0.1', () => resolve());
    });
    return sim;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Switches behaviour, e.g. `sim.set({ paperOut: true })`. */
  set(mode: Partial<PrinterSimMode>): void {
    Object.assign(this.mode, mode);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get canPrint(): boolean {
    return !this.mode.paperOut && !this.mode.offline && !this.mode.coverOpen;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let fault: SimFault | undefined;
    if (this.mode.transientFaultRate > 0 && this.random() < this.mode.transientFaultRate) {
      const kinds: SimFault[] = ['drop_on_connect', 'drop_mid_ticket', 'garbage_status'];
      fault = kinds[Math.floor(this.random() * kinds.length)]!;
      this.faults[fault] += 1;
    }
    if (this.mode.dropConnections || fault === 'drop_on_connect') {
      socket.destroy();
      return;
    }
    const decoder = new EscPosDecoder();
    let statusAnswers = 0;
    // Chunks are worked through one at a time, in order, so a status request that follows a
    // ticket is answered only after the ticket is printed (the driver's confirmation).
    let work = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      work = work.then(async () => {
        if (this.mode.slowMs > 0) await delay(this.mode.slowMs);
        if (socket.destroyed) return;
        if (fault === 'drop_mid_ticket' && statusAnswers >= 2) {
          // The pre-print status went out; the cable is pulled as the ticket streams in.
          socket.destroy();
          return;
        }
        for (const event of decoder.push(chunk)) {
          if (event.kind === 'cut') {
            await this.finishTicket(event.lines);
            continue;
          }
          statusAnswers += 1;
          const garbage = this.mode.garbage || fault === 'garbage_status';
          socket.write(Uint8Array.of(garbage ? 0xff : this.statusByte(event.n)));
        }
      });
    });
  }

  private async finishTicket(lines: DecodedLine[]): Promise<void> {
    if (!this.canPrint) {
      this.discardedTickets += 1;
      return;
    }
    const ticket: PrintedTicket = {
      sequence: this.printed.length + 1,
      lines,
      text: renderTicketText(lines),
    };
    this.printed.push(ticket);
    if (this.options.outputDir !== undefined) {
      const name = `ticket-${String(ticket.sequence).padStart(6, '0')}.txt`;
      await writeFile(path.join(this.options.outputDir, name), ticket.text);
    }
  }

  /** The Epson answer to `DLE EOT n` for the current mode. */
  private statusByte(n: number): number {
    const offline = !this.canPrint;
    switch (n) {
      case StatusRequest.printer:
        return STATUS_FIXED_BITS | (offline ? PRINTER_OFFLINE_BIT : 0);
      case StatusRequest.offlineCause:
        return (
          STATUS_FIXED_BITS |
          (this.mode.coverOpen ? OFFLINE_COVER_OPEN_BIT : 0) |
          (this.mode.paperOut ? OFFLINE_PAPER_END_STOP_BIT : 0)
        );
      case StatusRequest.paperSensor:
        return STATUS_FIXED_BITS | (this.mode.paperOut ? PAPER_END_BITS : 0);
      default:
        return STATUS_FIXED_BITS;
    }
  }
}
