import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../errors.ts';
import { loadEdgeAgentTuning } from './edge-agent-settings.ts';
import { loadConfig } from './load-config.ts';

const emptyDir = () => mkdtempSync(path.join(os.tmpdir(), 'voxeron-config-'));

describe('loadConfig', () => {
  it('gives working defaults with nothing set', () => {
    const cwd = emptyDir();
    const config = loadConfig({ env: {}, cwd });
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.httpPort, 3000);
    assert.equal(config.httpHost, '127.0.0.1');
    assert.equal(config.dataDir, path.join(cwd, '.voxeron'));
    assert.equal(config.demo, true);
    assert.equal(config.webhooksAllowPrivateAddresses, false, 'the SSRF guard is on by default');
  });

  it('allows private webhook addresses only when told to', () => {
    const config = loadConfig({
      env: { VOXERON_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true' },
      cwd: emptyDir(),
    });
    assert.equal(config.webhooksAllowPrivateAddresses, true);
  });

  it('reads the JSON file and lets the environment win over it', () => {
    const cwd = emptyDir();
    writeFileSync(
      path.join(cwd, 'voxeron.config.json'),
      JSON.stringify({ httpPort: 4000, logLevel: 'debug', demo: false }),
    );
    const config = loadConfig({ env: { VOXERON_HTTP_PORT: '5000' }, cwd });
    assert.equal(config.httpPort, 5000);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.demo, false);
  });

  it('rejects an invalid value with one line naming the variable and the fix', () => {
    assert.throws(
      () => loadConfig({ env: { VOXERON_HTTP_PORT: 'eighty' }, cwd: emptyDir() }),
      (error: unknown) =>
        error instanceof ConfigError &&
        !error.message.includes('\n') &&
        error.message.includes('VOXERON_HTTP_PORT') &&
        error.message.includes('Fix:'),
    );
  });

  it("accepts the edge agent's tuning variables in the same shell, and checks them for the agent", () => {
    const env = { VOXERON_EDGE_RECONNECT_MAX_MS: '30000', VOXERON_EDGE_RETRY_DELAY_MS: '' };
    assert.equal(loadConfig({ env, cwd: emptyDir() }).httpPort, 3000);
    assert.deepEqual(loadEdgeAgentTuning(env), { reconnectMaxMs: 30_000 });
    assert.throws(
      () => loadEdgeAgentTuning({ VOXERON_EDGE_NOT_READY_POLL_MS: 'soon' }),
      /VOXERON_EDGE_NOT_READY_POLL_MS is invalid \("soon"\)\. Fix: a whole number of milliseconds/,
    );
  });

  it('rejects an unknown VOXERON_ variable and suggests the setting meant', () => {
    assert.throws(
      () => loadConfig({ env: { VOXERON_HTTP_PROT: '3000' }, cwd: emptyDir() }),
      /VOXERON_HTTP_PROT is not a setting \(did you mean VOXERON_HTTP_PORT\?\)/,
    );
  });

  it('rejects an unknown key in the config file, naming the file', () => {
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'voxeron.config.json'), JSON.stringify({ httpPrt: 1 }));
    assert.throws(
      () => loadConfig({ env: {}, cwd }),
      /"httpPrt" in .*voxeron\.config\.json is not a setting \(did you mean httpPort\?\)/,
    );
  });

  it('rejects a config file that is not JSON, and a named file that is missing', () => {
    const cwd = emptyDir();
    writeFileSync(path.join(cwd, 'voxeron.config.json'), '{ httpPort: ');
    assert.throws(() => loadConfig({ env: {}, cwd }), /is not valid JSON/);
    assert.throws(
      () => loadConfig({ env: { VOXERON_CONFIG: 'nope.json' }, cwd: emptyDir() }),
      /VOXERON_CONFIG names .*nope\.json, which does not exist/,
    );
  });

  it('refuses 5432 for the embedded server and a DATABASE_URL that is not postgres', () => {
    assert.throws(
      () => loadConfig({ env: { VOXERON_EMBEDDED_PG_PORT: '5432' }, cwd: emptyDir() }),
      /VOXERON_EMBEDDED_PG_PORT is invalid \(5432 belongs/,
    );
    assert.throws(
      () => loadConfig({ env: { DATABASE_URL: 'mysql://x' }, cwd: emptyDir() }),
      /DATABASE_URL is invalid/,
    );
  });
});
