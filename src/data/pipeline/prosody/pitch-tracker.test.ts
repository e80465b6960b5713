import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PitchTracker, type PitchFrame } from './pitch-tracker.ts';
import { concat, glide, noise } from './testing/glide.ts';

/** Pushes `pcm16` in 20 ms frames, as the session does. */
function track(pcm16: Int16Array, sampleRateHz: 8000 | 16000): PitchFrame[] {
  const tracker = new PitchTracker({ sampleRateHz });
  const frames: PitchFrame[] = [];
  const frame = sampleRateHz / 50;
  for (let i = 0; i < pcm16.length; i += frame)
    frames.push(...tracker.push(pcm16.subarray(i, i + frame)));
  return frames;
}

const voiced = (frames: PitchFrame[]) => frames.filter((frame) => frame.f0Hz !== undefined);

describe('PitchTracker', () => {
  for (const sampleRateHz of [8000, 16000] as const) {
    it(`reads a steady harmonic tone's pitch at ${sampleRateHz} Hz`, () => {
      for (const f0Hz of [80, 120, 220, 350]) {
        const frames = track(
          glide({ sampleRateHz, fromHz: f0Hz, toHz: f0Hz, durationMs: 500 }),
          sampleRateHz,
        );
        const found = voiced(frames);
        assert.ok(found.length >= frames.length - 1, `${f0Hz} Hz: mostly voiced`);
        for (const frame of found)
          assert.ok(
            Math.abs((frame.f0Hz as number) / f0Hz - 1) < 0.02,
            `${f0Hz} Hz read as ${frame.f0Hz}`,
          );
      }
    });
  }

  it('reads the pitch of a tone without its fundamental (a phone line cuts it)', () => {
    const pcm16 = glide({
      sampleRateHz: 8000,
      fromHz: 110,
      toHz: 110,
      durationMs: 500,
      missingFundamental: true,
    });
    const found = voiced(track(pcm16, 8000));
    assert.ok(found.length > 30);
    for (const frame of found) assert.ok(Math.abs((frame.f0Hz as number) / 110 - 1) < 0.02);
  });

  it('follows a glide in order, one analysis every 10 ms', () => {
    const frames = track(
      glide({ sampleRateHz: 8000, fromHz: 200, toHz: 100, durationMs: 800 }),
      8000,
    );
    assert.ok(
      frames.every((frame, k) => k === 0 || frame.atMs - (frames[k - 1] as PitchFrame).atMs === 10),
    );
    const f0 = voiced(frames).map((frame) => frame.f0Hz as number);
    for (let k = 5; k < f0.length; k += 5)
      assert.ok((f0[k] as number) < (f0[k - 5] as number), 'falls');
  });

  it('calls silence and noise unvoiced', () => {
    const silence = track(new Int16Array(8000), 8000);
    assert.ok(silence.length > 0 && silence.every((frame) => frame.f0Hz === undefined));
    const hiss = track(noise(8000, 1000), 8000);
    assert.ok(
      voiced(hiss).length <= hiss.length * 0.05,
      `${voiced(hiss).length} of ${hiss.length} voiced`,
    );
  });

  it('stamps frames with the stream time of their window end, across pushes of any size', () => {
    const pcm16 = concat(
      new Int16Array(4000),
      glide({ sampleRateHz: 8000, fromHz: 150, toHz: 150, durationMs: 500 }),
    );
    const whole = new PitchTracker({ sampleRateHz: 8000 }).push(pcm16);
    const tracker = new PitchTracker({ sampleRateHz: 8000 });
    const pieces: PitchFrame[] = [];
    for (let i = 0; i < pcm16.length; i += 77)
      pieces.push(...tracker.push(pcm16.subarray(i, i + 77)));
    assert.deepEqual(pieces, whole);
    assert.equal(whole.at(-1)?.atMs, 1000);
    const firstVoiced = whole.find((frame) => frame.f0Hz !== undefined);
    assert.ok(firstVoiced && firstVoiced.atMs > 500 && firstVoiced.atMs <= 560);
  });
});
