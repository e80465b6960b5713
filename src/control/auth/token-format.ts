import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens look like `vx_<prefix>_<secret>`: an 8-hex-digit prefix that identifies the token
 * in lists and logs, and 256 random bits (43 base64url characters). Only SHA-256 of the whole
 * string is stored, so a database leak yields no usable token; the token is shown once.
 */
const tokenPattern = /^vx_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** The full token: show it once, never store it. */
  token: string;
  /** `vx_<prefix>`, safe to display. */
  prefix: string;
  hash: Buffer;
}

export function issueToken(): IssuedToken {
  const prefix = `vx_${randomBytes(4).toString('hex')}`;
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function isWellFormedToken(token: string): boolean {
  return tokenPattern.test(token);
}
