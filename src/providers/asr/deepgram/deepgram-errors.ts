import { ConfigError, UnavailableError, type VoxeronError } from '../../../platform/errors.ts';

/**
 * How Deepgram's failures map onto retry semantics. A refused upgrade carries an HTTP status and
 * the `dg-error` / `dg-request-id` headers; a failure mid-stream is a WebSocket close code with a
 * payload such as `DATA-0000` (audio that cannot be decoded) or `NET-0001` (no audio for 10 s).
 */
export function upgradeRefusedError(
  status: number,
  dgError: string | undefined,
  requestId: string | undefined,
  retryAfterHeader: string | undefined,
): VoxeronError {
  const detail = dgError ? `: ${dgError}` : '';
  const details = { status, requestId };
  if (status === 408 || status === 429 || status >= 500) {
    return new UnavailableError(`Deepgram refused the stream with ${status}${detail}`, {
      details,
      retryAfterMs: retryAfterMs(retryAfterHeader),
    });
  }
  // 400 (a parameter we sent), 401/403 (the key), 402 (the account's credit): our settings or
  // account are wrong, and the same request fails again until someone fixes them.
  const fix =
    status === 401 || status === 403
      ? 'check DEEPGRAM_API_KEY'
      : status === 402
        ? 'the Deepgram account is out of credit'
        : 'check the Deepgram model, language and parameters';
  return new ConfigError(`Deepgram refused the stream with ${status}${detail} (${fix})`, {
    details,
  });
}

/** Whether a stream the server closed with `code` may work if opened again. */
export function isRetryableClose(code: number): boolean {
  // 1002/1003/1007/1008: Deepgram could not use the data we sent (DATA-0000); a new stream with
  // the same audio fails the same way. Everything else (1011 NET-*, 1006 resets, an unexpected
  // 1000, 1001 going away) is the network or the vendor.
  return ![1002, 1003, 1007, 1008].includes(code);
}

export function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
