/**
 * Platform-side edge administration from the CLI: issue a one-time enrollment code for a
 * location, and show a tenant's devices online/offline with their online ratio (§16: ≥ 99 %).
 */
import { parseArgs } from 'node:util';
import { EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS } from '../../contracts/edge/index.ts';
import { issueEnrollmentCode } from '../../edge/link-server/enrollment.ts';
import {
  deviceOnlineRatio,
  isDeviceOnline,
  ONLINE_RATIO_TARGET,
} from '../../edge/link-server/device-presence.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase, type OpenedDatabase } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

async function withDatabase(
  io: CliIo,
  work: (opened: OpenedDatabase) => Promise<number>,
): Promise<number> {
  let opened: OpenedDatabase;
  try {
    opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
      signal: io.signal,
      attachToRunning: true,
    });
  } catch (error) {
    return reportStartupError(error, io);
  }
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

function uuidFlag(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !isUuid(value)) throw new UsageError(`--${name} needs a UUID`);
  return value;
}

/** `voxeron edge code --tenant T --location L [--name N] [--ttl-hours H]` */
export async function issueCode(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      tenant: { type: 'string' },
      location: { type: 'string' },
      name: { type: 'string', default: 'Kitchen box' },
      'ttl-hours': { type: 'string', default: '24' },
    },
  });
  const tenantId = uuidFlag(values, 'tenant');
  const locationId = uuidFlag(values, 'location');
  const ttlHours = Number(values['ttl-hours']);
  if (!(ttlHours > 0 && ttlHours <= 24 * 7)) throw new UsageError('--ttl-hours must be 1..168');
  return withDatabase(io, async ({ db }) => {
    const issued = await issueEnrollmentCode(db, {
      tenantId,
      locationId,
      name: values.name as string,
      ttlMs: ttlHours * 3_600_000,
      signal: io.signal,
    });
    io.stdout.write(
      `device ${issued.deviceId}\nenrollment code (shown once, valid until ${issued.expiresAt.toISOString()}):\n${issued.code}\n`,
    );
    return 0;
  });
}

/** `voxeron edge devices --tenant T [--hours 24]` */
export async function listDevices(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { tenant: { type: 'string' }, hours: { type: 'string', default: '24' } },
  });
  const tenantId = uuidFlag(values, 'tenant');
  const hours = Number(values.hours);
  if (!(hours > 0 && hours <= 24 * 90)) throw new UsageError('--hours must be 1..2160');
  return withDatabase(io, async ({ db }) => {
    const devices = await db.withTenant(tenantId, (tx) =>
      tx.query<{
        id: string;
        name: string;
        location_id: string;
        status: string;
        agent_version: string | null;
        last_seen_at: Date | null;
      }>(
        `select id::text, name, location_id::text, status, agent_version, last_seen_at from edge_devices order by name, id`,
      ),
    );
    const nowMs = Date.now();
    io.stdout.write(
      `${'device'.padEnd(38)}${'name'.padEnd(20)}${'status'.padEnd(10)}${'now'.padEnd(9)}online ${hours} h\n`,
    );
    for (const device of devices.rows) {
      const online = isDeviceOnline(
        device.last_seen_at?.getTime(),
        nowMs,
        EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS,
      );
      const ratio = await deviceOnlineRatio(db, {
        tenantId,
        deviceId: device.id,
        fromMs: nowMs - hours * 3_600_000,
        toMs: nowMs,
        heartbeatIntervalMs: EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS,
        signal: io.signal,
      });
      const mark = ratio >= ONLINE_RATIO_TARGET ? '' : '  (below the 99 % target)';
      io.stdout.write(
        `${device.id.padEnd(38)}${device.name.slice(0, 19).padEnd(20)}${device.status.padEnd(10)}${(online ? 'online' : 'offline').padEnd(9)}${(ratio * 100).toFixed(2)} %${mark}\n`,
      );
    }
    if (devices.rows.length === 0) io.stdout.write('(no devices)\n');
    return 0;
  });
}
