/**
 * A vendor's error message made fit to store in an event that webhooks may deliver: vendors echo
 * request details (a URL with its key, an `Authorization` header) in their errors, so the
 * credentials this process holds, and anything shaped like one, are blanked, and the text is cut
 * to the contract's length.
 */

const redacted = '[redacted]';

/** Shorter values are not blanked on their own: they would hit ordinary words. */
const minSecretLength = 8;

const secretShapes: readonly [RegExp, string][] = [
  // `Authorization: Bearer abc…`, `Token abc…`, `Basic abc…`
  [/\b(bearer|basic|token)(\s+)[\w.~+/=-]{16,}/gi, `$1$2${redacted}`],
  // `api_key=…`, `"xi-api-key": "…"`, `secret: …`, `?token=…`
  [
    /\b([\w-]*(?:api[_-]?key|apikey|token|secret|password|passwd|signature|credential|authorization|access[_-]?key)[\w-]*)(["']?\s*[:=]\s*["']?)[^\s"'&,;)}]+/gi,
    `$1$2${redacted}`,
  ],
  // `wss://user:password@host`
  [/(\/\/)[^\s/@:]+:[^\s/@]+@/g, `$1${redacted}@`],
  // JSON web tokens, OpenAI-style `sk-…` keys, and long opaque hex or base64 strings
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, redacted],
  [/\bsk-[\w-]{16,}/g, redacted],
  [/\b[A-Za-z0-9+/]{32,}={0,2}/g, redacted],
];

/**
 * `message` with `secrets` (the configured API keys) and credential-shaped text replaced by
 * "[redacted]", at most `maxLength` characters.
 */
export function redactSecrets(
  message: string,
  secrets: readonly string[] = [],
  maxLength = 500,
): string {
  let text = message;
  for (const secret of secrets) {
    if (secret.length >= minSecretLength) text = text.split(secret).join(redacted);
  }
  for (const [shape, replacement] of secretShapes) text = text.replace(shape, replacement);
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
