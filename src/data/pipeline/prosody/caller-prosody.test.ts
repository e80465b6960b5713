/**
 * The terminal contour on real speech: espeak-ng (installed by scripts/install-system-packages.sh)
 * over an 8 kHz μ-law line, fed in 20 ms frames as the voice session does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { synthesiseSpeech } from '../asr/testing/synthesised-speech.ts';
import { CallerProsody } from './caller-prosody.ts';
import { concat } from './testing/glide.ts';

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skip = hasEspeak() ? false : 'espeak-ng is not installed';

/** Feeds `pcm16` in 20 ms frames. */
function feed(prosody: CallerProsody, pcm16: Int16Array, sampleRateHz: number): void {
  const frame = sampleRateHz / 50;
  for (let i = 0; i < pcm16.length; i += frame) prosody.push(pcm16.subarray(i, i + frame));
}

/** Where speech ends: the last 10 ms block above -50 dBFS, in ms from the start. */
function speechEndMs(pcm16: Int16Array, sampleRateHz: number, fromMs = 0): number {
  const block = sampleRateHz / 100;
  let endMs = fromMs;
  for (let i = Math.round((fromMs * sampleRateHz) / 1000); i + block <= pcm16.length; i += block) {
    let energy = 0;
    for (let k = i; k < i + block; k++) energy += ((pcm16[k] as number) / 32768) ** 2;
    if (10 * Math.log10(energy / block + 1e-12) > -50) endMs = ((i + block) * 1000) / sampleRateHz;
  }
  return endMs;
}

/** The first pause of at least `minMs` inside the speech (a comma), in ms. */
function firstPauseMs(pcm16: Int16Array, sampleRateHz: number, minMs = 120): number {
  const block = sampleRateHz / 100;
  let quietMs = 0;
  let spoke = false;
  for (let i = 0; i + block <= pcm16.length; i += block) {
    let energy = 0;
    for (let k = i; k < i + block; k++) energy += ((pcm16[k] as number) / 32768) ** 2;
    if (10 * Math.log10(energy / block + 1e-12) > -50) {
      spoke = true;
      quietMs = 0;
    } else if (spoke && (quietMs += 10) >= minMs) return (i * 1000) / sampleRateHz - quietMs + 10;
  }
  throw new Error('no pause');
}

async function contourOf(text: string, sampleRateHz: 8000 | 16000 = 8000) {
  const pcm16 = await synthesiseSpeech(text, { sampleRateHz, telephone: sampleRateHz === 8000 });
  const prosody = new CallerProsody({ sampleRateHz });
  feed(prosody, pcm16, sampleRateHz);
  return prosody.contour(0, speechEndMs(pcm16, sampleRateHz));
}

describe('CallerProsody on espeak-ng speech', { skip }, () => {
  it('reads a declarative sentence ending with a period as a final fall', async () => {
    for (const text of ['I would like a large pepperoni pizza.', 'My name is Anna de Vries.']) {
      const contour = await contourOf(text);
      assert.equal(contour.kind, 'falling', text);
      assert.ok(contour.confidence >= 0.6, `${text}: confidence ${contour.confidence}`);
    }
    assert.equal((await contourOf('Two cokes and a salad, please.', 16000)).kind, 'falling');
  });

  it('reads a question as rising', async () => {
    assert.equal((await contourOf('Can I get a large pepperoni pizza?')).kind, 'rising');
  });

  it('does not read a pause at a comma (a list going on) as a final fall', async () => {
    const pcm16 = await synthesiseSpeech('I would like a pizza, and a coke, and some fries.', {
      sampleRateHz: 8000,
    });
    const prosody = new CallerProsody({ sampleRateHz: 8000 });
    feed(prosody, pcm16, 8000);
    const contour = prosody.contour(0, firstPauseMs(pcm16, 8000));
    assert.notEqual(contour.kind, 'falling', JSON.stringify(contour));
  });

  it('reads each utterance of a call from its own start and end', async () => {
    const question = await synthesiseSpeech('Do you have pizza?', { sampleRateHz: 8000 });
    const statement = await synthesiseSpeech('I want the pepperoni.', { sampleRateHz: 8000 });
    const call = concat(question, new Int16Array(8000), statement);
    const prosody = new CallerProsody({ sampleRateHz: 8000 });
    // The question's end is judged before the statement is heard, as in a call.
    const questionEndMs = speechEndMs(question, 8000);
    feed(prosody, call.subarray(0, question.length + 2400), 8000);
    assert.equal(prosody.contour(0, questionEndMs).kind, 'rising');
    feed(prosody, call.subarray(question.length + 2400), 8000);
    const statementStartMs = ((question.length + 8000) * 1000) / 8000;
    const end = speechEndMs(call, 8000, statementStartMs);
    assert.equal(prosody.contour(statementStartMs, end).kind, 'falling');
  });
});
