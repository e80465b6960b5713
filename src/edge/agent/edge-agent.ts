import { WebSocket } from 'ws';
import type { EdgeMessage, EdgeMessageOf } from '../../contracts/edge/index.ts';
import {
  EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS,
  EDGE_PROTOCOL_VERSION,
  encodeEdgeFrame,
} from '../../contracts/edge/index.ts';
import { delay } from '../../platform/clock.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { Logger } from '../../platform/log/index.ts';
import { silentLogger } from '../../platform/log/index.ts';
import { voxeronVersion } from '../../platform/version.ts';
import {
  LinkCloseCode,
  WS_MAX_PAYLOAD_BYTES,
  decodeFrame,
  errorFrame,
  head,
} from '../link/frames.ts';
import type { LocalJob } from '../queue/job-queue.ts';
import { JobQueue } from '../queue/job-queue.ts';
import type { AgentConfig } from './agent-config.ts';
import { reconnectDelayMs } from './backoff.ts';
import type { PrintWorkerOptions } from './print-worker.ts';
import { PrintWorker } from './print-worker.ts';

export interface EdgeAgentOptions extends PrintWorkerOptions {
  logger?: Logger;
  /** Reconnect backoff, in ms. @default 500 … 30000 */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** Local queue bound (backpressure). @default 500 */
  maxPendingJobs?: number;
  /**
   * Renews the device certificate when due (returns the config in use afterwards); checked every
   * `renewCheckIntervalMs` while the agent runs, so a box that never restarts never expires.
   */
  renewCertificate?: (config: AgentConfig, signal: AbortSignal) => Promise<AgentConfig>;
  /** @default 3_600_000 (hourly) */
  renewCheckIntervalMs?: number;
}

/**
 * The on-site agent: dials out to the platform over mTLS WebSocket, stores offered jobs durably
 * before acknowledging them, prints them, reports statuses, reconciles on every reconnect.
 */
export class EdgeAgent {
  readonly queue: JobQueue;
  private readonly worker: PrintWorker;
  private readonly logger: Logger;
  private socket: WebSocket | undefined;
  private ready = false;

  constructor(
    private config: AgentConfig,
    private readonly options: EdgeAgentOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.queue = new JobQueue(config.queue_file, {
      ...(options.maxPendingJobs ? { maxPendingJobs: options.maxPendingJobs } : {}),
    });
    // A job caught mid-print by a crash goes back to the queue (with a reprint banner if bytes left).
    const recovered = this.queue.recoverInterrupted();
    if (recovered > 0)
      this.logger.warn({ recovered }, 'jobs interrupted by a restart are queued again');
    this.worker = new PrintWorker(
      this.queue,
      config,
      options,
      () => this.reportStatuses(),
      this.logger,
    );
  }

  /** Runs until `signal` aborts; then closes the link and the queue. */
  async run(signal: AbortSignal): Promise<void> {
    const printing = this.worker.run(signal);
    const renewing = this.renewLoop(signal);
    try {
      await this.linkLoop(signal);
    } finally {
      await renewing;
      await printing.catch((error: unknown) =>
        this.logger.error({ err: errorMessage(error) }, 'print worker stopped'),
      );
      this.queue.close();
    }
  }

  /** Renews the certificate when due, then reconnects so the link uses it. Never throws. */
  private async renewLoop(signal: AbortSignal): Promise<void> {
    const renew = this.options.renewCertificate;
    if (!renew) return;
    const intervalMs = this.options.renewCheckIntervalMs ?? 3_600_000;
    while (!signal.aborted) {
      await delay(intervalMs, signal).catch(() => undefined);
      if (signal.aborted) return;
      try {
        const renewed = await renew(this.config, signal);
        if (renewed.cert_pem !== this.config.cert_pem) {
          this.config = renewed;
          this.logger.info(
            { deviceId: renewed.device_id },
            'certificate renewed; reconnecting with it',
          );
          this.socket?.close(LinkCloseCode.goingAway, 'certificate renewed');
        }
      } catch (error) {
        this.logger.warn(
          { err: errorMessage(error) },
          'certificate renewal failed; will try again',
        );
      }
    }
  }

