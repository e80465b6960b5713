import { z } from 'zod';

/**
 * Every setting the platform reads: its file key (camelCase, in `voxeron.config.json` or the
 * file named by VOXERON_CONFIG), its environment variable (which wins over the file), its
 * schema and default, and the fix to print when a value is wrong.
 */
export interface SettingSpec<T extends z.ZodType = z.ZodType> {
  env: string;
  schema: T;
  description: string;
  /** Printed after a bad value: how to fix it. */
  fix: string;
}

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://');

export const settings = {
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: postgresUrl.optional(),
    description:
      'PostgreSQL server to use, as its owner (runs migrations). Unset: an embedded PostgreSQL under the data dir.',
    fix: 'set it to postgres://USER:PASSWORD@HOST:PORT/DB, or unset it to use the embedded database',
  },
  databaseAppUrl: {
    env: 'VOXERON_DATABASE_APP_URL',
    schema: postgresUrl.optional(),
    description:
      'Connection for the application role (no ownership, no BYPASSRLS). Unset: DATABASE_URL with the role voxeron_app.',
    fix: 'set it to a postgres:// URL that logs in as the voxeron_app role, or unset it',
  },
  databaseAppPassword: {
    env: 'VOXERON_DATABASE_APP_PASSWORD',
    schema: z.string().min(12, 'at least 12 characters').optional(),
    description:
      'Password given to the voxeron_app role at migration. Unset: generated once and kept in the data dir.',
    fix: 'use at least 12 characters, or unset it to have one generated',
  },
  databasePoolSize: {
    env: 'VOXERON_DATABASE_POOL_SIZE',
    schema: z.coerce.number().int().min(1).max(200).default(10),
    description: 'Connections in the application pool.',
    fix: 'use a whole number from 1 to 200',
  },
  dataDir: {
    env: 'VOXERON_DATA_DIR',
    schema: z.string().min(1).default('.voxeron'),
    description: 'Where the embedded database, keys and generated secrets live.',
    fix: 'point it at a directory this user can write',
  },
  embeddedPostgresPort: {
    env: 'VOXERON_EMBEDDED_PG_PORT',
    schema: port.refine((p) => p !== 5432, '5432 belongs to a system PostgreSQL').default(0),
    description: 'Port of the embedded PostgreSQL; 0 picks a free one.',
    fix: 'use 0 (a free port) or a free port other than 5432',
  },
  httpHost: {
    env: 'VOXERON_HTTP_HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Address the HTTP server listens on.',
    fix: 'use an address of this machine, e.g. 127.0.0.1 or 0.0.0.0',
  },
  httpPort: {
    env: 'VOXERON_HTTP_PORT',
    schema: port.default(3000),
    description: 'Port of the HTTP server (API, health, metrics); 0 picks a free one.',
    fix: 'use a free TCP port, e.g. 3000, or 0 for any free port',
  },
  edgeLinkPort: {
    env: 'VOXERON_EDGE_LINK_PORT',
    schema: port.default(8443),
    description:
      'mTLS port edge agents dial (WebSocket link, certificate rotation); 0 picks a free one.',
    fix: 'use a free TCP port, e.g. 8443, or 0 for any free port',
  },
  edgeEnrollmentPort: {
    env: 'VOXERON_EDGE_ENROLLMENT_PORT',
    schema: port.default(8444),
    description: 'TLS port where new edge agents enroll with a one-time code; 0 picks a free one.',
    fix: 'use a free TCP port, e.g. 8444, or 0 for any free port',
  },
  logLevel: {
    env: 'VOXERON_LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Log level.',
    fix: 'use one of fatal, error, warn, info, debug, trace, silent',
  },
  demo: {
    env: 'VOXERON_DEMO',
    schema: bool.default(true),
    description: "Create the demo restaurant (Luigi's Pizzeria) at start if it is missing.",
    fix: 'use true or false',
  },
  secretsKeys: {
    env: 'VOXERON_SECRETS_KEYS',
    schema: z
      .string()
      .regex(
        /^\s*[a-z0-9][a-z0-9_-]{0,31}:[A-Za-z0-9+/]{43}=\s*(,\s*[a-z0-9][a-z0-9_-]{0,31}:[A-Za-z0-9+/]{43}=\s*)*$/,
        'comma-separated <id>:<base64 of 32 bytes>',
      )
      .optional(),
    description:
      'Keys that encrypt stored secrets (webhook signing secrets): <id>:<base64 of 32 bytes>, comma-separated, the sealing key first, older keys after it to read what they sealed. Unset: one key generated into the data dir (a single host only).',
    fix: 'set it to k1:$(openssl rand -base64 32), or unset it to have one generated',
  },
  webhooksAllowPrivateAddresses: {
    env: 'VOXERON_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES',
    schema: bool.default(false),
    description:
      'Deliver outbound webhooks to hosts that resolve to loopback, private, link-local or other non-public addresses (self-hosted installs, local development). Off: such deliveries dead-letter (SSRF guard).',
    fix: 'use true or false',
  },
} satisfies Record<string, SettingSpec>;

export type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };
