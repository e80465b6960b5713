import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com, v1.0.0): secrets are `whsec_` + base64 of
 * random bytes; a delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` over
 * `"<id>.<timestamp>.<body>"` — one per secret valid at that moment, so receivers keep
 * verifying while a secret is rotated.
 */
export const webhookSecretPrefix = 'whsec_';

/** Bytes of a new secret: the spec asks for 24–64; 32 is the HMAC-SHA256 block-size sweet spot. */
const secretBytes = 32;

/** A fresh signing secret, shown to the tenant once. */
export function newWebhookSecret(): string {
  return `${webhookSecretPrefix}${randomBytes(secretBytes).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(webhookSecretPrefix)) {
    throw new TypeError('a webhook secret starts with whsec_');
  }
  const key = Buffer.from(secret.slice(webhookSecretPrefix.length), 'base64');
  if (key.length < 24) throw new TypeError('a webhook secret holds at least 24 bytes');
  return key;
}

export interface SignedWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The three headers for one delivery attempt: `id` stays the same on every retry (receivers
 * deduplicate on it); the timestamp is the attempt's, so a retry hours later still verifies
 * within the receiver's tolerance.
 */
export function signWebhook(options: {
  id: string;
  timestampSeconds: number;
  body: string;
  /** Current secret first; during a rotation the previous one too. */
  secrets: readonly string[];
}): SignedWebhookHeaders {
  if (options.secrets.length === 0) throw new TypeError('signing needs at least one secret');
  const timestamp = String(Math.floor(options.timestampSeconds));
  const content = `${options.id}.${timestamp}.${options.body}`;
  const signatures = options.secrets.map(
    (secret) => `v1,${createHmac('sha256', secretKey(secret)).update(content).digest('base64')}`,
  );
  return {
    'webhook-id': options.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  };
}
