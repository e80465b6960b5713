import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PitchFrame } from './pitch-tracker.ts';
import { PitchTracker } from './pitch-tracker.ts';
import { classifyTerminalContour, semitones } from './terminal-contour.ts';
import { concat, glide, noise } from './testing/glide.ts';

/** Pitch frames every 10 ms from `f0Hz(k)` (undefined = unvoiced). */
function frames(count: number, f0Hz: (k: number) => number | undefined): PitchFrame[] {
  return Array.from({ length: count }, (_, k) => ({
    atMs: 10 * (k + 1),
    f0Hz: f0Hz(k),
    periodicity: 0.9,
    energyDbfs: -20,
  }));
}

function track(pcm16: Int16Array, sampleRateHz: 8000 | 16000 = 8000): PitchFrame[] {
  return new PitchTracker({ sampleRateHz }).push(pcm16);
}

/** A sentence-like stretch at the speaker's level, then the contour under test. */
function utterance(ending: Int16Array, sampleRateHz: 8000 | 16000 = 8000): Int16Array {
  return concat(glide({ sampleRateHz, fromHz: 130, toHz: 125, durationMs: 800 }), ending);
}

describe('classifyTerminalContour', () => {
  it('reads glides: falling as falling, flat as level, rising as rising', () => {
    for (const sampleRateHz of [8000, 16000] as const) {
      const falling = glide({ sampleRateHz, fromHz: 130, toHz: 95, durationMs: 400 });
      const flat = glide({ sampleRateHz, fromHz: 125, toHz: 125, durationMs: 400 });
      const rising = glide({ sampleRateHz, fromHz: 125, toHz: 165, durationMs: 400 });
      const read = (ending: Int16Array) =>
        classifyTerminalContour(track(utterance(ending, sampleRateHz), sampleRateHz));
      assert.equal(read(falling).kind, 'falling', `falling at ${sampleRateHz} Hz`);
      assert.ok(read(falling).confidence >= 0.8);
      assert.equal(read(flat).kind, 'level', `flat at ${sampleRateHz} Hz`);
      assert.equal(read(rising).kind, 'rising', `rising at ${sampleRateHz} Hz`);
    }
  });

  it('reads a falling glide without its fundamental (phone line) as falling', () => {
    const pcm16 = concat(
      glide({
        sampleRateHz: 8000,
        fromHz: 130,
        toHz: 125,
        durationMs: 800,
        missingFundamental: true,
      }),
      glide({
        sampleRateHz: 8000,
        fromHz: 130,
        toHz: 95,
        durationMs: 400,
        missingFundamental: true,
      }),
    );
    assert.equal(classifyTerminalContour(track(pcm16)).kind, 'falling');
  });

  it('ignores noise and silence after the voiced end', () => {
    const pcm16 = concat(
      utterance(glide({ sampleRateHz: 8000, fromHz: 130, toHz: 95, durationMs: 400 })),
      noise(8000, 150, 0.05),
      new Int16Array(2400),
    );
    assert.equal(classifyTerminalContour(track(pcm16)).kind, 'falling');
  });

  it('says unknown without enough voiced frames', () => {
    assert.equal(classifyTerminalContour([]).kind, 'unknown');
    assert.equal(classifyTerminalContour(frames(4, () => 120)).kind, 'unknown');
    assert.equal(classifyTerminalContour(track(noise(8000, 800))).kind, 'unknown');
  });

  it('is not fooled by octave errors', () => {
    // A fall from 130 to 95 Hz where every fifth frame is read an octave up or down.
    const f0 = (k: number) => {
      const hz = 130 * (95 / 130) ** (k / 40);
      return k % 10 === 3 ? hz * 2 : k % 10 === 8 ? hz / 2 : hz;
    };
    const contour = classifyTerminalContour(frames(40, f0), semitones(125));
    assert.equal(contour.kind, 'falling');
    assert.ok(contour.confidence >= 0.8);
  });

  it('calls a low but flat end (a hesitation) level, not a final fall', () => {
    const contour = classifyTerminalContour(
      frames(40, () => 100),
      semitones(125),
    );
    assert.equal(contour.kind, 'level');
    assert.ok(contour.endSt < -3);
  });

  it('hears a question rise on the last syllable after a fall', () => {
    const hz = (k: number) =>
      k < 30 ? 130 * (100 / 130) ** (k / 30) : 100 * (130 / 100) ** ((k - 30) / 10);
    assert.equal(classifyTerminalContour(frames(40, hz), semitones(125)).kind, 'rising');
  });

  it('reads the end against the speaker reference it is given', () => {
    // A slight fall from the speaker's usual 200 Hz: low for them, though 150 Hz is high for others.
    const contour = classifyTerminalContour(
      frames(40, (k) => 180 * (150 / 180) ** (k / 40)),
      semitones(200),
    );
    assert.equal(contour.kind, 'falling');
    assert.ok(contour.endSt < -4);
  });
});
