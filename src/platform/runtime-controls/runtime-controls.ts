import { delay } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { listenResiliently } from '../db/resilient-listen.ts';
import type { Logger } from '../log/index.ts';
import { runtimeControlsChannel } from './channel.ts';
import type { IntegrationName } from './kill-switch.ts';
import { loadRuntimeSnapshot } from './load-snapshot.ts';
import { RuntimeSnapshot } from './runtime-snapshot.ts';

export interface RuntimeControlsOptions {
  db: Database;
  logger: Logger;
  /**
   * Full reload without a notification, in ms: the bound on staleness if a NOTIFY is ever lost
   * in a way the reconnect does not notice. @default 30_000
   */
  pollIntervalMs?: number;
  /** First wait before re-LISTENing after the connection dropped, in ms; doubles to 10 s. @default 200 */
  reconnectBaseMs?: number;
}

/**
 * Feature flags and kill switches of the whole platform, held in memory by every worker and
 * kept current by LISTEN on {@link runtimeControlsChannel} (a change reaches the process in
 * milliseconds), a full reload after every (re)connect (what was missed while disconnected), and
 * a periodic reload as the last safety net. Queries are synchronous and never touch the database.
 * See docs/adr/0013-kill-switch-propagation.md.
 */
export class RuntimeControls {
  private snapshot: RuntimeSnapshot = RuntimeSnapshot.empty;
  private readonly changeListeners = new Set<() => void>();
  private readonly stopController = new AbortController();
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  private loops: Promise<unknown> | undefined;
  private reloadCount = 0;

  private constructor(private readonly options: RuntimeControlsOptions) {}

  /** Loads once (throws if that fails), starts listening, and resolves when listening. */
  static async start(
    options: RuntimeControlsOptions,
    signal?: AbortSignal,
  ): Promise<RuntimeControls> {
    const controls = new RuntimeControls(options);
    signal?.addEventListener('abort', () => void controls.stop(), { once: true });
    controls.snapshot = await loadRuntimeSnapshot(options.db, signal);
    let listening!: () => void;
    const firstListen = new Promise<void>((resolve) => (listening = resolve));
    controls.loops = Promise.all([controls.listenLoop(listening), controls.pollLoop()]);
    await Promise.race([firstListen, controls.loops]);
    return controls;
  }

  isOverflowOff(tenantId: string, locationId?: string): boolean {
    return this.snapshot.isOverflowOff(tenantId, locationId);
  }

  isIntegrationOff(tenantId: string, integration: IntegrationName): boolean {
    return this.snapshot.isIntegrationOff(tenantId, integration);
  }

  isVendorOff(vendor: string, tenantId?: string): boolean {
    return this.snapshot.isVendorOff(vendor, tenantId);
  }

  flagEnabled(key: string, tenantId: string): boolean {
    return this.snapshot.flagEnabled(key, tenantId);
  }

  /** Tenants whose integration is off (for the dispatcher's claim), or `'all'`. */
  integrationOffTenants(integration: IntegrationName): readonly string[] | 'all' {
    return this.snapshot.integrationOffTenants(integration);
  }

  /** Completed reloads since start (tests observe catch-up through it). */
  get reloads(): number {
    return this.reloadCount;
  }

  /** Called after every reload; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Reloads now (coalesced: at most one in flight, one queued). Never throws. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        try {
          this.snapshot = await loadRuntimeSnapshot(this.options.db, this.stopController.signal);
          this.reloadCount += 1;
          for (const listener of this.changeListeners) listener();
        } catch (error) {
          if (this.stopController.signal.aborted) return;
          // Keep serving the last snapshot; the next notification or poll tries again.
          this.options.logger.warn({ err: error }, 'reloading runtime controls failed');
        }
      } while (this.reloadAgain && !this.stopController.signal.aborted);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.loops;
    await this.reloading;
  }

  private async pollLoop(): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      await delay(this.options.pollIntervalMs ?? 30_000, signal).catch(() => undefined);
      if (!signal.aborted) await this.reload();
    }
  }

  /** Holds one LISTEN connection; after a drop, reconnects with backoff and reloads in full. */
  private async listenLoop(onFirstListen: () => void): Promise<void> {
    await listenResiliently({
      pool: this.options.db.pool,
      channel: runtimeControlsChannel,
      onNotification: () => void this.reload(),
      onListening: async (reconnected) => {
        // Whatever changed while we were not listening is caught by a full reload.
        if (reconnected) await this.reload();
        onFirstListen();
      },
      logger: this.options.logger,
      what: 'runtime controls',
      ...(this.options.reconnectBaseMs === undefined
        ? {}
        : { reconnectBaseMs: this.options.reconnectBaseMs }),
      signal: this.stopController.signal,
    });
  }
}
