import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';

describe('voxeron call --voice', { timeout: 60_000 }, () => {
  // Calls without --in (the audio device) are tested in call-voice-device.test.ts.
  it('says clearly when the caller file cannot be read', async () => {
    const cli = runCli(['call', '--voice', '--in', '/nonexistent/caller.wav'], {});
    assert.equal(await cli.exited, 1);
    assert.match(cli.stderr(), /cannot read \/nonexistent\/caller\.wav/);
  });

  it('rejects arguments a voice call does not take', async () => {
    const cli = runCli(['call', '--voice', '--at', 'x'], {});
    assert.equal(await cli.exited, 2);
    assert.match(cli.stderr(), /unknown argument for a voice call "--at"/);
  });

  it('takes --menu or --tenant, not both', async () => {
    const cli = runCli(['call', '--voice', '--menu', 'm.json', '--tenant', 'x'], {});
    assert.equal(await cli.exited, 2);
    assert.match(cli.stderr(), /use --menu or --tenant, not both/);
  });
});
