import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import { EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS } from '../../contracts/edge/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { errorMessage, isVoxeronError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/log/index.ts';
import { silentLogger } from '../../platform/log/index.ts';
import { WS_MAX_PAYLOAD_BYTES } from '../link/frames.ts';
import { EDGE_ENROLL_PATH, EDGE_LINK_PATH, EDGE_ROTATE_PATH } from '../link/paths.ts';
import { deviceIdentityOf } from '../pki/device-identity.ts';
import type { PlatformCa } from '../pki/platform-ca.ts';
import { issueServerCertificate } from '../pki/platform-ca.ts';
import { checkDevice } from './device-directory.ts';
import { DeviceSession } from './device-session.ts';
import { enrollDevice, rotateDeviceCertificate } from './enrollment.ts';
import { listenForPrintJobs } from './print-job-wakeups.ts';

export interface EdgeLinkServerOptions {
  db: Database;
  ca: PlatformCa;
  host?: string;
  /** mTLS port of the link (and certificate rotation). 0 picks a free one. @default 8443 */
  port?: number;
  /** TLS port for enrollment (no client certificate yet). @default 8444 */
  enrollmentPort?: number;
  /** Host names/IPs agents dial, put in the server certificate. @default [host] */
  hostNames?: string[];
  heartbeatIntervalMs?: number;
  /**
   * How often each session looks for work without being woken (a lost notification, a
   * revoked device), in ms. New jobs and cancels wake it at once (LISTEN). @default 1000
   */
  pollIntervalMs?: number;
  /** Wake sessions through LISTEN; false leaves them to the poll (for comparison). @default true */
  wakeUps?: boolean;
  logger?: Logger;
}

export interface EdgeLinkServer {
  port: number;
  enrollmentPort: number;
  /** Open device connections, by device id. */
  connectedDevices(): string[];
  close(): Promise<void>;
}

async function readJsonBody(request: IncomingMessage, limitBytes = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new Error(`request body over ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listen(server: https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/**
 * The platform side of the edge link: mTLS WebSocket server (client certificate required and
 * verified against the platform CA; identity checked in `edge_devices`), certificate rotation
 * over the same mTLS port, and enrollment on a separate server-auth-only TLS port.
 */
export async function startEdgeLinkServer(options: EdgeLinkServerOptions): Promise<EdgeLinkServer> {
  const { db, ca } = options;
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const serverCert = await issueServerCertificate(ca, options.hostNames ?? [host, 'localhost']);
  const tls = {
    key: serverCert.keyPem,
    cert: serverCert.certPem,
    ca: ca.certPem,
    minVersion: 'TLSv1.2' as const,
  };
  const sessions = new Map<string, DeviceSession>();
  let linkPort = 0;
  const sessionOptions = {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    offerBatchSize: 50,
    helloTimeoutMs: 10_000,
  };

  const link = https.createServer({ ...tls, requestCert: true, rejectUnauthorized: true });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  link.on('upgrade', (request: IncomingMessage, socket: Duplex, upgradeHead: Buffer) => {
    void (async () => {
      const tlsSocket = request.socket as TLSSocket;
      const identity = deviceIdentityOf(tlsSocket.getPeerCertificate());
      if (request.url !== EDGE_LINK_PATH) return refuseUpgrade(socket, 404, 'Not Found');
      if (!tlsSocket.authorized || identity === undefined)
        return refuseUpgrade(socket, 401, 'Unauthorized');
      const check = await checkDevice(db, identity);
      if (!check.ok) {
        logger.warn({ deviceId: identity.deviceId, reason: check.reason }, 'edge device refused');
        return refuseUpgrade(socket, 403, 'Forbidden');
      }
      wss.handleUpgrade(request, socket, upgradeHead, (ws) => {
        sessions.get(identity.deviceId)?.close(4004, 'replaced by a newer connection');
        const session = new DeviceSession(ws, db, check.device, sessionOptions, logger);
        sessions.set(identity.deviceId, session);
        void session.closed.then(() => {
          if (sessions.get(identity.deviceId) === session) sessions.delete(identity.deviceId);
        });
      });
    })().catch((error: unknown) => {
      logger.error({ err: errorMessage(error) }, 'edge upgrade failed');
      refuseUpgrade(socket, 503, 'Service Unavailable');
    });
  });
  link.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const identity = deviceIdentityOf((request.socket as TLSSocket).getPeerCertificate());
      if (request.method !== 'POST' || request.url !== EDGE_ROTATE_PATH)
        return reply(response, 404, { error: 'not_found' });
      if (identity === undefined || !(await checkDevice(db, identity)).ok)
        return reply(response, 403, { error: 'unauthorized' });
      const body = (await readJsonBody(request)) as { csr?: unknown };
      if (typeof body.csr !== 'string') return reply(response, 400, { error: 'csr missing' });
      const issued = await rotateDeviceCertificate(db, ca, identity, body.csr);
      reply(response, 200, { cert: issued.certPem, ca: ca.certPem });
    })().catch((error: unknown) =>
      reply(response, isVoxeronError(error) && !error.retryable ? 400 : 500, {
        error: errorMessage(error),
      }),
    );
  });

  const enrollment = https.createServer(tls, (request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== EDGE_ENROLL_PATH)
        return reply(response, 404, { error: 'not_found' });
      const body = (await readJsonBody(request)) as { code?: unknown; csr?: unknown };
      if (typeof body.code !== 'string' || typeof body.csr !== 'string') {
        return reply(response, 400, { error: 'code and csr are required' });
      }
      const enrolled = await enrollDevice(db, ca, { code: body.code, csrPem: body.csr });
      logger.info(
        { deviceId: enrolled.deviceId, tenantId: enrolled.tenantId },
        'edge device enrolled',
      );
      reply(response, 200, {
        device_id: enrolled.deviceId,
        tenant_id: enrolled.tenantId,
        location_id: enrolled.locationId,
        link_port: linkPort,
        cert: enrolled.certPem,
        ca: enrolled.caPem,
      });
    })().catch((error: unknown) => {
      const status =
        isVoxeronError(error) && error.code === 'not_found'
          ? 403
          : isVoxeronError(error) && !error.retryable
            ? 400
            : 500;
      reply(response, status, { error: errorMessage(error) });
    });
  });

  const stopListening = new AbortController();
  const listening =
    (options.wakeUps ?? true)
      ? listenForPrintJobs({
          db,
          onLocation: (locationId) => {
            for (const session of sessions.values()) {
              if (session.locationId === locationId) session.wake();
            }
          },
          onAll: () => {
            for (const session of sessions.values()) session.wake();
          },
          logger,
          signal: stopListening.signal,
        })
      : Promise.resolve();
  let port: number;
  let enrollmentPort: number;
  try {
    port = await listen(link, options.port ?? 8443, host);
    linkPort = port;
    enrollmentPort = await listen(enrollment, options.enrollmentPort ?? 8444, host);
  } catch (error) {
    // A taken port: nothing else was started for this server but the listener and the link.
    stopListening.abort();
    await listening;
    link.close(() => undefined);
    throw error;
  }
  return {
    port,
    enrollmentPort,
    connectedDevices: () => [...sessions.keys()],
    close: async () => {
      stopListening.abort();
      await listening;
      for (const session of sessions.values()) session.close();
      wss.close();
      link.closeAllConnections();
      enrollment.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => link.close(resolve)),
        new Promise((resolve) => enrollment.close(resolve)),
      ]);
    },
  };
}
