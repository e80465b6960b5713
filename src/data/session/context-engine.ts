import { configChannel } from '../../contracts/events/config-notification.ts';
/**
 * The context engine: a per-location hot cache of the menu (with its compiled lexicon) and the
 * kitchen status, read through the typed tool runner. A short TTL (default 1 s) plus explicit
 * {@link ContextEngine.invalidate} means a session sees an 86'd item or a new wait within 2 s,
 * without a database round-trip on every turn.
 */
import type pg from 'pg';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { KitchenStatus } from '../../contracts/tools/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemClock } from '../../platform/clock.ts';
import { listenResiliently } from '../../platform/db/resilient-listen.ts';
import { silentLogger, type Logger } from '../../platform/log/index.ts';
import type { MenuLexicon } from '../understanding/index.ts';
import { compileMenu } from '../understanding/index.ts';
import type { ToolRunner } from './tool-runner.ts';

/**
 * Channel the control plane NOTIFYs when a location's menu or kitchen status changes; the payload
 * is `{"tenant_id": "…", "location_id": "…"}` (location optional: the whole tenant).
 */
/** Config changes (menu, kitchen status) arrive on the control plane's channel. */
export const contextInvalidationChannel = configChannel;

export interface LocationContext {
  menu: MenuV1;
  menuRevision: number;
  lexicon: MenuLexicon;
  kitchen: KitchenStatus;
}

interface Entry<T> {
  value: Promise<T>;
  fetchedAtMs: number;
  settled?: T;
}

export interface ContextEngineOptions {
  /** How long a cached menu or kitchen status is served without re-reading. @default 1000 */
  ttlMs?: number;
  clock?: Clock;
}

export class ContextEngine {
  private readonly menus = new Map<
    string,
    Entry<{ menu: MenuV1; revision: number; lexicon: MenuLexicon }>
  >();
  private readonly kitchens = new Map<string, Entry<KitchenStatus>>();
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly tools: ToolRunner,
    options: ContextEngineOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.clock = options.clock ?? systemClock;
  }

  async get(tenantId: string, locationId: string, signal?: AbortSignal): Promise<LocationContext> {
    const scope = { tenantId, locationId };
    const key = `${tenantId}/${locationId}`;
    const [menu, kitchen] = await Promise.all([
      this.cached(this.menus, key, async () => {
        const output = await this.tools.run('get_menu', scope, {}, signal);
        return { menu: output.menu, revision: output.revision, lexicon: compileMenu(output.menu) };
      }),
      this.cached(this.kitchens, key, () =>
        this.tools.run('get_kitchen_status', scope, {}, signal),
      ),
    ]);
    return { menu: menu.menu, menuRevision: menu.revision, lexicon: menu.lexicon, kitchen };
  }

  /** Drops everything cached (the invalidations of a while may have been missed). */
  invalidateAll(): void {
    this.menus.clear();
    this.kitchens.clear();
  }

  /** Drops cached data of one location (or every location of the tenant). */
  invalidate(tenantId: string, locationId?: string): void {
    for (const map of [this.menus, this.kitchens] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) {
        if (
          locationId === undefined
            ? key.startsWith(`${tenantId}/`)
            : key === `${tenantId}/${locationId}`
        )
          map.delete(key);
      }
    }
  }

  private async cached<T>(
    map: Map<string, Entry<T>>,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const now = this.clock.monotonicMs();
    const entry = map.get(key);
    if (entry && now - entry.fetchedAtMs < this.ttlMs) return entry.value;
    const stale = entry?.settled;
    const fresh: Entry<T> = { value: load(), fetchedAtMs: now };
    map.set(key, fresh);
    try {
      const value = await fresh.value;
      fresh.settled = value;
      return value;
    } catch (error) {
      // Serve the last good value when a refresh fails; a first load has nothing to serve.
      if (map.get(key) === fresh) {
        if (stale !== undefined)
          map.set(key, { value: Promise.resolve(stale), fetchedAtMs: now, settled: stale });
        else map.delete(key);
      }
      if (stale !== undefined) return stale;
      throw error;
    }
  }
}

/**
 * LISTENs on {@link contextInvalidationChannel} and invalidates the engine's cache for each
 * notification, until `signal` aborts; after a lost connection it reconnects and drops the
 * whole cache (what was notified meanwhile is unknown). Resolves once listening.
 */
export async function listenForContextInvalidation(
  pool: pg.Pool,
  engine: ContextEngine,
  signal: AbortSignal,
  logger: Logger = silentLogger,
): Promise<void> {
  let listening!: () => void;
  const firstListen = new Promise<void>((resolve) => (listening = resolve));
  void listenResiliently({
    pool,
    channel: contextInvalidationChannel,
    onNotification: (payload) => {
      try {
        const parsed = JSON.parse(payload ?? '') as { tenant_id?: string; location_id?: string };
        if (parsed.tenant_id) engine.invalidate(parsed.tenant_id, parsed.location_id);
      } catch {
        // A malformed notification is ignored; the TTL still bounds staleness.
      }
    },
    onListening: (reconnected) => {
      if (reconnected) engine.invalidateAll();
      listening();
    },
    logger,
    what: 'context engine',
    signal,
  });
  await Promise.race([
    firstListen,
    new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    ),
  ]);
}
