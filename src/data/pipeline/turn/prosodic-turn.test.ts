/** The turn detector with the caller's end-of-speech pitch contour (ADR 0020). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsrAnswerKind } from '../asr/asr-provider.ts';
import type { ContourKind, TerminalContour } from '../prosody/terminal-contour.ts';
import { TurnDetector, type TurnDetectorOptions } from './turn-detector.ts';

function contour(kind: ContourKind, confidence = 0.9): TerminalContour {
  const slopeStPerS = kind === 'falling' ? -12 : kind === 'rising' ? 12 : 0;
  return { kind, confidence, slopeStPerS, endSt: kind === 'falling' ? -4 : 0, voicedFrames: 30 };
}

/** Speaks `text` from 0 to 1000 ms, ending with `shape`; returns the media ms of the commit. */
function commitAfter(
  text: string,
  shape: TerminalContour | undefined,
  options: TurnDetectorOptions = {},
  expected?: AsrAnswerKind,
) {
  const detector = new TurnDetector(options);
  if (expected) detector.expect({ kind: expected });
  detector.speechStarted(0);
  detector.transcript(text, true, 900);
  detector.speechEnded(1000, shape);
  for (let nowMs = 1000; nowMs <= 4000; nowMs += 20) {
    const commit = detector.due(nowMs);
    if (commit) return { atMs: nowMs, reason: commit.reason };
  }
  return undefined;
}

describe('TurnDetector with the end-of-speech contour', () => {
  it('keeps the plain wait after a final fall by default: a caller may fall and go on', () => {
    for (const shape of [undefined, contour('falling')]) {
      assert.deepEqual(commitAfter('two large pepperoni pizzas', shape), {
        atMs: 1700,
        reason: 'silence',
      });
    }
  });

  it('commits a plain sentence that ends in a final fall sooner when configured to', () => {
    const options = { prosody: { fallingHangoverMs: 500 } };
    assert.deepEqual(commitAfter('two large pepperoni pizzas', undefined, options), {
      atMs: 1700,
      reason: 'silence',
    });
    assert.deepEqual(commitAfter('two large pepperoni pizzas', contour('falling'), options), {
      atMs: 1500,
      reason: 'prosody',
    });
  });

  it('takes a moderate cue down to the plain hangover on a final fall', () => {
    const text = 'my name is anna and a';
    assert.equal(commitAfter(text, undefined, {}, AsrAnswerKind.moreOrDone)?.atMs, 2200);
    assert.deepEqual(commitAfter(text, contour('falling'), {}, AsrAnswerKind.moreOrDone), {
      atMs: 1700,
      reason: 'prosody',
    });
  });

  it('keeps the extended wait of words surely unfinished, and early commits', () => {
    const digits = 'my number is five five five one two';
    assert.equal(commitAfter(digits, contour('falling'))?.atMs, 2600);
    assert.deepEqual(commitAfter('yes', contour('rising'), {}, AsrAnswerKind.yesNo), {
      atMs: 1260,
      reason: 'early',
    });
  });

  it('keeps the words’ wait on a level or rising end, a weak contour or none', () => {
    for (const shape of [contour('level'), contour('rising'), contour('falling', 0.4)])
      assert.equal(commitAfter('a large coke', shape)?.atMs, 1700, shape.kind);
    assert.equal(commitAfter('a large coke', contour('unknown', 0))?.atMs, 1700);
  });

  it('lengthens a plain wait on a level or rising end when configured to', () => {
    const options = { prosody: { continuationHangoverMs: 1000, fallingHangoverMs: 500 } };
    assert.equal(commitAfter('a large coke', contour('level'), options)?.atMs, 2000);
    assert.equal(commitAfter('a large coke', contour('falling'), options)?.atMs, 1500);
  });

  it('ignores the contour when switched off', () => {
    const options = { prosody: { enabled: false } };
    assert.equal(new TurnDetector(options).usesProsody, false);
    assert.equal(commitAfter('a large coke', contour('falling'), options)?.atMs, 1700);
  });

  it('forgets the contour when the caller speaks again', () => {
    const detector = new TurnDetector({ prosody: { fallingHangoverMs: 500 } });
    detector.speechStarted(0);
    detector.transcript('a large coke', true, 900);
    detector.speechEnded(1000, contour('falling'));
    assert.equal(detector.nextDueAtMs(), 1500);
    detector.speechStarted(1200);
    detector.transcript('and fries', true, 1900);
    detector.speechEnded(2000);
    assert.equal(detector.nextDueAtMs(), 2700);
  });
});
