import { flagOnFor, type FlagTargeting } from './flag-rollout.ts';
import type { ActiveKillSwitch, IntegrationName } from './kill-switch.ts';

/**
 * Every flag and active kill switch at one instant, answering the workers' questions in memory.
 * Immutable: a reload builds a new one and swaps it in.
 */
export class RuntimeSnapshot {
  private readonly flags: Map<string, FlagTargeting>;

  constructor(
    flags: readonly FlagTargeting[],
    readonly killSwitches: readonly ActiveKillSwitch[],
  ) {
    this.flags = new Map(flags.map((flag) => [flag.key, flag]));
  }

  static readonly empty = new RuntimeSnapshot([], []);

  /** Overflow is off for the whole platform, the tenant, or this location. */
  isOverflowOff(tenantId: string, locationId?: string): boolean {
    return this.killSwitches.some(
      (s) =>
        s.kind === 'overflow_off' &&
        (s.tenantId === null ||
          (s.tenantId === tenantId && (s.locationId === null || s.locationId === locationId))),
    );
  }

  isIntegrationOff(tenantId: string, integration: IntegrationName): boolean {
    return this.killSwitches.some(
      (s) =>
        s.kind === 'integration_off' &&
        s.target === integration &&
        (s.tenantId === null || s.tenantId === tenantId),
    );
  }

  /** Without a tenant: only a global switch counts. */
  isVendorOff(vendor: string, tenantId?: string): boolean {
    return this.killSwitches.some(
      (s) =>
        s.kind === 'vendor_off' &&
        s.target === vendor &&
        (s.tenantId === null || s.tenantId === tenantId),
    );
  }

  /** An unknown flag is off. */
  flagEnabled(key: string, tenantId: string): boolean {
    const flag = this.flags.get(key);
    return flag !== undefined && flagOnFor(flag, tenantId);
  }

  /** Tenants whose `integration` is off, or `'all'` when it is off globally. */
  integrationOffTenants(integration: IntegrationName): readonly string[] | 'all' {
    const switches = this.killSwitches.filter(
      (s) => s.kind === 'integration_off' && s.target === integration,
    );
    if (switches.some((s) => s.tenantId === null)) return 'all';
    return [...new Set(switches.map((s) => s.tenantId!))];
  }
}
