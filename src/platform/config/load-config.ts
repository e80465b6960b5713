import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import { edgeAgentSettings } from './edge-agent-settings.ts';
import { settings, type Config } from './settings.ts';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Directory that relative paths (data dir, config file) are resolved against. */
  cwd?: string;
}

const configFileEnv = 'VOXERON_CONFIG';
const defaultConfigFile = 'voxeron.config.json';

/**
 * Reads the configuration: defaults, then the optional JSON file, then the environment.
 * Any unknown key, unknown VOXERON_* variable or invalid value throws a {@link ConfigError}
 * whose one-line message names the setting and the fix.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fileValues = readConfigFile(env, cwd);
  const knownEnv = new Set([
    configFileEnv,
    ...Object.values(settings).map((s) => s.env),
    ...Object.values(edgeAgentSettings).map((s) => s.env),
  ]);

  for (const name of Object.keys(env)) {
    if (name.startsWith('VOXERON_') && !knownEnv.has(name) && !name.startsWith('VOXERON_TEST_')) {
      throw new ConfigError(
        `config: ${name} is not a setting${suggest(name, [...knownEnv])}. Fix: remove it or correct its name (\`voxeron config\` lists the settings).`,
      );
    }
  }

  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(settings)) {
    const fromEnv = env[spec.env];
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : fileValues[key];
    const source =
      fromEnv !== undefined && fromEnv !== '' ? spec.env : `"${key}" in the config file`;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      throw new ConfigError(`config: ${source} is invalid (${reason}). Fix: ${spec.fix}.`);
    }
    config[key] = parsed.data;
  }
  const result = config as Config;
  result.dataDir = path.resolve(cwd, result.dataDir);
  return result;
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string): Record<string, unknown> {
  const named = env[configFileEnv];
  const file = path.resolve(cwd, named ?? defaultConfigFile);
  if (!existsSync(file)) {
    if (named) {
      throw new ConfigError(
        `config: ${configFileEnv} names ${file}, which does not exist. Fix: point it at a JSON config file or unset it.`,
      );
    }
    return {};
  }
  let values: unknown;
  try {
    values = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `config: ${file} is not valid JSON (${(error as Error).message}). Fix: correct the file.`,
    );
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ConfigError(
      `config: ${file} must hold one JSON object of settings. Fix: correct the file.`,
    );
  }
  for (const key of Object.keys(values)) {
    if (!(key in settings)) {
      throw new ConfigError(
        `config: "${key}" in ${file} is not a setting${suggest(key, Object.keys(settings))}. Fix: remove it or correct its name.`,
      );
    }
  }
  return values as Record<string, unknown>;
}

function suggest(name: string, candidates: string[]): string {
  const best = candidates
    .map((candidate) => ({
      candidate,
      distance: editDistance(name.toLowerCase(), candidate.toLowerCase()),
    }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= 3 ? ` (did you mean ${best.candidate}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
