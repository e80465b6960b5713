import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError, Retry, VoxeronError } from '../errors.ts';

/** One key of the ring: an id written beside each ciphertext, and 32 bytes for AES-256. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const keyIdPattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const sealedPattern = /^v1\.([a-z0-9][a-z0-9_-]{0,31})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;
const ivBytes = 12;
const tagBytes = 16;

/**
 * A sealed value could not be opened: its key is not configured, or the value or its context
 * changed. Retryable: a missing key is fixed by configuring it; the caller's schedule bounds
 * the retries of a value that will never open.
 */
export class SecretUnreadableError extends VoxeronError {
  readonly code = 'secret_unreadable';
  readonly retry = Retry.retryable;
}

/**
 * Encrypts secrets the platform must read back (webhook signing secrets) before they are
 * stored: AES-256-GCM under a ring of keys, the first of which seals (ADR 0023). Each sealed
 * value is bound to a context (e.g. the row it lives in) as additional authenticated data, so
 * a ciphertext copied into another row does not open there.
 * Sealed form: `v1.<keyId>.<iv, base64url>.<ciphertext and tag, base64url>`.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly current: SecretKey;

  constructor(keys: readonly SecretKey[]) {
    if (keys.length === 0) throw new ConfigError('secrets: at least one key is needed');
    for (const { id, key } of keys) {
      if (!keyIdPattern.test(id)) {
        throw new ConfigError(
          `secrets: key id "${id}" must be 1–32 of a-z, 0-9, "_" and "-", starting with a letter or digit`,
        );
      }
      if (key.length !== 32) {
        throw new ConfigError(`secrets: key "${id}" must be 32 bytes, not ${key.length}`);
      }
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.keys.size !== keys.length) throw new ConfigError('secrets: key ids must differ');
    this.current = keys[0]!;
  }

  /** The id of the key that seals; older keys only open. */
  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `v1.${this.current.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    const match = sealedPattern.exec(sealed);
    if (!match) throw new SecretUnreadableError('secrets: the value is not a sealed secret');
    const [, keyId, ivText, bodyText] = match as unknown as [string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretUnreadableError(
        `secrets: sealed with key "${keyId}", which is not configured. Fix: add it to VOXERON_SECRETS_KEYS (after the current key).`,
      );
    }
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < tagBytes) throw new SecretUnreadableError('secrets: the value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - tagBytes)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new SecretUnreadableError(
        'secrets: the value does not open with its key and context (changed, or moved from another row)',
        { cause: error },
      );
    }
  }

  /** Whether a stored value is sealed (values written before sealing was introduced are not). */
  static isSealed(value: string): boolean {
    return sealedPattern.test(value);
  }
}

/** A fresh random key, for a new install or a key rotation. */
export function newSecretKey(id: string): SecretKey {
  return { id, key: randomBytes(32) };
}

/**
 * Parses `VOXERON_SECRETS_KEYS`: comma-separated `<id>:<32 bytes, base64>`, the sealing key
 * first, keys kept only to open older values after it.
 */
export function parseSecretKeys(text: string): SecretKey[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new ConfigError(
          'secrets: each key is <id>:<base64 of 32 bytes>, e.g. k2026:$(openssl rand -base64 32)',
        );
      }
      return { id: entry.slice(0, colon), key: Buffer.from(entry.slice(colon + 1), 'base64') };
    });
}

export function formatSecretKeys(keys: readonly SecretKey[]): string {
  return keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');
}
