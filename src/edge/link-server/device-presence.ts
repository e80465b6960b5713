import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AuthenticatedDevice } from './device-directory.ts';

/** A device counts as online while heartbeats are this many intervals apart at most. */
export const MISSED_HEARTBEATS_OFFLINE = 3;

/** Blueprint §16: the edge agent online ratio target. */
export const ONLINE_RATIO_TARGET = 0.99;

/** Online when its last sign of life is within {@link MISSED_HEARTBEATS_OFFLINE} intervals. */
export function isDeviceOnline(
  lastSeenAtMs: number | undefined,
  nowMs: number,
  heartbeatIntervalMs: number,
): boolean {
  return (
    lastSeenAtMs !== undefined &&
    nowMs - lastSeenAtMs <= heartbeatIntervalMs * MISSED_HEARTBEATS_OFFLINE
  );
}

export interface OnlineInterval {
  startMs: number;
  endMs: number;
}

/** Fraction of `[fromMs, toMs)` covered by the union of `intervals` (overlaps count once). */
export function onlineRatio(
  intervals: readonly OnlineInterval[],
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;
  const clipped = intervals
    .map((i) => ({ startMs: Math.max(i.startMs, fromMs), endMs: Math.min(i.endMs, toMs) }))
    .filter((i) => i.endMs > i.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  let covered = 0;
  let cursor = fromMs;
  for (const interval of clipped) {
    const start = Math.max(cursor, interval.startMs);
    if (interval.endMs > start) {
      covered += interval.endMs - start;
      cursor = interval.endMs;
    }
  }
  return covered / (toMs - fromMs);
}

/** A device's online ratio over a window, from its link sessions in `edge_device_sessions`. */
export async function deviceOnlineRatio(
  db: Database,
  input: {
    tenantId: string;
    deviceId: string;
    fromMs: number;
    toMs: number;
    heartbeatIntervalMs: number;
    signal?: AbortSignal;
  },
): Promise<number> {
  const graceMs = input.heartbeatIntervalMs * MISSED_HEARTBEATS_OFFLINE;
  const result = await db.withTenant(
    input.tenantId,
    (tx) =>
      tx.query<{ connected_at: Date; last_seen_at: Date; disconnected_at: Date | null }>(
        `select connected_at, last_seen_at, disconnected_at from edge_device_sessions
         where tenant_id = $1 and device_id = $2 and connected_at < $4
           and coalesce(disconnected_at, last_seen_at + make_interval(secs => $5::double precision / 1000)) > $3`,
        [input.tenantId, input.deviceId, new Date(input.fromMs), new Date(input.toMs), graceMs],
      ),
    input.signal ? { signal: input.signal } : {},
  );
  const rows = result.rows;
  return onlineRatio(
    rows.map((row) => ({
      startMs: row.connected_at.getTime(),
      endMs:
        row.disconnected_at?.getTime() ??
        Math.min(row.last_seen_at.getTime() + graceMs, Date.now()),
    })),
    input.fromMs,
    input.toMs,
  );
}

/** Link session bookkeeping for one connection. */
export class PresenceRecorder {
  private readonly sessionId = newId();
  constructor(
    private readonly db: Database,
    private readonly device: AuthenticatedDevice,
  ) {}

  async connected(agentVersion: string, heartbeat: unknown, signal?: AbortSignal): Promise<void> {
    await this.db.withTenant(
      this.device.tenantId,
      async (tx) => {
        await tx.query(
          `insert into edge_device_sessions (tenant_id, id, device_id) values ($1, $2, $3)`,
          [this.device.tenantId, this.sessionId, this.device.deviceId],
        );
        await this.touchDevice(tx, agentVersion, heartbeat);
      },
      signal ? { signal } : {},
    );
  }

  async heartbeat(agentVersion: string, heartbeat: unknown, signal?: AbortSignal): Promise<void> {
    await this.db.withTenant(
      this.device.tenantId,
      async (tx) => {
        await tx.query(
          `update edge_device_sessions set last_seen_at = now() where tenant_id = $1 and id = $2`,
          [this.device.tenantId, this.sessionId],
        );
        await this.touchDevice(tx, agentVersion, heartbeat);
      },
      signal ? { signal } : {},
    );
  }

  async disconnected(): Promise<void> {
    await this.db.withTenant(this.device.tenantId, async (tx) => {
      await tx.query(
        `update edge_device_sessions set disconnected_at = now(), last_seen_at = now() where tenant_id = $1 and id = $2`,
        [this.device.tenantId, this.sessionId],
      );
    });
  }

  private async touchDevice(
    tx: { query: (text: string, values?: readonly unknown[]) => Promise<unknown> },
    agentVersion: string,
    heartbeat: unknown,
  ): Promise<void> {
    await tx.query(
      `update edge_devices set last_seen_at = now(), agent_version = $3, last_heartbeat = $4
       where tenant_id = $1 and id = $2`,
      [this.device.tenantId, this.device.deviceId, agentVersion, JSON.stringify(heartbeat)],
    );
  }
}
