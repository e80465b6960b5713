/** Wiring for a session without a database: a menu in memory, the memory store. */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemClock } from '../../platform/clock.ts';
import type { RuntimePolicyInput, SessionConfig, TenantOverlayInput } from '../blueprint/index.ts';
import { composeSessionConfig, restaurantBlueprintV1 } from '../blueprint/index.ts';
import { ContextEngine } from './context-engine.ts';
import { MemorySessionStore } from './memory-store.ts';
import type { DialoguePolicy } from './policy.ts';
import { SessionManager } from './session-manager.ts';
import type { StaticKitchen } from './static-source.ts';
import { StaticLocationSource } from './static-source.ts';
import { ToolRunner } from './tool-runner.ts';

/** Fixed ids for sessions that have no tenant in a database. */
export const localTenant = {
  tenantId: '01900000-0000-7000-8000-0000000010c0',
  locationId: '01900000-0000-7000-8000-0000000010c1',
} as const;

export interface LocalSessionSetup {
  manager: SessionManager;
  store: MemorySessionStore;
  source: StaticLocationSource;
  config: SessionConfig;
}

export interface LocalSessionOptions {
  clock?: Clock;
  kitchen?: Partial<StaticKitchen>;
  overlay?: Partial<TenantOverlayInput>;
  runtime?: RuntimePolicyInput;
  /** Context cache TTL. @default 1000 */
  ttlMs?: number;
  /** The dialogue policy. @default the local rules engine */
  policy?: DialoguePolicy;
}

export function createLocalSessions(
  menu: MenuV1,
  options: LocalSessionOptions = {},
): LocalSessionSetup {
  const clock = options.clock ?? systemClock;
  const source = new StaticLocationSource(menu, localTenant.locationId, options.kitchen, () =>
    clock.now(),
  );
  const store = new MemorySessionStore();
  const context = new ContextEngine(new ToolRunner(source), {
    clock,
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
  });
  const config = composeSessionConfig(
    restaurantBlueprintV1,
    {
      tenantId: localTenant.tenantId,
      locationId: localTenant.locationId,
      restaurantName: menu.name,
      ...options.overlay,
    },
    options.runtime ?? {},
  );
  return {
    manager: new SessionManager({
      store,
      context,
      clock,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
    store,
    source,
    config,
  };
}
