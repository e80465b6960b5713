import { SecretBox } from '../crypto/secret-box.ts';

/** What a sealed signing secret is bound to: its endpoint's row (ADR 0023). */
function context(tenantId: string, endpointId: string): string {
  return `webhook_endpoints/${tenantId}/${endpointId}`;
}

/** The form a new signing secret is stored in. */
export function sealWebhookSecret(
  box: SecretBox,
  tenantId: string,
  endpointId: string,
  secret: string,
): string {
  return box.seal(secret, context(tenantId, endpointId));
}

/**
 * The signing secret from its stored form. A plain `whsec_` value from before secrets were
 * sealed is returned as it is (`voxeron start` seals those).
 */
export function openWebhookSecret(
  box: SecretBox,
  tenantId: string,
  endpointId: string,
  stored: string,
): string {
  if (!SecretBox.isSealed(stored)) return stored;
  return box.open(stored, context(tenantId, endpointId));
}
