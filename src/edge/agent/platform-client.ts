import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { UnavailableError, ValidationError } from '../../platform/errors.ts';

export interface PostJsonOptions {
  /** Client certificate and key (rotation); none for enrollment. */
  key?: string;
  cert?: string;
  /** Trusted CA; none at enrollment (the answer carries it, see {@link postEnrollment}). */
  ca?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** POSTs JSON over TLS; resolves with the status, the body and the server's certificate. */
export function postJson(
  url: string,
  body: unknown,
  options: PostJsonOptions = {},
): Promise<{ status: number; body: unknown; serverCertDer: Buffer | undefined }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A fresh connection and TLS session: on a resumed session the peer certificate is not
        // available, and enrollment must see it (a second request in one process failed).
        agent: false,
        ...(options.key ? { key: options.key, cert: options.cert } : {}),
        ...(options.ca ? { ca: options.ca } : { rejectUnauthorized: false }),
        timeout: options.timeoutMs ?? 10_000,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (response) => {
        const serverCertDer = (response.socket as TLSSocket).getPeerCertificate?.()?.raw;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, serverCertDer });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) =>
      reject(
        new UnavailableError(`the platform at ${url} is unreachable: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    request.end(JSON.stringify(body));
  });
}

/**
 * Checks that the server that answered the enrollment holds a certificate issued by the CA it
 * handed out, and, when the operator gave one, that the CA is the expected one (pinning).
 */
export function verifyEnrollmentServer(
  serverCertDer: Buffer | undefined,
  caPem: string,
  caSha256?: string,
): void {
  const ca = new X509Certificate(caPem);
  if (caSha256 !== undefined) {
    const actual = ca.fingerprint256.replace(/:/g, '').toLowerCase();
    if (actual !== caSha256.replace(/:/g, '').toLowerCase()) {
      throw new ValidationError('the platform CA does not match --ca-sha256', [
        { path: 'ca', message: actual },
      ]);
    }
  }
  if (serverCertDer === undefined || !new X509Certificate(serverCertDer).verify(ca.publicKey)) {
    throw new ValidationError(
      'the enrollment server certificate is not issued by the platform CA it sent',
      [{ path: 'ca', message: 'server certificate mismatch' }],
    );
  }
}