  private async linkLoop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const helloAcked = await this.connectOnce(signal).catch((error: unknown) => {
        this.logger.warn({ err: errorMessage(error) }, 'edge link failed');
        return false;
      });
      failures = helloAcked ? 0 : failures + 1;
      if (signal.aborted) return;
      const waitMs = reconnectDelayMs(failures, {
        initialMs: this.options.reconnectInitialMs ?? 500,
        maxMs: this.options.reconnectMaxMs ?? 30_000,
      });
      await delay(waitMs, signal).catch(() => undefined);
    }
  }

  /** One connection, until it closes. Resolves true when it got as far as hello_ack. */
  private connectOnce(signal: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const socket = new WebSocket(this.config.link_url, {
        key: this.config.key_pem,
        cert: this.config.cert_pem,
        ca: this.config.ca_pem,
        rejectUnauthorized: true,
        maxPayload: WS_MAX_PAYLOAD_BYTES,
        handshakeTimeout: 10_000,
      });
      this.socket = socket;
      let acked = false;
      let heartbeat: NodeJS.Timeout | undefined;
      const onAbort = () => socket.close(LinkCloseCode.goingAway, 'agent stopping');
      signal.addEventListener('abort', onAbort, { once: true });
      socket.on('open', () => this.send(this.hello()));
      socket.on('error', (error) => {
        if (socket.readyState !== WebSocket.OPEN) reject(error);
      });
      socket.on('close', (code, reason) => {
        this.ready = false;
        clearInterval(heartbeat);
        signal.removeEventListener('abort', onAbort);
        this.logger.info({ code, reason: reason.toString() }, 'edge link closed');
        resolve(acked);
      });
      socket.on('message', (data, isBinary) => {
        const decoded = decodeFrame(data as Buffer, 'agent');
        if (isBinary || !decoded.ok) {
          const code = decoded.ok ? 'invalid_message' : decoded.code;
          const reason = decoded.ok ? 'frames are UTF-8 JSON text' : decoded.reason;
          this.send(errorFrame(code, reason));
          socket.close(
            decoded.ok ? LinkCloseCode.invalidMessage : decoded.closeCode,
            reason.slice(0, 120),
          );
          return;
        }
        const message = decoded.message;
        if (message.type === 'hello_ack') {
          acked = true;
          this.ready = true;
          const intervalMs = message.heartbeat_interval_ms ?? EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS;
          heartbeat = setInterval(() => this.send(this.heartbeat()), intervalMs);
          this.sendReconcile();
          this.reportStatuses();
          return;
        }
        this.handle(message);
      });
    });
  }

  private handle(message: EdgeMessage): void {
    switch (message.type) {
      case 'job_offer': {
        // Write-ahead: offer() commits with synchronous=FULL before the ack leaves.
        const stored = this.queue.offer(message.job_id, message.printer_id, message.ticket);
        this.send({ ...head(), type: 'job_ack', job_id: message.job_id, ...stored });
        if (stored.result === 'accepted') this.worker.notify();
        return;
      }
      case 'cancel': {
        const outcome = this.queue.cancel(message.job_id);
        if (outcome === 'unknown_job') {
          this.send(errorFrame('unknown_job', `no job ${message.job_id} here`, message.id));
        }
        this.reportStatuses();
        return;
      }
      case 'reconcile_result':
        for (const job of message.jobs) {
          if (job.resolution === 'cancel') this.queue.cancel(job.job_id);
          else if (job.resolution === 'forget') this.queue.forget(job.job_id);
        }
        this.reportStatuses();
        return;
      case 'error':
        this.logger.warn(
          { code: message.code, text: message.message },
          'platform reported an error',
        );
        return;
      default:
        this.send(errorFrame('invalid_message', `unexpected ${message.type}`, message.id));
    }
  }

  /** Sends job_status for every job whose status the platform has not been told. */
  private reportStatuses(): void {
    if (!this.ready) return;
    for (const job of this.queue.unreported(500)) {
      if (this.send(this.statusMessage(job))) this.queue.markReported(job.jobId, job.status);
    }
  }

  private statusMessage(job: LocalJob): EdgeMessageOf<'job_status'> {
    const base = {
      ...head(),
      type: 'job_status' as const,
      job_id: job.jobId,
      attempts: job.attempts,
    };
    if (job.status === 'canceled') {
      return {
        ...base,
        status: 'failed',
        error: { code: 'canceled', message: 'canceled by the platform before printing' },
      };
    }
    if (job.status === 'failed') {
      return {
        ...base,
        status: 'failed',
        error: job.error ?? { code: 'printer_failed', message: 'printing failed' },
      };
    }
    return { ...base, status: job.status };
  }

  private sendReconcile(): void {
    const jobs = this.queue.unsettled().map((job) => ({
      job_id: job.jobId,
      status: job.status === 'canceled' ? ('failed' as const) : job.status,
    }));
    this.send({ ...head(), type: 'reconcile_request', jobs });
  }

  private hello(): EdgeMessageOf<'hello'> {
    return {
      ...head(),
      type: 'hello',
      agent_version: voxeronVersion,
      device_id: this.config.device_id,
      protocol_versions: [EDGE_PROTOCOL_VERSION],
      queue_depth: Math.min(this.queue.pendingCount(), 100_000),
      printers: this.worker.health(),
    };
  }

  private heartbeat(): EdgeMessageOf<'heartbeat'> {
    const reconcileEvery = this.queue.unsettled(1001).length > 1000;
    if (reconcileEvery) this.sendReconcile(); // keeps the tombstone list the platform settles short
    return {
      ...head(),
      type: 'heartbeat',
      agent_version: voxeronVersion,
      queue_depth: Math.min(this.queue.pendingCount(), 100_000),
      printers: this.worker.health(),
    };
  }

  private send(message: EdgeMessage): boolean {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(encodeEdgeFrame(message));
    return true;
  }
}
