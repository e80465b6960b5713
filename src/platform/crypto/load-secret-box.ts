import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { formatSecretKeys, newSecretKey, parseSecretKeys, SecretBox } from './secret-box.ts';

const KeyFile = z.object({ keys: z.string().min(1) });

/**
 * The platform's secret box: the keys of `VOXERON_SECRETS_KEYS` when set (every process of a
 * deployment must share them), otherwise one key generated once into
 * `<dataDir>/secret-keys.json` (mode 0600), which is enough for a single host.
 */
export function loadSecretBox(options: { secretsKeys?: string; dataDir: string }): SecretBox {
  if (options.secretsKeys !== undefined) return new SecretBox(parseSecretKeys(options.secretsKeys));
  const file = path.join(options.dataDir, 'secret-keys.json');
  if (existsSync(file)) {
    const parsed = KeyFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new ConfigError(
        `secrets: ${file} is damaged. Fix: restore it from a backup; without it, stored webhook secrets cannot be read (rotate them).`,
      );
    }
    return new SecretBox(parseSecretKeys(parsed.data.keys));
  }
  mkdirSync(options.dataDir, { recursive: true });
  const keys = [newSecretKey('local1')];
  writeFileSync(file, `${JSON.stringify({ keys: formatSecretKeys(keys) }, null, 2)}\n`, {
    mode: 0o600,
  });
  return new SecretBox(keys);
}
