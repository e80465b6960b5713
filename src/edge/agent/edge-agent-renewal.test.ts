import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { exampleIds } from '../../contracts/testing/index.ts';
import type { AgentConfig } from './agent-config.ts';
import { EdgeAgent } from './edge-agent.ts';

function configWith(certPem: string): AgentConfig {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-renew-'));
  return {
    // Nothing listens here: the link keeps failing, which the renewal loop must not care about.
    link_url: 'wss://127.0.0.1:1/edge/v1/link',
    platform_url: 'https://127.0.0.1:1',
    device_id: exampleIds.device,
    tenant_id: exampleIds.tenant,
    location_id: exampleIds.location,
    key_pem: 'key',
    cert_pem: certPem,
    ca_pem: 'ca',
    queue_file: path.join(dir, 'queue.sqlite'),
    printers: [{ printer_id: 'kitchen', host: '127.0.0.1', port: 1 }],
  };
}

describe('edge agent certificate renewal while running', () => {
  it(
    'checks on its interval, adopts a renewed certificate, and survives a failed renewal',
    { timeout: 10_000 },
    async () => {
      const seen: string[] = [];
      let calls = 0;
      const controller = new AbortController();
      const agent = new EdgeAgent(configWith('cert-1'), {
        reconnectInitialMs: 50,
        reconnectMaxMs: 100,
        renewCheckIntervalMs: 20,
        renewCertificate: async (current) => {
          seen.push(current.cert_pem);
          calls += 1;
          if (calls === 2) throw new Error('platform unreachable');
          if (calls === 3) return { ...current, cert_pem: 'cert-2' };
          if (calls >= 5) controller.abort();
          return current;
        },
      });
      await agent.run(controller.signal);
      // The renewal failed once and was tried again; after call 3 the agent uses the new one.
      assert.deepEqual(seen.slice(0, 5), ['cert-1', 'cert-1', 'cert-1', 'cert-2', 'cert-2']);
    },
  );
});
