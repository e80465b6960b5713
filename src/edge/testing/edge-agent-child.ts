/**
 * Child process for the edge fault tests: the agent as `voxeron edge run` starts it (certificate
 * rotation when due, then the link and print loops), with test-sized timings. SIGTERM stops it
 * cleanly; the tests also kill it with SIGKILL. Logs (JSON, level warn by default) go to stdout.
 * Usage: node --import tsx edge-agent-child.ts <config file>
 */
import { readAgentConfig } from '../agent/agent-config.ts';
import { EdgeAgent } from '../agent/edge-agent.ts';
import { rotateCertificateIfDue } from '../agent/enroll.ts';
import { errorMessage } from '../../platform/errors.ts';
import { createLogger } from '../../platform/log/index.ts';
import { pino } from 'pino';

const configFile = process.argv[2];
if (configFile === undefined) throw new Error('usage: edge-agent-child.ts <config file>');

const controller = new AbortController();
process.once('SIGTERM', () => controller.abort());
process.once('SIGINT', () => controller.abort());

let config = await readAgentConfig(configFile);
const logger = createLogger({
  level: process.env.VOXERON_LOG_LEVEL ?? 'warn',
  bindings: { service: 'edge-agent-child', pid: process.pid },
  // Synchronous, so the lines before a SIGKILL are not lost.
  destination: pino.destination({ fd: 1, sync: true }),
});
config = await rotateCertificateIfDue(config, configFile, { signal: controller.signal }).catch(
  (error: unknown) => {
    logger.warn({ err: errorMessage(error) }, 'certificate rotation failed');
    return config;
  },
);
const agent = new EdgeAgent(config, {
  logger,
  reconnectInitialMs: 100,
  reconnectMaxMs: 1000,
  retryDelayMs: 50,
  notReadyPollMs: 200,
  breakerOpenMs: 200,
  statusTimeoutMs: 3000,
  printTimeoutMs: 5000,
  renewCertificate: (current, signal) => rotateCertificateIfDue(current, configFile, { signal }),
  renewCheckIntervalMs: 1000,
});
process.stdout.write(`agent-ready ${config.device_id}\n`);
await agent.run(controller.signal);
process.stdout.write('agent-stopped\n');
