import type { PeerCertificate } from 'node:tls';
import { isUuid } from '../../platform/ids.ts';

/**
 * What a device certificate says about its holder, in its SubjectAltName URI:
 * `urn:voxeron:edge:tenant:<tenant uuid>:device:<device uuid>`. Signed by the platform CA, so
 * it cannot be forged; the link server still checks it against `edge_devices`.
 */
export interface DeviceIdentity {
  tenantId: string;
  deviceId: string;
  /** Lower-case hex, no leading zeros: how `edge_devices.cert_serial` stores it. */
  serial: string;
}

const uriPattern = /^urn:voxeron:edge:tenant:([0-9a-f-]{36}):device:([0-9a-f-]{36})$/;

export function deviceUri(tenantId: string, deviceId: string): string {
  return `urn:voxeron:edge:tenant:${tenantId}:device:${deviceId}`;
}

export function normalizeSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}

/** Reads the identity of a TLS peer; undefined when it is not a device certificate. */
export function deviceIdentityOf(peer: PeerCertificate | undefined): DeviceIdentity | undefined {
  if (!peer || typeof peer.subjectaltname !== 'string') return undefined;
  for (const entry of peer.subjectaltname.split(/,\s*/)) {
    if (!entry.startsWith('URI:')) continue;
    const match = uriPattern.exec(entry.slice(4));
    if (match && isUuid(match[1]!) && isUuid(match[2]!)) {
      return {
        tenantId: match[1]!,
        deviceId: match[2]!,
        serial: normalizeSerial(peer.serialNumber),
      };
    }
  }
  return undefined;
}
