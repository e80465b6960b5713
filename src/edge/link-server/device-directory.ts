import type { Database } from '../../platform/db/index.ts';
import type { DeviceIdentity } from '../pki/device-identity.ts';

/** A device the link server let in: tenant and location from `edge_devices`, never a message. */
export interface AuthenticatedDevice {
  tenantId: string;
  deviceId: string;
  locationId: string;
  serial: string;
}

export type DeviceCheck =
  | { ok: true; device: AuthenticatedDevice }
  | { ok: false; reason: 'unknown_device' | 'revoked' | 'not_enrolled' | 'certificate_replaced' };

/**
 * Checks a certificate's identity against `edge_devices`: enrolled, not revoked, and the
 * certificate serial current (or the previous one, until the new one is first seen).
 */
export async function checkDevice(
  db: Database,
  identity: DeviceIdentity,
  signal?: AbortSignal,
): Promise<DeviceCheck> {
  return db.withTenant(
    identity.tenantId,
    async (tx): Promise<DeviceCheck> => {
      const found = await tx.query<{
        location_id: string;
        status: string;
        cert_serial: string | null;
        previous_cert_serial: string | null;
      }>(
        `select location_id, status, cert_serial, previous_cert_serial from edge_devices
         where tenant_id = $1 and id = $2`,
        [identity.tenantId, identity.deviceId],
      );
      const row = found.rows[0];
      if (row === undefined) return { ok: false, reason: 'unknown_device' };
      if (row.status === 'revoked') return { ok: false, reason: 'revoked' };
      if (row.status !== 'enrolled') return { ok: false, reason: 'not_enrolled' };
      if (row.cert_serial === identity.serial) {
        if (row.previous_cert_serial !== null) {
          await tx.query(
            `update edge_devices set previous_cert_serial = null where tenant_id = $1 and id = $2`,
            [identity.tenantId, identity.deviceId],
          );
        }
      } else if (row.previous_cert_serial !== identity.serial) {
        return { ok: false, reason: 'certificate_replaced' };
      }
      return {
        ok: true,
        device: {
          tenantId: identity.tenantId,
          deviceId: identity.deviceId,
          locationId: row.location_id,
          serial: identity.serial,
        },
      };
    },
    signal ? { signal } : {},
  );
}
