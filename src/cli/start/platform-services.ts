import path from 'node:path';
import { loadOrCreatePlatformCa } from '../../edge/pki/platform-ca.ts';
import {
  startEdgeLinkServer,
  type EdgeLinkServer,
} from '../../edge/link-server/edge-link-server.ts';
import {
  startDispatcher,
  type RunningDispatcher,
} from '../../integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../../integration/targets/action-target.ts';
import { ConsolePosTarget } from '../../integration/targets/console-pos-target.ts';
import { EdgePrintQueueTarget } from '../../integration/targets/edge-print-queue-target.ts';
import { FileMessageSinkTarget } from '../../integration/targets/file-message-sink-target.ts';
import { WebhookTarget } from '../../integration/targets/webhook/webhook-target.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { ConfigError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { Registry } from '../../platform/metrics/index.ts';
import { RuntimeControls } from '../../platform/runtime-controls/index.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';

export interface PlatformServices {
  dispatcher: RunningDispatcher;
  /** Flags and kill switches, current within milliseconds of a change (ADR 0013). */
  controls: RuntimeControls;
  edgeLink: EdgeLinkServer;
  /** File the demo's confirmation texts are written to (one JSON line per message). */
  messagesFile: string;
  stop(): Promise<void>;
}

/**
 * The background planes a platform process runs beside its HTTP server: the integration
 * dispatcher (demo targets: the built-in console POS, the edge print queue, a file SMS sink) and
 * the edge link server that on-site agents dial over mTLS.
 */
export async function startPlatformServices(options: {
  config: Config;
  db: Database;
  /** Opens the webhook endpoints' sealed signing secrets (ADR 0023). */
  secrets: SecretBox;
  logger: Logger;
  metrics: Registry;
}): Promise<PlatformServices> {
  const { config, db, logger, metrics, secrets } = options;
  const messagesFile = path.join(config.dataDir, 'outbox-sms.jsonl');
  const controls = await RuntimeControls.start({
    db,
    logger: logger.child({ component: 'runtime-controls' }),
  });
  const dispatcher = startDispatcher({
    // An integration kill switch defers that integration's actions; they stay pending.
    pausedTenants: (queue) => controls.integrationOffTenants(queue),
    db,
    logger: logger.child({ component: 'dispatcher' }),
    metrics,
    queues: ['pos', 'printer', 'messaging', 'webhook'],
    targets: staticTargets({
      create_pos_order: new ConsolePosTarget(db),
      dispatch_printer_ticket: new EdgePrintQueueTarget(db),
      send_confirmation_message: new FileMessageSinkTarget(messagesFile),
      // Tenants' own endpoints (Standard Webhooks); none exist until a tenant registers one.
      webhook: new WebhookTarget({
        db,
        secrets,
        allowPrivateAddresses: config.webhooksAllowPrivateAddresses,
      }),
    }),
  });
  // A released switch should not wait for the next poll to send what it held back.
  controls.onChange(() => dispatcher.wake());
  let edgeLink: EdgeLinkServer;
  try {
    const ca = await loadOrCreatePlatformCa(path.join(config.dataDir, 'pki'));
    edgeLink = await startEdgeLinkServer({
      db,
      ca,
      host: config.httpHost,
      port: config.edgeLinkPort,
      enrollmentPort: config.edgeEnrollmentPort,
      logger: logger.child({ component: 'edge-link' }),
    });
  } catch (error) {
    await dispatcher.stop();
    await controls.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(
        `edge: port ${config.edgeLinkPort} or ${config.edgeEnrollmentPort} on ${config.httpHost} is already in use. Fix: stop what uses it, or set VOXERON_EDGE_LINK_PORT / VOXERON_EDGE_ENROLLMENT_PORT (0 picks a free one).`,
      );
    }
    throw error;
  }
  return {
    dispatcher,
    controls,
    edgeLink,
    messagesFile,
    stop: async () => {
      await edgeLink.close();
      await dispatcher.stop();
      await controls.stop();
    },
  };
}
