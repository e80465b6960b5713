import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settleWithin } from '../../src/platform/clock.ts';
import { audioHostProblem } from '../../src/data/pipeline/transport/device-transport.ts';
import { runCli } from '../support/run-cli.ts';

/** Bounds a hang, not speed: start-up (tsx) takes seconds on a loaded machine, the check ~50 ms. */
const quickMs = 45_000;

describe('voxeron call --voice on the audio device', { timeout: 120_000 }, () => {
  it('without --in on a machine with no sound card, fails fast with one clear line', async (context) => {
    const startedAt = performance.now();
    const cli = runCli(['call', '--voice'], {});
    const code = await settleWithin(cli.exited, quickMs);
    if (code === 'timeout' || code === 0) {
      cli.child.kill('SIGKILL');
      await cli.exited;
      if (audioHostProblem() === undefined) {
        context.skip('this machine may have an audio device: the call started');
        return;
      }
      assert.fail(`no answer within ${quickMs} ms on a machine without sound:\n${cli.stderr()}`);
    }
    assert.equal(code, 1);
    assert.ok(performance.now() - startedAt < quickMs);
    const lines = cli.stderr().trimEnd().split('\n');
    assert.equal(lines.length, 1, cli.stderr());
    assert.match(
      lines[0]!,
      /^voxeron call: no audio device found \(.+\); pass --in CALLER\.wav --out AGENT\.wav to call from audio files$/,
    );
    // It names what failed: sox, or the missing device when sox is there.
    assert.match(lines[0]!, /\((rec|play) /);
    assert.equal(cli.stdout(), '');
  });

  it('takes --out only with --in', async () => {
    const cli = runCli(['call', '--voice', '--out', 'agent.wav'], {});
    assert.equal(await cli.exited, 2);
    assert.match(cli.stderr(), /--out needs --in/);
  });
});
