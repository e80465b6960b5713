import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { EdgeAgent } from '../../edge/agent/edge-agent.ts';
import { enrollAgent, rotateCertificateIfDue } from '../../edge/agent/enroll.ts';
import { readAgentConfig, writeAgentConfig } from '../../edge/agent/agent-config.ts';
import { issueEnrollmentCode } from '../../edge/link-server/enrollment.ts';
import { PrinterSim } from '../../edge/printer-sim/printer-sim.ts';
import type { Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log/index.ts';

export interface DemoKitchen {
  /** Where the virtual printer writes each ticket as text. */
  ticketsDir: string;
  stop(): Promise<void>;
}

/**
 * The demo restaurant's on-site box, run in-process: a virtual ESC/POS printer and an edge agent
 * enrolled once (config kept in `<dataDir>/demo-edge/`), dialling the link server over mTLS
 * like a real box would. Confirmed orders end as text tickets in `<dataDir>/printed-tickets/`.
 */
export async function startDemoKitchen(options: {
  db: Database;
  dataDir: string;
  tenantId: string;
  locationId: string;
  enrollmentPort: number;
  linkPort: number;
  logger: Logger;
}): Promise<DemoKitchen> {
  const edgeDir = path.join(options.dataDir, 'demo-edge');
  const ticketsDir = path.join(options.dataDir, 'printed-tickets');
  await mkdir(edgeDir, { recursive: true });
  const printer = await PrinterSim.start({ host: '127.0.0.1', port: 0, outputDir: ticketsDir });
  const printers = [{ printer_id: 'kitchen', host: '127.0.0.1', port: printer.port }];
  const configFile = path.join(edgeDir, 'agent.json');
  let config;
  if (existsSync(configFile)) {
    // Ports may differ between starts: point the enrolled agent at this run's servers.
    const stored = await readAgentConfig(configFile);
    config = {
      ...stored,
      link_url: withPort(stored.link_url, options.linkPort),
      platform_url: withPort(stored.platform_url, options.linkPort),
      printers,
    };
    await writeAgentConfig(configFile, config);
  } else {
    const { code } = await issueEnrollmentCode(options.db, {
      tenantId: options.tenantId,
      locationId: options.locationId,
      name: 'Demo kitchen box',
    });
    config = await enrollAgent({
      platformUrl: `https://127.0.0.1:${options.enrollmentPort}`,
      code,
      configFile,
      printers,
    });
  }
  const agent = new EdgeAgent(config, {
    logger: options.logger.child({ component: 'demo-edge-agent' }),
    renewCertificate: (current, signal) => rotateCertificateIfDue(current, configFile, { signal }),
  });
  const controller = new AbortController();
  const running = agent
    .run(controller.signal)
    .catch((error: unknown) => options.logger.error({ err: error }, 'demo edge agent stopped'));
  return {
    ticketsDir,
    stop: async () => {
      controller.abort(new Error('platform stopping'));
      await running;
      await printer.close();
    },
  };
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}
