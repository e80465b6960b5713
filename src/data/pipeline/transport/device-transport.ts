/**
 * An {@link AudioTransport} over the machine's microphone and speaker, for
 * `voxeron call --voice` without `--in`. Two child processes carry the audio as raw mono PCM16
 * at the transport rate: a recorder writing to its stdout (by default sox's `rec`), cut into
 * 20 ms frames, and a player reading its stdin (sox's `play`), fed by {@link PacedPlayback} at
 * most `playbackLeadMs` ahead of the clock. The commands are options, so tests and other
 * platforms substitute their own. A child that ends or cannot start ends the call with a
 * `closed` event that names the command and quotes its stderr; `close()` stops both children
 * with a bounded wait.
 */
import { settleWithin, systemClock, type Clock } from '../../../platform/clock.ts';
import { AbortedError } from '../../../platform/errors.ts';
import { samplesPerFrame } from '../audio/audio-format.ts';
import { Framer } from '../audio/framer.ts';
import type { AudioTransport, TransportEvent } from './audio-transport.ts';
import { PacedPlayback } from './device-transport-playback.ts';
import {
  defaultCaptureCommand,
  defaultPlaybackCommand,
  pcm16FromLittleEndian,
  pcm16ToLittleEndian,
  type AudioCommand,
} from './device-transport-commands.ts';
import { AudioDeviceUnavailableError, AudioProcess } from './device-transport-process.ts';

export {
  AudioDeviceUnavailableError,
  isAudioDeviceUnavailable,
} from './device-transport-process.ts';
export {
  audioHostProblem,
  defaultCaptureCommand,
  defaultPlaybackCommand,
  type AudioCommand,
} from './device-transport-commands.ts';

export interface DeviceTransportOptions {
  /** Rate of the frames the transport emits and of the audio it plays. @default 16000 */
  sampleRateHz?: 8000 | 16000;
  /**
   * Writes raw signed 16-bit little-endian mono PCM at `sampleRateHz` to stdout.
   * @default defaultCaptureCommand(sampleRateHz): sox `rec` on the default input device
   */
  captureCommand?: AudioCommand;
  /**
   * Reads raw signed 16-bit little-endian mono PCM at `sampleRateHz` on stdin and plays it.
   * @default defaultPlaybackCommand(sampleRateHz): sox `play` on the default output device
   */
  playbackCommand?: AudioCommand;
  /**
   * How far ahead of the clock agent audio is written to the player: what still plays after a
   * `clear()`. Must cover event-loop stalls, or the player runs dry and the agent stutters.
   * @default 150
   */
  playbackLeadMs?: number;
  /** How long `start()` waits for the recorder's first bytes. @default 5000 */
  startTimeoutMs?: number;
  /** How long a child may take to end before SIGTERM, then SIGKILL. @default 1000 */
  stopGraceMs?: number;
  /** Time source of the playback pacing. @default systemClock */
  clock?: Clock;
}

/** Gives a player that fails at once (no output device) the time to say so before a call. */
const playbackSettleMs = 200;

export class DeviceAudioTransport implements AudioTransport {
  readonly sampleRateHz: 8000 | 16000;
  private readonly capture: AudioProcess;
  private readonly playback: AudioProcess;
  private readonly output: PacedPlayback;
  private readonly framer: Framer;
  private readonly stopGraceMs: number;
  private readonly startTimeoutMs: number;
  /** An odd byte of a stdout chunk, waiting for its other half. */
  private oddByte: number | undefined;
  private firstBytes: (() => void) | undefined;
  private receivedBytes = 0;
  private readonly pending: TransportEvent[] = [];
  private wakeReader: (() => void) | undefined;
  private closeReason: string | undefined;
  private closing: Promise<void> | undefined;
  private started = false;
  /** The child whose end closed the transport. */
  private failedChild: AudioProcess | undefined;

  /**
   * Spawns both commands now. {@link start} also waits until the recorder delivers audio;
   * without it a device that cannot be opened shows only as a `closed` event.
   */
  constructor(options: DeviceTransportOptions = {}) {
    const rate = options.sampleRateHz ?? 16000;
    this.sampleRateHz = rate;
    this.framer = new Framer(samplesPerFrame(rate));
    this.stopGraceMs = options.stopGraceMs ?? 1000;
    this.startTimeoutMs = options.startTimeoutMs ?? 5000;
    this.capture = new AudioProcess(
      'capture',
      options.captureCommand ?? defaultCaptureCommand(rate),
    );
    this.playback = new AudioProcess(
      'playback',
      options.playbackCommand ?? defaultPlaybackCommand(rate),
    );
    this.output = new PacedPlayback({
      sampleRateHz: rate,
      leadMs: options.playbackLeadMs ?? 150,
      clock: options.clock ?? systemClock,
      write: (pcm16) => this.playback.child.stdin?.write(pcm16ToLittleEndian(pcm16)),
      onMark: (name, played) => this.push({ type: 'mark', name, played }),
    });
    this.capture.child.stdout?.on('data', (chunk: Buffer) => this.onCaptured(chunk));
    for (const child of [this.capture, this.playback]) {
      void child.exited.then(() => this.onChildExit(child));
    }
  }

