import type { WebSocket } from 'ws';
import type { EdgeMessage, EdgeMessageOf } from '../../contracts/edge/index.ts';
import { EDGE_PROTOCOL_VERSION, encodeEdgeFrame } from '../../contracts/edge/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { delay } from '../../platform/clock.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { Logger } from '../../platform/log/index.ts';
import { LinkCloseCode, decodeFrame, errorFrame, head } from '../link/frames.ts';
import type { AuthenticatedDevice } from './device-directory.ts';
import { checkDevice } from './device-directory.ts';
import { PresenceRecorder } from './device-presence.ts';
import { PrintJobStore } from './print-job-store.ts';

export interface DeviceSessionOptions {
  heartbeatIntervalMs: number;
  /** How often the session looks for new jobs, cancels and revocation, in ms. */
  pollIntervalMs: number;
  /** Offers sent per poll. */
  offerBatchSize: number;
  helloTimeoutMs: number;
}

/**
 * One authenticated device's connection: hello → hello_ack, then offers, acks, statuses,
 * cancels and reconciliation against `print_jobs` in the device's own tenant and location.
 */
export class DeviceSession {
  private readonly jobs: PrintJobStore;
  private readonly presence: PresenceRecorder;
  private readonly abort = new AbortController();
  private helloDone = false;
  private reofferOffered = true;
  private pauseOffersUntilMs = 0;
  private readonly cancelsSent = new Set<string>();
  private work: Promise<void> = Promise.resolve();
  /** Set by `wake()`: the poll loop looks again at once instead of sleeping. */
  private woken = false;
  private endSleep: (() => void) | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly db: Database,
    private readonly device: AuthenticatedDevice,
    private readonly options: DeviceSessionOptions,
    private readonly logger: Logger,
  ) {
    this.jobs = new PrintJobStore(db, device);
    this.presence = new PresenceRecorder(db, device);
    socket.on('message', (data, isBinary) => {
      // Messages are handled one at a time, in order: an ack never overtakes its offer's status.
      this.work = this.work
        .then(() => this.receive(data as Buffer, isBinary))
        .catch((error: unknown) => {
          this.logger.error({ err: error, deviceId: device.deviceId }, 'edge session failed');
          this.fail(
            'internal',
            'the platform could not process a message',
            LinkCloseCode.goingAway,
          );
        });
    });
    socket.on('close', () => {
      this.abort.abort();
      if (this.helloDone) void this.presence.disconnected().catch(() => undefined);
    });
    const helloTimer = setTimeout(() => {
      if (!this.helloDone)
        this.fail('invalid_message', 'no hello in time', LinkCloseCode.helloTimeout);
    }, options.helloTimeoutMs);
    this.abort.signal.addEventListener('abort', () => clearTimeout(helloTimer), { once: true });
  }

  get closed(): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) resolve();
      else this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  close(code: number = LinkCloseCode.goingAway, reason = 'platform shutting down'): void {
    this.socket.close(code, reason);
  }

  private send(message: EdgeMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeEdgeFrame(message));
  }

  /** Sends an error and closes: the link is reset, the agent's queue is untouched. */
  private fail(
    code: EdgeMessageOf<'error'>['code'],
    text: string,
    closeCode: number,
    inReplyTo: string | null = null,
  ): void {
    this.send(errorFrame(code, text, inReplyTo));
    this.socket.close(closeCode, text.slice(0, 120));
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.abort.signal.aborted) return;
    if (isBinary) {
      this.fail('invalid_message', 'frames are UTF-8 JSON text', LinkCloseCode.invalidMessage);
      return;
    }
    const decoded = decodeFrame(data, 'platform');
    if (!decoded.ok) {
      this.logger.warn(
        { deviceId: this.device.deviceId, code: decoded.code },
        'edge frame refused',
      );
      this.fail(decoded.code, decoded.reason, decoded.closeCode);
      return;
    }
    const message = decoded.message;
    const signal = this.abort.signal;
    if (!this.helloDone) {
      if (message.type !== 'hello') {
        this.fail(
          'invalid_message',
          'the first message must be hello',
          LinkCloseCode.invalidMessage,
          message.id,
        );
        return;
      }
      await this.hello(message);
      return;
    }
    switch (message.type) {
      case 'hello':
        this.fail(
          'invalid_message',
          'hello was already received',
          LinkCloseCode.invalidMessage,
          message.id,
        );
        return;
      case 'heartbeat':
        await this.presence.heartbeat(message.agent_version, message, signal);
        return;
      case 'job_ack': {
        const ok = await this.jobs.recordAck(
          message.job_id,
          message.result,
          message.reason,
          signal,
        );
        if (message.result === 'rejected') this.pauseOffersUntilMs = Date.now() + 1000;
        if (!ok)
          this.send(
            errorFrame(
              'unknown_job',
              `job ${message.job_id} is not offered to this device`,
              message.id,
            ),
          );
        return;
      }
      case 'job_status': {
        const ok = await this.jobs.recordStatus(
          message.job_id,
          message.status,
          message.attempts,
          message.error,
          signal,
        );
        if (!ok)
          this.send(
            errorFrame('unknown_job', `job ${message.job_id} is not this device's`, message.id),
          );
        return;
      }
      case 'reconcile_request': {
        const resolutions = await this.jobs.reconcile(message.jobs, signal);
        for (const job of message.jobs) {
          if (job.status !== 'queued' && job.status !== 'printing') {
            await this.jobs.recordStatus(job.job_id, job.status, 0, undefined, signal);
          }
        }
        this.send({
          ...head(),
          type: 'reconcile_result',
          in_reply_to: message.id,
          jobs: resolutions,
        });
        return;
      }
      case 'error':
        this.logger.warn(
          { deviceId: this.device.deviceId, code: message.code },
          'edge agent reported an error',
        );
        return;
      default:
        this.fail(
          'invalid_message',
          `unexpected ${message.type}`,
          LinkCloseCode.invalidMessage,
          message.id,
        );
    }
  }

  private async hello(message: EdgeMessageOf<'hello'>): Promise<void> {
    if (message.device_id !== this.device.deviceId) {
      this.fail(
        'unauthorized',
        'device_id does not match the client certificate',
        LinkCloseCode.unauthorized,
        message.id,
      );
      return;
    }
    if (!message.protocol_versions.includes(EDGE_PROTOCOL_VERSION)) {
      this.fail(
        'unsupported_version',
        `the platform speaks edge protocol ${EDGE_PROTOCOL_VERSION}; the agent offered ${message.protocol_versions.join(', ')}`,
        LinkCloseCode.unsupportedVersion,
        message.id,
      );
      return;
    }
    this.helloDone = true;
    await this.presence.connected(message.agent_version, message, this.abort.signal);
    this.send({
      ...head(),
      type: 'hello_ack',
      in_reply_to: message.id,
      protocol_version: EDGE_PROTOCOL_VERSION,
      location_id: this.device.locationId,
      heartbeat_interval_ms: this.options.heartbeatIntervalMs,
      server_time: new Date().toISOString(),
    });
    void this.pollLoop();
  }

  /** The device's location has new print work (a job, a cancel): look now, not at the next poll. */
  wake(): void {
    this.woken = true;
    this.endSleep?.();
  }

  get locationId(): string {
    return this.device.locationId;
  }

  /** Sleeps up to `pollIntervalMs`, less when woken; a wake-up during the last look counts. */
  private async sleepUntilWoken(signal: AbortSignal): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const woken = new Promise<void>((resolve) => {
      this.endSleep = resolve;
    });
    try {
      await Promise.race([delay(this.options.pollIntervalMs, signal), woken]);
    } finally {
      this.endSleep = undefined;
      this.woken = false;
    }
  }

  /**
   * Offers new jobs, sends cancels and notices revocation: when woken for its location, and
   * every `pollIntervalMs` in case a notification was lost.
   */
  private async pollLoop(): Promise<void> {
    const signal = this.abort.signal;
    try {
      // Let the agent's reconcile_request go first after a reconnect.
      await delay(Math.min(200, this.options.pollIntervalMs), signal);
      while (!signal.aborted) {
        const check = await checkDevice(this.db, this.device, signal);
        if (!check.ok) {
          this.fail('unauthorized', `device ${check.reason}`, LinkCloseCode.unauthorized);
          return;
        }
        await this.work;
        for (const jobId of await this.jobs.pendingCancels(signal)) {
          if (this.cancelsSent.has(jobId)) continue;
          this.cancelsSent.add(jobId);
          this.send({
            ...head(),
            type: 'cancel',
            job_id: jobId,
            reason: 'canceled on the platform',
          });
        }
        if (Date.now() >= this.pauseOffersUntilMs) {
          const offers = await this.jobs.claimOffers(
            this.options.offerBatchSize,
            this.reofferOffered,
            signal,
          );
          this.reofferOffered = false;
          for (const offer of offers) {
            this.send({
              ...head(),
              type: 'job_offer',
              job_id: offer.jobId,
              printer_id: offer.printerId,
              ticket: offer.ticket,
            });
          }
          if (offers.length === this.options.offerBatchSize) continue;
        }
        await this.sleepUntilWoken(signal);
      }
    } catch (error) {
      if (signal.aborted) return;
      this.logger.error(
        { err: errorMessage(error), deviceId: this.device.deviceId },
        'edge poll failed',
      );
      this.close(LinkCloseCode.goingAway, 'platform error');
    }
  }
}
