import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsrAnswerKind } from '../asr/asr-provider.ts';
import { TurnDetector, type TurnCommitDetail } from './turn-detector.ts';

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

  it('waits the moderate hangover for a dangling quantity or a cut phrase', () => {
    for (const text of ['I would like two large', 'can I get the']) {
      const detector = new TurnDetector({ moderateHangoverMs: 1200, extendedHangoverMs: 1600 });
      speak(detector, text, 0, 1000);
      assert.deepEqual(pollFrames(detector, 1000, 3000), {
        text,
        reason: 'extended',
        speechEndedAtMs: 1000,
        atMs: 2200,
      });
    }
  });
});

describe('TurnDetector with the expected answer', () => {
  const expecting = (kind: AsrAnswerKind, options = {}) => {
    const detector = new TurnDetector({ hangoverMs: 700, earlyCommitMs: 250, ...options });
    detector.expect({ kind });
    return detector;
  };

  it('does not wait for more digits when no phone number was asked for', () => {
    // "no that's all" misheard as digits, after "anything else?": the plain hangover.
    const detector = expecting(AsrAnswerKind.moreOrDone);
    speak(detector, 'nine five two one', 0, 1000);
    assert.deepEqual(pollFrames(detector, 1000, 4000), {
      text: 'nine five two one',
      reason: 'silence',
      speechEndedAtMs: 1000,
      atMs: 1700,
    });
    // The same digits when the number was asked for: the caller is reading it out.
    const asked = expecting(AsrAnswerKind.phone);
    speak(asked, 'nine five two one', 0, 1000);
    assert.equal(pollFrames(asked, 1000, 4000)?.atMs, 2600);
  });

  it('keeps a phone number read in groups with long pauses in one turn', () => {
    const detector = expecting(AsrAnswerKind.phone);
    speak(detector, 'oh six', 0, 800);
    assert.equal(pollFrames(detector, 800, 2200), undefined, '1.4 s after two digits');
    speak(detector, 'one two three four', 2200, 3600);
    assert.equal(pollFrames(detector, 3600, 5000), undefined, '1.4 s after six digits');
    speak(detector, 'five six seven eight', 5000, 6400);
    assert.deepEqual(pollFrames(detector, 6400, 9000), {
      text: 'oh six one two three four five six seven eight',
      reason: 'early',
      speechEndedAtMs: 6400,
      atMs: 6660,
    });
  });

  it('commits a whole yes/no answer, a fulfilment or a full name early', () => {
    const cases: [AsrAnswerKind, string][] = [
      [AsrAnswerKind.yesNo, 'yes, that is right'],
      [AsrAnswerKind.fulfilment, "I'll pick it up"],
      [AsrAnswerKind.moreOrDone, "no I'm good"],
      [AsrAnswerKind.name, 'my name is Anna de Vries'],
    ];
    for (const [kind, text] of cases) {
      const detector = expecting(kind);
      speak(detector, text, 0, 1500);
      assert.deepEqual(pollFrames(detector, 1500, 3000), {
        text,
        reason: 'early',
        speechEndedAtMs: 1500,
        atMs: 1760,
      });
      // Without the question the same words wait the plain hangover.
      const unaware = new TurnDetector({ hangoverMs: 700, earlyCommitMs: 250 });
      speak(unaware, text, 0, 1500);
      assert.equal(pollFrames(unaware, 1500, 3000)?.atMs, 2200, text);
    }
  });

  it('does not cut off "yes" to "anything else?": the item that follows joins the turn', () => {
    const detector = expecting(AsrAnswerKind.moreOrDone);
    speak(detector, 'yes', 0, 400);
    // 500 ms of silence: a bare yes would have committed after 250.
    assert.equal(pollFrames(detector, 400, 900), undefined);
    speak(detector, 'a garlic bread', 900, 1800);
    assert.deepEqual(pollFrames(detector, 1800, 4000), {
      text: 'yes a garlic bread',
      reason: 'silence',
      speechEndedAtMs: 1800,
      atMs: 2500,
    });
  });

  it('does not cut off a first name: the surname after a short pause joins the turn', () => {
    const detector = expecting(AsrAnswerKind.name);
    speak(detector, 'John', 0, 400);
    assert.equal(pollFrames(detector, 400, 900), undefined);
    speak(detector, 'Smith', 900, 1300);
    assert.deepEqual(pollFrames(detector, 1300, 3000), {
      text: 'John Smith',
      reason: 'early',
      speechEndedAtMs: 1300,
      atMs: 1560,
    });
  });

  it('does not cut off a correction after "no" to the read-back', () => {
    const detector = expecting(AsrAnswerKind.yesNo);
    speak(detector, 'no the pizza should be', 0, 1500);
    assert.equal(pollFrames(detector, 1500, 2600), undefined, 'mid-phrase: waits on');
    speak(detector, 'large', 2600, 3000);
    assert.deepEqual(pollFrames(detector, 3000, 5000), {
      text: 'no the pizza should be large',
      reason: 'silence',
      speechEndedAtMs: 3000,
      atMs: 3700,
    });
  });

  it('keeps the expectation across turns and resets until the next question', () => {
    const detector = expecting(AsrAnswerKind.yesNo);
    speak(detector, 'uh', 0, 300);
    detector.reset(); // e.g. a false barge-in
    speak(detector, 'yes that is right', 1000, 2000);
    assert.equal(pollFrames(detector, 2000, 4000)?.reason, 'early');
    speak(detector, 'yes that is right', 5000, 6000);
    assert.equal(pollFrames(detector, 6000, 8000)?.reason, 'early', 'the next turn too');
    detector.expect(undefined);
    speak(detector, 'yes that is right', 9000, 10_000);
    assert.equal(pollFrames(detector, 10_000, 12_000)?.reason, 'silence', 'no question now');
  });

  it('reports each commit with its cue, the expectation and the wait', () => {
    const seen: TurnCommitDetail[] = [];
    const detector = expecting(AsrAnswerKind.phone, {
      onCommit: (d: TurnCommitDetail) => seen.push(d),
    });
    speak(detector, 'oh six one two three', 0, 1000);
    const commit = pollFrames(detector, 1000, 4000);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0], {
      text: 'oh six one two three',
      reason: 'extended',
      speechEndedAtMs: 1000,
      ending: { kind: 'incomplete', cue: 'phone_number', wait: 'extended' },
      expected: AsrAnswerKind.phone,
      contour: undefined,
      waitMs: 1600,
      committedAtMs: commit?.atMs,
    });
  });
});
