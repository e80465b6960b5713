import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ToneTts } from './testing/tone-tts.ts';
import { answerEach, runVoiceCall } from './testing/voice-call-harness.ts';

/** Active handles and requests by type (timers, sockets, child processes, ...). */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo())
    counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

async function shortCall(): Promise<void> {
  const tts = new ToneTts();
  const { result, asr } = await runVoiceCall({
    script: [...answerEach(1), { silenceMs: 400 }, { hangUp: true }],
    utterances: [{ text: 'two large margherita pizzas' }],
    tts,
  });
  assert.equal(result.endReason, 'transport_closed');
  assert.equal(asr.openStreams, 0);
  assert.equal(tts.running, 0);
}

describe('voice session resources', () => {
  it('leaves no handle behind over 1,000 sessions', async () => {
    for (let k = 0; k < 10; k++) await shortCall(); // warm-up: lazy module state, JIT
    const before = activeResources();
    const concurrency = 50;
    for (let batch = 0; batch < 1000 / concurrency; batch++)
      await Promise.all(Array.from({ length: concurrency }, () => shortCall()));
    const after = activeResources();
    assert.deepEqual(
      Object.fromEntries([...after].filter(([type, count]) => count > (before.get(type) ?? 0))),
      {},
      `before ${JSON.stringify(Object.fromEntries(before))}`,
    );
  });
});
