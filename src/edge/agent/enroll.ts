import path from 'node:path';
import { z } from 'zod';
import { Uuid } from '../../contracts/common/ids.ts';
import { ValidationError, UnavailableError } from '../../platform/errors.ts';
import { EDGE_ENROLL_PATH, EDGE_LINK_PATH, EDGE_ROTATE_PATH } from '../link/paths.ts';
import { certificateNeedsRotation, createDeviceKeyAndCsr } from '../pki/device-key.ts';
import type { AgentConfig } from './agent-config.ts';
import { writeAgentConfig } from './agent-config.ts';
import { postJson, verifyEnrollmentServer } from './platform-client.ts';

const EnrollmentAnswer = z.object({
  device_id: Uuid,
  tenant_id: Uuid,
  location_id: Uuid,
  link_port: z.number().int().min(1).max(65535),
  cert: z.string(),
  ca: z.string(),
});

export interface EnrollInput {
  /** https://host:port of the platform's enrollment endpoint. */
  platformUrl: string;
  code: string;
  configFile: string;
  printers: AgentConfig['printers'];
  /** Expected SHA-256 of the platform CA; without it the first contact is trusted (TOFU). */
  caSha256?: string;
  signal?: AbortSignal;
}

/**
 * Enrolls this device: generates its key pair, sends code + CSR, checks the answer, and writes
 * the config file (platform URL, device id, key, certificate, CA).
 */
export async function enrollAgent(input: EnrollInput): Promise<AgentConfig> {
  const { keyPem, csrPem } = await createDeviceKeyAndCsr();
  const base = new URL(input.platformUrl);
  const answer = await postJson(
    new URL(EDGE_ENROLL_PATH, base).toString(),
    { code: input.code, csr: csrPem },
    {
      ...(input.signal ? { signal: input.signal } : {}),
    },
  );
  if (answer.status !== 200) {
    const reason =
      (answer.body as { error?: string } | undefined)?.error ?? `HTTP ${answer.status}`;
    throw new ValidationError(`enrollment refused: ${reason}`, [{ path: 'code', message: reason }]);
  }
  const enrolled = EnrollmentAnswer.parse(answer.body);
  verifyEnrollmentServer(answer.serverCertDer, enrolled.ca, input.caSha256);
  const config: AgentConfig = {
    link_url: `wss://${base.hostname}:${enrolled.link_port}${EDGE_LINK_PATH}`,
    platform_url: `https://${base.hostname}:${enrolled.link_port}`,
    device_id: enrolled.device_id,
    tenant_id: enrolled.tenant_id,
    location_id: enrolled.location_id,
    key_pem: keyPem,
    cert_pem: enrolled.cert,
    ca_pem: enrolled.ca,
    queue_file: path.join(path.dirname(path.resolve(input.configFile)), 'edge-queue.sqlite'),
    printers: input.printers,
  };
  await writeAgentConfig(input.configFile, config);
  return config;
}

/**
 * Rotates the device certificate over mTLS when a third of its life is left (or `force`), and
 * rewrites the config. Returns the config in use afterwards.
 */
export async function rotateCertificateIfDue(
  config: AgentConfig,
  configFile: string,
  options: { force?: boolean; signal?: AbortSignal } = {},
): Promise<AgentConfig> {
  if (!options.force && !certificateNeedsRotation(config.cert_pem)) return config;
  const { keyPem, csrPem } = await createDeviceKeyAndCsr();
  const answer = await postJson(
    `${config.platform_url}${EDGE_ROTATE_PATH}`,
    { csr: csrPem },
    {
      key: config.key_pem,
      cert: config.cert_pem,
      ca: config.ca_pem,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  const cert = (answer.body as { cert?: unknown } | undefined)?.cert;
  if (answer.status !== 200 || typeof cert !== 'string') {
    throw new UnavailableError(`certificate rotation failed: HTTP ${answer.status}`);
  }
  const rotated = { ...config, key_pem: keyPem, cert_pem: cert };
  await writeAgentConfig(configFile, rotated);
  return rotated;
}
