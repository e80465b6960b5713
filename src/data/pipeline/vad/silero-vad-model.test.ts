import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatPcm16, silence, synthesizeSpeech } from '../audio/testing/sox.ts';
import { SileroVadModel } from './silero-vad-model.ts';

function maxProbability(
  stream: { push(pcm16: Int16Array): number },
  audio: Int16Array,
  frameSamples: number,
): number {
  let max = 0;
  for (let i = 0; i + frameSamples <= audio.length; i += frameSamples) {
    max = Math.max(max, stream.push(audio.subarray(i, i + frameSamples)));
  }
  return max;
}

describe('SileroVadModel', () => {
  it('loads the model shipped in the npm package once per process', async () => {
    const [a, b] = await Promise.all([SileroVadModel.load(), SileroVadModel.load()]);
    assert.equal(a, b);
    assert.match(SileroVadModel.modelPath(), /silero_vad_v5\.onnx$/);
  });

  for (const sampleRateHz of [8000, 16000] as const) {
    it(`scores speech high and silence low at ${sampleRateHz} Hz`, async () => {
      const model = await SileroVadModel.load();
      const speech = await synthesizeSpeech('can I get a large pepperoni pizza', sampleRateHz);
      const frame = sampleRateHz / 50;
      const stream = model.createStream(sampleRateHz);
      assert.equal(stream.probability, 0);
      assert.ok(maxProbability(stream, silence(1000, sampleRateHz), frame) < 0.1);
      assert.ok(maxProbability(stream, speech, frame) > 0.9);
      // After the speech, a second of silence brings it back down.
      stream.push(silence(1000, sampleRateHz));
      assert.ok(stream.probability < 0.2, `after speech ${stream.probability}`);
    });
  }

  it('keeps each stream’s state separate and resets it', async () => {
    const model = await SileroVadModel.load();
    const speech = await synthesizeSpeech('hello there', 16000);
    const talking = model.createStream(16000);
    const quiet = model.createStream(16000);
    talking.push(concatPcm16([silence(200, 16000), speech]));
    quiet.push(silence(500, 16000));
    assert.ok(quiet.probability < 0.1);
    talking.reset();
    assert.equal(talking.probability, 0);
  });
});