  /**
   * A transport whose recorder has delivered its first audio and whose player is still running.
   * Rejects with {@link AudioDeviceUnavailableError} (both children stopped) when either fails
   * first or no audio comes within `startTimeoutMs`, with an AbortedError when `signal` fires.
   */
  static async start(
    options: DeviceTransportOptions = {},
    signal?: AbortSignal,
  ): Promise<DeviceAudioTransport> {
    const transport = new DeviceAudioTransport(options);
    try {
      await transport.whenRecording(signal);
      return transport;
    } catch (error) {
      await transport.close(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** The children's process ids (undefined for one that could not be started). */
  get processIds(): { capture: number | undefined; playback: number | undefined } {
    return { capture: this.capture.pid, playback: this.playback.pid };
  }

  get bufferedMs(): number {
    return this.output.bufferedMs;
  }

  play(pcm16: Int16Array): void {
    if (this.closeReason === undefined) this.output.play(pcm16);
  }

  mark(name: string): void {
    if (this.closeReason === undefined) this.output.mark(name);
  }

  clear(): void {
    this.output.clear();
  }

  /** Returns pending marks unplayed, emits `closed`, and stops both children (bounded wait). */
  close(reason = 'closed by the agent'): Promise<void> {
    if (this.closing) return this.closing;
    this.closeReason = reason;
    this.output.stop();
    this.push({ type: 'closed', reason });
    this.firstBytes?.();
    this.closing = Promise.all([
      this.capture.stop(this.stopGraceMs),
      this.playback.stop(this.stopGraceMs),
    ]).then(() => undefined);
    return this.closing;
  }

  events(): AsyncIterable<TransportEvent> {
    if (this.started) throw new Error('DeviceAudioTransport.events() can be iterated once');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<TransportEvent> {
    for (;;) {
      const event = this.pending.shift();
      if (event) {
        yield event;
        if (event.type === 'closed') return;
        continue;
      }
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private push(event: TransportEvent): void {
    this.pending.push(event);
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private onCaptured(chunk: Buffer): void {
    if (this.closeReason !== undefined || chunk.length === 0) return;
    this.receivedBytes += chunk.length;
    this.firstBytes?.();
    let bytes: Uint8Array = chunk;
    if (this.oddByte !== undefined) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = this.oddByte;
      bytes.set(chunk, 1);
    }
    this.oddByte = bytes.length % 2 === 1 ? bytes[bytes.length - 1] : undefined;
    for (const pcm16 of this.framer.push(pcm16FromLittleEndian(bytes))) {
      this.push({ type: 'audio', pcm16 });
    }
  }

  private onChildExit(child: AudioProcess): void {
    if (this.closeReason !== undefined) return;
    this.failedChild = child;
    if (child === this.capture) {
      const tail = this.framer.flush();
      if (tail) this.push({ type: 'audio', pcm16: tail });
    }
    void this.close(child.describeExit());
  }

  /** Resolves once the recorder has delivered audio and the player has not failed at once. */
  private async whenRecording(signal?: AbortSignal): Promise<void> {
    const recording = new Promise<void>((resolve) => (this.firstBytes = resolve));
    if (this.receivedBytes > 0 || this.closeReason !== undefined) this.firstBytes?.();
    try {
      await untilAborted(settleWithin(recording, this.startTimeoutMs), signal);
    } finally {
      this.firstBytes = undefined;
    }
    if (this.receivedBytes > 0 && this.closeReason === undefined) {
      await untilAborted(settleWithin(this.playback.exited, playbackSettleMs), signal);
    }
    const failed = this.failedChild;
    // A recorder that delivered audio and then ended (a file, in tests) did start.
    if (failed && !(failed === this.capture && this.receivedBytes > 0)) {
      throw new AudioDeviceUnavailableError(failed.describeExit(), failed.summarizeExit());
    }
    if (this.receivedBytes > 0) return;
    if (this.closeReason !== undefined) {
      throw new AudioDeviceUnavailableError(this.closeReason, this.closeReason);
    }
    const silent = `delivered no audio within ${this.startTimeoutMs} ms`;
    throw new AudioDeviceUnavailableError(
      `capture command \`${this.capture.commandLine}\` ${silent}`,
      `${this.capture.programName} ${silent}`,
    );
  }
}

/** `promise`, or an AbortedError as soon as `signal` fires. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () =>
      reject(
        new AbortedError('the audio device was not opened: cancelled', { cause: signal.reason }),
      );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
