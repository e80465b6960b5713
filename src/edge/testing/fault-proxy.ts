import net from 'node:net';
import { delay } from '../../platform/clock.ts';

/** Which way bytes flow through the proxy: client → target is `up`, target → client `down`. */
export type ProxyDirection = 'up' | 'down';

export interface FaultProxyOptions {
  /** Where connections go. */
  targetHost: string;
  targetPort: number;
  /** Listen address. @default 127.0.0.1 */
  host?: string;
}

/** What the proxy has done so far: the figures a fault test prints. */
export interface FaultProxyStats {
  /** Connections forwarded to the target. */
  accepted: number;
  /** Connections closed at once while refusing. */
  refused: number;
  /** Connections torn down by {@link FaultProxy.dropAll}. */
  dropped: number;
  /** Connections cut by a {@link FaultProxy.cutNextConnections} rule. */
  cut: number;
  bytesUp: number;
  bytesDown: number;
}

interface CutRule {
  afterBytes: number;
  direction: ProxyDirection;
}

/** One proxied connection: the two sockets, bytes seen per direction, and its pending chunks. */
class ProxiedConnection {
  readonly bytes: Record<ProxyDirection, number> = { up: 0, down: 0 };
  private readonly pending: Record<ProxyDirection, Promise<void>> = {
    up: Promise.resolve(),
    down: Promise.resolve(),
  };
  private destroyed = false;
  /** Neither side has closed or half-closed yet. */
  live = true;

  constructor(
    readonly client: net.Socket,
    readonly target: net.Socket,
    private readonly proxy: FaultProxy,
    private readonly cut: CutRule | undefined,
    private readonly onClose: () => void,
  ) {
    client.on('error', () => this.destroy());
    target.on('error', () => this.destroy());
    client.on('data', (chunk: Buffer) => this.forward('up', chunk));
    target.on('data', (chunk: Buffer) => this.forward('down', chunk));
    // A half-close travels on once the chunks already in flight are delivered, like a FIN
    // that follows the data on the wire.
    for (const socket of [client, target]) {
      socket.once('end', () => (this.live = false));
      socket.once('close', () => (this.live = false));
    }
    client.on('end', () => void this.pending.up.then(() => target.end()));
    target.on('end', () => void this.pending.down.then(() => client.end()));
    client.on('close', () => void this.pending.up.then(() => this.closeSoon(target)));
    target.on('close', () => void this.pending.down.then(() => this.closeSoon(client)));
  }

  /** Resets both sides at once: what a pulled cable or a crashed middlebox looks like. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.live = false;
    this.client.destroy();
    this.target.destroy();
    this.onClose();
  }

  /** One side went away: finish the other gracefully, then forget the pair. */
  private closeSoon(other: net.Socket): void {
    if (this.destroyed) return;
    other.end();
    setTimeout(() => this.destroy(), 1000).unref();
  }

  private forward(direction: ProxyDirection, chunk: Buffer): void {
    const delayMs = this.proxy.delayMs;
    this.pending[direction] = this.pending[direction].then(async () => {
      if (delayMs > 0) await delay(delayMs);
      if (this.destroyed) return;
      let data = chunk;
      const cut = this.cut;
      if (cut !== undefined && cut.direction === direction) {
        const room = cut.afterBytes - this.bytes[direction];
        if (room < data.length) {
          data = data.subarray(0, Math.max(0, room));
          this.write(direction, data);
          this.proxy.noteCut();
          // Let the kept bytes leave before the reset.
          await new Promise<void>((resolve) => setImmediate(resolve));
          this.destroy();
          return;
        }
      }
      this.write(direction, data);
    });
  }

  private write(direction: ProxyDirection, data: Buffer): void {
    if (data.length === 0) return;
    this.bytes[direction] += data.length;
    this.proxy.noteBytes(direction, data.length);
    (direction === 'up' ? this.target : this.client).write(data);
  }
}

/**
 * A fault-injecting TCP proxy for tests: listens on a free port, forwards every connection to a
 * target, and on command drops all connections, refuses new ones for a while, delays every
 * chunk, or cuts the next connections after a number of bytes. It works below TLS, so an mTLS
 * link passes through untouched until a fault hits it.
 */
export class FaultProxy {
  /** Delay applied to every chunk in both directions, in ms (0 = none). */
  delayMs = 0;
  private refusing = false;
  private refuseTimer: NodeJS.Timeout | undefined;
  private readonly cutRules: CutRule[] = [];
  private readonly connections = new Set<ProxiedConnection>();
  private readonly counters: FaultProxyStats = {
    accepted: 0,
    refused: 0,
    dropped: 0,
    cut: 0,
    bytesUp: 0,
    bytesDown: 0,
  };

  private constructor(
    private readonly server: net.Server,
    private readonly options: FaultProxyOptions,
  ) {}

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const server = net.createServer();
    const proxy = new FaultProxy(server, options);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.host ?? '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get stats(): FaultProxyStats {
    return { ...this.counters };
  }

  /** Connections neither side has closed yet, with the bytes each has carried so far. */
  openConnections(): { up: number; down: number }[] {
    return [...this.connections]
      .filter((connection) => connection.live)
      .map((connection) => ({ ...connection.bytes }));
  }

  /** Resets every open connection; returns how many there were. */
  dropAll(): number {
    const open = [...this.connections];
    for (const connection of open) connection.destroy();
    this.counters.dropped += open.length;
    return open.length;
  }

  /**
   * Closes new connections as soon as they open, for `durationMs` (or until `refuse(0)`;
   * `Infinity` until told otherwise). Open connections are left alone: combine with dropAll.
   */
  refuse(durationMs: number): void {
    clearTimeout(this.refuseTimer);
    this.refusing = durationMs > 0;
    if (this.refusing && Number.isFinite(durationMs)) {
      this.refuseTimer = setTimeout(() => (this.refusing = false), durationMs);
      this.refuseTimer.unref();
    }
  }

  /** Takes the link down: refuses new connections and drops the open ones. */
  goOffline(): number {
    this.refuse(Infinity);
    return this.dropAll();
  }

  goOnline(): void {
    this.refuse(0);
  }

  /**
   * The next `count` connections are reset once `afterBytes` bytes have passed in `direction`
   * (the bytes before the cut are delivered).
   */
  cutNextConnections(afterBytes: number, direction: ProxyDirection, count = 1): void {
    for (let i = 0; i < count; i += 1) this.cutRules.push({ afterBytes, direction });
  }

  /** Rules of {@link cutNextConnections} not yet used. */
  get pendingCuts(): number {
    return this.cutRules.length;
  }

  async close(): Promise<void> {
    clearTimeout(this.refuseTimer);
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** @internal */
  noteBytes(direction: ProxyDirection, count: number): void {
    if (direction === 'up') this.counters.bytesUp += count;
    else this.counters.bytesDown += count;
  }

  /** @internal */
  noteCut(): void {
    this.counters.cut += 1;
  }

  private accept(client: net.Socket): void {
    if (this.refusing) {
      this.counters.refused += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    this.counters.accepted += 1;
    client.pause();
    const target = net.connect({ host: this.options.targetHost, port: this.options.targetPort });
    target.setNoDelay(true);
    client.setNoDelay(true);
    const connection = new ProxiedConnection(client, target, this, this.cutRules.shift(), () =>
      this.connections.delete(connection),
    );
    this.connections.add(connection);
    target.once('connect', () => client.resume());
  }
}
