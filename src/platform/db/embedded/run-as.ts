import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { ConfigError } from '../../errors.ts';

/** The user the embedded server runs as: PostgreSQL refuses to run as root. */
export interface ServerUser {
  uid: number;
  gid: number;
  name: string;
}

const serverUserName = 'postgres';

/**
 * As root, the server runs as the `postgres` system user (created when missing, as a
 * system account without a login shell). As anyone else, it runs as that user.
 */
export function resolveServerUser(): ServerUser | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', serverUserName], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', serverUserName], { encoding: 'utf8' }).trim());
      return { uid, gid, name: serverUserName };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync(
      'useradd',
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        serverUserName,
      ],
      {
        stdio: 'ignore',
      },
    );
  } catch (error) {
    throw new ConfigError(
      `database: running as root, the embedded PostgreSQL needs a "${serverUserName}" system user and creating it failed. Fix: create it (useradd --system ${serverUserName}) or run as a normal user.`,
      { cause: error },
    );
  }
  const created = lookup();
  if (!created)
    throw new ConfigError(
      `database: the "${serverUserName}" user could not be found after creating it.`,
    );
  return created;
}
