/**
 * `voxeron edge …`: the on-site agent. `enroll` trades a one-time code for a device
 * certificate, `run` is the agent process, `printer-sim` a virtual ESC/POS printer.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { readAgentConfig } from '../../edge/agent/agent-config.ts';
import { EdgeAgent } from '../../edge/agent/edge-agent.ts';
import { enrollAgent, rotateCertificateIfDue } from '../../edge/agent/enroll.ts';
import { PrinterSim } from '../../edge/printer-sim/printer-sim.ts';
import { loadEdgeAgentTuning } from '../../platform/config/index.ts';
import { createLogger } from '../../platform/log/index.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';
import { issueCode, listDevices } from './edge-admin.ts';

const usage = `Usage:
  voxeron edge enroll --platform URL --code CODE [--config FILE] [--printer ID=HOST:PORT] [--ca-sha256 HEX]
  voxeron edge run [--config FILE]
  voxeron edge printer-sim [--port 9100] [--host 127.0.0.1] [--out DIR] [--paper-out] [--offline]
                           [--slow-ms MS] [--garbage] [--drop] [--fault-rate 0.05]

enroll       generate a key pair, present the enrollment code and CSR to the platform
             (https://host:8444), write the config file (default ./voxeron-edge.json, mode 0600)
run          run the agent: dial the platform (mTLS WebSocket), spool and print jobs
printer-sim  a virtual network receipt printer that prints tickets as text

Platform side (on the platform's machine, uses its database):
  voxeron edge code --tenant T --location L [--name N] [--ttl-hours 24]   a one-time enrollment code
  voxeron edge devices --tenant T [--hours 24]   devices online/offline and their online ratio`;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function printerFlag(value: string): { printer_id: string; host: string; port: number } {
  const match = /^([a-z0-9][a-z0-9-]*)=([^:]+):(\d+)$/.exec(value);
  if (!match)
    throw new UsageError(
      `--printer ${value}: expected ID=HOST:PORT, e.g. kitchen-1=192.168.1.50:9100`,
    );
  return { printer_id: match[1]!, host: match[2]!, port: Number(match[3]) };
}

async function enroll(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    platform: { type: 'string' },
    code: { type: 'string' },
    config: { type: 'string', default: 'voxeron-edge.json' },
    printer: { type: 'string', multiple: true },
    'ca-sha256': { type: 'string' },
  });
  if (typeof values.platform !== 'string' || typeof values.code !== 'string') {
    throw new UsageError('enroll needs --platform URL and --code CODE');
  }
  const printers = ((values.printer as string[] | undefined) ?? ['kitchen-1=127.0.0.1:9100']).map(
    printerFlag,
  );
  const config = await enrollAgent({
    platformUrl: values.platform,
    code: values.code,
    configFile: values.config as string,
    printers,
    ...(typeof values['ca-sha256'] === 'string' ? { caSha256: values['ca-sha256'] } : {}),
    signal: io.signal,
  });
  io.stdout.write(
    `enrolled device ${config.device_id} for location ${config.location_id}; config ${String(values.config)}\n`,
  );
  return 0;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { config: { type: 'string', default: 'voxeron-edge.json' } });
  const configFile = values.config as string;
  let tuning;
  try {
    tuning = loadEdgeAgentTuning();
  } catch (error) {
    return reportStartupError(error, io);
  }
  let config = await readAgentConfig(configFile);
  const logger = createLogger({
    level: process.env.VOXERON_LOG_LEVEL ?? 'info',
    bindings: { service: 'edge-agent', deviceId: config.device_id },
  });
  config = await rotateCertificateIfDue(config, configFile, { signal: io.signal }).catch(
    (error: unknown) => {
      logger.warn(
        { err: errorMessage(error) },
        'certificate rotation failed; retrying at the next start',
      );
      return config;
    },
  );
  const agent = new EdgeAgent(config, {
    logger,
    renewCertificate: (current, signal) => rotateCertificateIfDue(current, configFile, { signal }),
    ...(tuning.reconnectInitialMs ? { reconnectInitialMs: tuning.reconnectInitialMs } : {}),
    ...(tuning.reconnectMaxMs ? { reconnectMaxMs: tuning.reconnectMaxMs } : {}),
    ...(tuning.retryDelayMs ? { retryDelayMs: tuning.retryDelayMs } : {}),
    ...(tuning.notReadyPollMs
      ? { notReadyPollMs: tuning.notReadyPollMs, breakerOpenMs: tuning.notReadyPollMs }
      : {}),
  });
  io.stdout.write(`edge agent ${config.device_id} running; Ctrl-C stops it\n`);
  await agent.run(io.signal);
  return 0;
}

async function printerSim(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string' },
    'paper-out': { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
    garbage: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    'slow-ms': { type: 'string', default: '0' },
    'fault-rate': { type: 'string', default: '0' },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be 0..65535');
  const sim = await PrinterSim.start({
    port,
    host: values.host as string,
    ...(typeof values.out === 'string' ? { outputDir: values.out } : {}),
    mode: {
      paperOut: values['paper-out'] === true,
      offline: values.offline === true,
      garbage: values.garbage === true,
      dropConnections: values.drop === true,
      slowMs: Number(values['slow-ms']),
      transientFaultRate: Number(values['fault-rate']),
    },
  });
  io.stdout.write(
    `printer simulator on ${String(values.host)}:${sim.port}${values.out ? `, tickets in ${String(values.out)}` : ''}\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  io.stdout.write(`printed ${sim.printed.length} ticket(s)\n`);
  await sim.close();
  return 0;
}

export const edgeCommand: CliCommand = {
  name: 'edge',
  summary: 'The on-site edge agent: enroll, run, simulate a printer; issue codes, list devices',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'enroll') return enroll(rest, io);
    if (sub === 'run') return run(rest, io);
    if (sub === 'printer-sim') return printerSim(rest, io);
    if (sub === 'code') return issueCode(rest, io);
    if (sub === 'devices') return listDevices(rest, io);
    throw new UsageError(
      sub === undefined ? 'edge needs a subcommand' : `unknown edge subcommand "${sub}"`,
    );
  },
};
