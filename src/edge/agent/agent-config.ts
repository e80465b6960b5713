import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SlugId, Uuid } from '../../contracts/common/ids.ts';
import { ConfigError } from '../../platform/errors.ts';

/** A printer the agent drives, by the id the platform's jobs name. */
export const AgentPrinterConfig = z.strictObject({
  printer_id: SlugId,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});

/**
 * The agent's config file, written by `voxeron edge enroll` (mode 0600: it holds the device's
 * private key). Identity and trust: device certificate + key, the platform CA.
 */
export const AgentConfig = z.strictObject({
  /** wss://host:port/edge/v1/link */
  link_url: z.url(),
  /** https://host:port of the enrollment/rotation endpoints. */
  platform_url: z.url(),
  device_id: Uuid,
  tenant_id: Uuid,
  location_id: Uuid,
  key_pem: z.string().min(1),
  cert_pem: z.string().min(1),
  ca_pem: z.string().min(1),
  /** SQLite file of the local queue. */
  queue_file: z.string().min(1),
  printers: z.array(AgentPrinterConfig).min(1).max(32),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

export async function readAgentConfig(file: string): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `edge agent config ${file} is unreadable (${(error as Error).message}). Fix: run \`voxeron edge enroll --platform URL --code CODE --config ${file}\` first.`,
    );
  }
  const parsed = AgentConfig.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `edge agent config ${file}: ${issue?.path.join('.')} ${issue?.message}. Fix: enroll again.`,
    );
  }
  return parsed.data;
}

/** Writes the config atomically (temp file + rename), readable by the owner only. */
export async function writeAgentConfig(file: string, config: AgentConfig): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(AgentConfig.parse(config), null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}
