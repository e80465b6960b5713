import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DeviceIdentity } from '../pki/device-identity.ts';
import type { IssuedCertificate, PlatformCa } from '../pki/platform-ca.ts';
import { issueDeviceCertificate } from '../pki/platform-ca.ts';

/** An enrollment code is good for 24 hours unless the caller says otherwise. */
export const DEFAULT_ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000;
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 32-letter alphabet without look-alikes: 100 bits, typed by a human. */
function newEnrollmentCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((byte) => codeAlphabet[byte % 32]!);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join('')).join('-');
}

function hashCode(code: string): Buffer {
  return createHash('sha256').update(code.trim().toUpperCase()).digest();
}

export interface EnrollmentCode {
  deviceId: string;
  /** Shown once; only its SHA-256 is stored. */
  code: string;
  expiresAt: Date;
}

/** Creates a pending device for (tenant, location) and its one-time enrollment code. */
export async function issueEnrollmentCode(
  db: Database,
  input: {
    tenantId: string;
    locationId: string;
    name: string;
    ttlMs?: number;
    signal?: AbortSignal;
  },
): Promise<EnrollmentCode> {
  const deviceId = newId();
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + (input.ttlMs ?? DEFAULT_ENROLLMENT_TTL_MS));
  await db.withTenant(
    input.tenantId,
    async (tx) => {
      await tx.query(
        `insert into edge_devices (tenant_id, id, location_id, name, status, enrollment_code_hash, enrollment_expires_at)
         values ($1, $2, $3, $4, 'pending', $5, $6)`,
        [input.tenantId, deviceId, input.locationId, input.name, hashCode(code), expiresAt],
      );
    },
    { ...(input.signal ? { signal: input.signal } : {}) },
  );
  return { deviceId, code, expiresAt };
}

export interface EnrolledDevice {
  tenantId: string;
  deviceId: string;
  locationId: string;
  certPem: string;
  caPem: string;
}

const codeRefused = () =>
  new NotFoundError('the enrollment code is unknown, already used or expired; issue a new one');

/**
 * Exchanges a one-time code and a CSR for a device certificate. The code is cleared in the
 * same transaction that enrolls the device, so it works once.
 */
export async function enrollDevice(
  db: Database,
  ca: PlatformCa,
  input: { code: string; csrPem: string; signal?: AbortSignal },
): Promise<EnrolledDevice> {
  const options = input.signal ? { signal: input.signal } : {};
  const codeHash = hashCode(input.code);
  const found = await db.withoutTenant(
    (tx) =>
      tx.query<{ tenant_id: string; device_id: string; location_id: string }>(
        'select tenant_id, device_id, location_id from edge_enrollment_lookup($1)',
        [codeHash],
      ),
    options,
  );
  const device = found.rows[0];
  if (device === undefined) throw codeRefused();
  const identity = { tenantId: device.tenant_id, deviceId: device.device_id };
  const issued = await issueDeviceCertificate(ca, input.csrPem, identity);
  await db.withTenant(
    identity.tenantId,
    async (tx) => {
      const updated = await tx.query(
        `update edge_devices set status = 'enrolled', enrollment_code_hash = null,
           cert_serial = $3, cert_fingerprint = $4, cert_not_after = $5
         where tenant_id = $1 and id = $2 and status = 'pending' and enrollment_code_hash = $6
           and enrollment_expires_at > now()`,
        [
          identity.tenantId,
          identity.deviceId,
          issued.serial,
          issued.fingerprint,
          issued.notAfter,
          codeHash,
        ],
      );
      if (updated.rowCount !== 1) throw codeRefused();
    },
    options,
  );
  return {
    ...identity,
    locationId: device.location_id,
    certPem: issued.certPem,
    caPem: ca.certPem,
  };
}

/**
 * Issues a new certificate to an authenticated device. The old one keeps working until the
 * device is first seen with the new one (a lost answer must not lock it out).
 */
export async function rotateDeviceCertificate(
  db: Database,
  ca: PlatformCa,
  identity: DeviceIdentity,
  csrPem: string,
  signal?: AbortSignal,
): Promise<IssuedCertificate> {
  const issued = await issueDeviceCertificate(ca, csrPem, identity);
  await db.withTenant(
    identity.tenantId,
    async (tx) => {
      const updated = await tx.query(
        `update edge_devices set previous_cert_serial = cert_serial, cert_serial = $3,
           cert_fingerprint = $4, cert_not_after = $5
         where tenant_id = $1 and id = $2 and status = 'enrolled' and cert_serial = $6`,
        [
          identity.tenantId,
          identity.deviceId,
          issued.serial,
          issued.fingerprint,
          issued.notAfter,
          identity.serial,
        ],
      );
      if (updated.rowCount !== 1)
        throw new NotFoundError('only the current certificate can be rotated');
    },
    signal ? { signal } : {},
  );
  return issued;
}

/** Revokes a device: its certificates are refused at the next handshake and its link is closed. */
export async function revokeDevice(
  db: Database,
  input: { tenantId: string; deviceId: string; signal?: AbortSignal },
): Promise<boolean> {
  const result = await db.withTenant(
    input.tenantId,
    (tx) =>
      tx.query(
        `update edge_devices set status = 'revoked', enrollment_code_hash = null where tenant_id = $1 and id = $2`,
        [input.tenantId, input.deviceId],
      ),
    input.signal ? { signal: input.signal } : {},
  );
  return result.rowCount === 1;
}
