import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnDetector } from './turn-detector.ts';

/** Polls `due` every 20 ms (one frame) from `fromMs` to `toMs`; returns the first commit and when. */
function pollFrames(detector: TurnDetector, fromMs: number, toMs: number) {
  for (let nowMs = fromMs; nowMs <= toMs; nowMs += 20) {
    const commit = detector.due(nowMs);
    if (commit) return { ...commit, atMs: nowMs };
  }
  return undefined;
}

function speak(detector: TurnDetector, text: string, startMs: number, endMs: number): void {
  detector.speechStarted(startMs);
  detector.transcript(text, false, startMs + 100);
  detector.transcript(text, true, endMs + 50);
  detector.speechEnded(endMs);
}

describe('TurnDetector', () => {
  it('commits an ordinary sentence after the hangover', () => {
    const detector = new TurnDetector({ hangoverMs: 700 });
    speak(detector, 'two large pepperoni pizzas', 1000, 3000);
    assert.equal(detector.due(3680), undefined);
    assert.deepEqual(detector.due(3700), {
      text: 'two large pepperoni pizzas',
      reason: 'silence',
      speechEndedAtMs: 3000,
    });
  });

  it('commits only once per turn', () => {
    const detector = new TurnDetector();
    speak(detector, 'a coke', 0, 500);
    assert.ok(detector.due(2000));
    assert.equal(detector.due(2020), undefined);
    assert.equal(detector.due(9000), undefined);
  });

  it('waits the extended hangover mid phone number, then commits with reason extended', () => {
    const detector = new TurnDetector({ hangoverMs: 700, extendedHangoverMs: 1600 });
    speak(detector, 'my number is five five five one two', 0, 2000);
    assert.equal(pollFrames(detector, 2000, 3580), undefined);
    assert.deepEqual(pollFrames(detector, 3580, 5000), {
      text: 'my number is five five five one two',
      reason: 'extended',
      speechEndedAtMs: 2000,
      atMs: 3600,
    });
  });

  it('joins the rest of the number said after a pause into one turn', () => {
    const detector = new TurnDetector();
    speak(detector, 'my number is five five five', 0, 2000);
    // A 1.2 s pause: longer than the plain hangover, shorter than the extended one.
    assert.equal(pollFrames(detector, 2000, 3180), undefined);
    speak(detector, 'one two three four five six seven', 3200, 5200);
    const commit = pollFrames(detector, 5200, 7000);
    assert.equal(commit?.text, 'my number is five five five one two three four five six seven');
    // A complete number commits early.
    assert.equal(commit?.reason, 'early');
    assert.equal(commit?.atMs, 5460);
  });

  it('waits longer after a trailing "and" or "two large"', () => {
    for (const text of ['a burger and', 'I would like two large', 'can I get uh']) {
      const detector = new TurnDetector();
      speak(detector, text, 0, 1000);
      assert.equal(detector.due(2000), undefined, text);
      assert.equal(detector.due(2600)?.reason, 'extended', text);
    }
  });

  it('commits early on a clearly complete answer', () => {
    for (const text of ['yes', 'no', "that's all", "that's it", 'thank you']) {
      const detector = new TurnDetector({ earlyCommitMs: 250 });
      speak(detector, text, 0, 400);
      assert.equal(detector.due(640), undefined, text);
      assert.deepEqual(detector.due(650), { text, reason: 'early', speechEndedAtMs: 400 }, text);
    }
  });

  it('cancels a pending commit when speech resumes, and keeps the words', () => {
    const detector = new TurnDetector({ hangoverMs: 700 });
    speak(detector, 'a margherita', 0, 1000);
    detector.speechStarted(1500); // before 1700
    assert.equal(detector.due(1700), undefined);
    assert.equal(detector.due(5000), undefined, 'never while speaking');
    detector.transcript('and a coke', true, 2500);
    detector.speechEnded(2500);
    assert.deepEqual(detector.due(3200), {
      text: 'a margherita and a coke',
      reason: 'silence',
      speechEndedAtMs: 2500,
    });
  });

  it('uses the latest partial when the final has not arrived', () => {
    const detector = new TurnDetector();
    detector.speechStarted(0);
    detector.transcript('yeah', false, 200);
    detector.transcript('yes', false, 300);
    detector.speechEnded(400);
    assert.equal(detector.due(650)?.text, 'yes');
    // The late final of the committed turn does not leak into the next one.
    detector.transcript('yes', true, 700);
    speak(detector, 'for pickup', 2000, 3000);
    assert.equal(detector.due(3700)?.text, 'for pickup');
  });

  it('never commits a turn without words', () => {
    const detector = new TurnDetector();
    detector.speechStarted(0);
    detector.speechEnded(300);
    assert.equal(detector.due(10_000), undefined);
    assert.equal(detector.nextDueAtMs(), undefined);
    // Words arriving late commit as soon as the silence is long enough.
    detector.transcript('a coke please', true, 10_050);
    assert.equal(detector.nextDueAtMs(), 1000);
    assert.equal(detector.due(10_060)?.text, 'a coke please');
  });

  it('reports when the next commit is due and forgets everything on reset', () => {
    const detector = new TurnDetector({ hangoverMs: 700, earlyCommitMs: 250 });
    speak(detector, 'a pizza', 0, 1000);
    assert.equal(detector.nextDueAtMs(), 1700);
    detector.transcript('yes', true, 1100);
    assert.equal(detector.text, 'a pizza yes');
    detector.reset();
    assert.equal(detector.text, '');
    assert.equal(detector.due(99_999), undefined);
  });
});
