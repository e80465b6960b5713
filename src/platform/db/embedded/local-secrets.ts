import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../errors.ts';

const LocalSecrets = z.object({
  /** Password of the embedded server's superuser (the migration/owner role). */
  ownerPassword: z.string().min(12),
  /** Password of the voxeron_app role, unless configured. */
  appPassword: z.string().min(12),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

const newSecret = () => randomBytes(24).toString('base64url');

/**
 * Secrets generated once per data dir and kept in `<dataDir>/secrets.json` (mode 0600), so a
 * second start reuses the same database without anyone typing a password.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = LocalSecrets.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new ConfigError(
        `database: ${file} is damaged. Fix: restore it from a backup, or delete the data dir ${dataDir} to start with an empty database.`,
      );
    }
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { ownerPassword: newSecret(), appPassword: newSecret() };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
