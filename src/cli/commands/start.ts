import { ensureDemoTenant, demoTenant } from '../../control/tenants/demo-tenant.ts';
import { createHttpServer } from '../../control/http/create-http-server.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { ConfigError } from '../../platform/errors.ts';
import { createLogger } from '../../platform/log/index.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import { voxeronVersion } from '../../platform/version.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';
import { startDemoKitchen } from '../start/demo-kitchen.ts';
import { startPlatformServices } from '../start/platform-services.ts';
import { loadSecretBox } from '../../platform/crypto/load-secret-box.ts';

export const startCommand: CliCommand = {
  name: 'start',
  summary:
    'Start the platform (embedded PostgreSQL unless DATABASE_URL is set) with the demo restaurant',
  usage: [
    'Usage: voxeron start [--no-demo]',
    '',
    'Starts PostgreSQL (embedded under .voxeron/ unless DATABASE_URL is set), applies migrations,',
    "creates the demo restaurant (Luigi's Pizzeria) unless --no-demo or VOXERON_DEMO=false, and",
    'serves HTTP on VOXERON_HTTP_HOST:VOXERON_HTTP_PORT (default 127.0.0.1:3000). Ctrl-C stops it all.',
  ].join('\n'),
  async run(args, io) {
    const unknown = args.filter((arg) => arg !== '--no-demo');
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      return reportStartupError(error, io);
    }
    const logger = createLogger({ level: config.logLevel, bindings: { service: 'voxeron' } });
    let opened;
    try {
      opened = await openDatabase(config, logger, { signal: io.signal });
    } catch (error) {
      return reportStartupError(error, io);
    }
    const withDemo = config.demo && !args.includes('--no-demo');
    const stack: (() => Promise<void>)[] = [];
    try {
      if (withDemo) {
        const demo = await ensureDemoTenant(opened.db, io.signal);
        logger.info({ created: demo.created, menuItems: demo.menuItems }, 'demo restaurant ready');
      }
      const metrics = createMetricsRegistry();
      const secrets = loadSecretBox(config);
      const services = await startPlatformServices({
        config,
        db: opened.db,
        secrets,
        logger,
        metrics,
      });
      stack.push(() => services.stop());
      const kitchen = withDemo
        ? await startDemoKitchen({
            db: opened.db,
            dataDir: config.dataDir,
            tenantId: demoTenant.tenantId,
            locationId: demoTenant.locationId,
            enrollmentPort: services.edgeLink.enrollmentPort,
            linkPort: services.edgeLink.port,
            logger,
          })
        : undefined;
      if (kitchen) stack.push(() => kitchen.stop());
      const app = createHttpServer({
        db: opened.db,
        secrets,
        logger,
        metrics,
        version: voxeronVersion,
      });
      try {
        await app.listen({ host: config.httpHost, port: config.httpPort });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new ConfigError(
            `http: port ${config.httpPort} on ${config.httpHost} is already in use. Fix: stop what uses it, or set VOXERON_HTTP_PORT to another port (0 picks a free one).`,
          );
        }
        throw error;
      }
      stack.push(() => app.close());
      const address = app.server.address();
      const base =
        typeof address === 'object' && address ? `http://${config.httpHost}:${address.port}` : '';
      io.stdout.write(
        [
          '',
          `Voxeron ${voxeronVersion} is running.`,
          `  database     ${opened.embedded ? `embedded PostgreSQL on 127.0.0.1:${opened.embedded.port} (data in ${config.dataDir})` : 'DATABASE_URL'}`,
          `  health       ${base}/healthz   ready: ${base}/readyz   metrics: ${base}/metrics`,
          `  api          ${base}/v1   OpenAPI: ${base}/openapi.json   docs: ${base}/docs`,
          `  edge link    wss://${config.httpHost}:${services.edgeLink.port} (agents enroll on port ${services.edgeLink.enrollmentPort})`,
          `  dispatcher   pos → console POS, printer → edge agents, messaging → ${services.messagesFile}`,
          withDemo
            ? `  demo         ${demoTenant.name}, tenant ${demoTenant.tenantId}, number ${demoTenant.phoneNumber}`
            : '  demo         off',
          kitchen ? `  kitchen      a demo edge agent prints tickets to ${kitchen.ticketsDir}` : '',
          '',
          withDemo
            ? 'Call the demo restaurant by text, in another terminal:  npx voxeron call --text'
            : 'Call a restaurant by text, in another terminal:  npx voxeron call --text --tenant <id>',
          'Press Ctrl-C to stop.',
          '',
        ]
          .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
          .join('\n'),
      );
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stdout.write('Stopping…\n');
      return 0;
    } catch (error) {
      return reportStartupError(error, io);
    } finally {
      // Stop in reverse order of start: HTTP first, then the demo box, then the planes.
      for (const stop of stack.reverse())
        await stop().catch((error: unknown) =>
          logger.error({ err: error }, 'stopping a service failed'),
        );
      await opened.close();
      logger.flush();
    }
  },
};
