import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  concatPcm16,
  mixPcm16,
  silence,
  synthesizeSpeech,
  whiteNoise,
} from '../audio/testing/sox.ts';
import {
  ProbabilitySegmenter,
  createSpeechSegmenter,
  type SpeechSegmenterOptions,
  type VadEvent,
} from './speech-segmenter.ts';

/** Pushes `audio` as 20 ms frames starting at `startMs`; returns every event. */
async function segment(
  audio: Int16Array,
  options: SpeechSegmenterOptions,
  startMs = 0,
): Promise<VadEvent[]> {
  const segmenter = await createSpeechSegmenter(options);
  const frame = options.sampleRateHz / 50;
  const events: VadEvent[] = [];
  for (let i = 0; i + frame <= audio.length; i += frame) {
    events.push(
      ...segmenter.push(audio.subarray(i, i + frame), startMs + (i * 1000) / options.sampleRateHz),
    );
  }
  segmenter.close();
  return events;
}

/** Where the clean speech really is: first and last sample above 2% of full scale, in ms. */
function speechBoundsMs(
  speech: Int16Array,
  sampleRateHz: number,
): { startMs: number; endMs: number } {
  const loud = (v: number) => Math.abs(v) > 650;
  const first = speech.findIndex(loud);
  const last = speech.findLastIndex(loud);
  return { startMs: (first * 1000) / sampleRateHz, endMs: (last * 1000) / sampleRateHz };
}

function assertNear(actual: number, expected: number, toleranceMs: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= toleranceMs,
    `${what}: ${actual} ms, expected ${expected} ± ${toleranceMs}`,
  );
}

for (const sampleRateHz of [8000, 16000] as const) {
  describe(`speech segmenter on Silero VAD, ${sampleRateHz} Hz`, () => {
    let order: Int16Array;
    let extra: Int16Array;
    before(async () => {
      order = await synthesizeSpeech('I would like two large pepperoni pizzas', sampleRateHz);
      extra = await synthesizeSpeech('and a coke please', sampleRateHz);
    });

    it('finds two utterances in noisy audio where the speech is', async () => {
      const gapMs = 1500;
      const leadMs = 1000;
      const clean = concatPcm16([
        silence(leadMs, sampleRateHz),
        order,
        silence(gapMs, sampleRateHz),
        extra,
        silence(1000, sampleRateHz),
      ]);
      const noise = await whiteNoise((clean.length * 1000) / sampleRateHz, sampleRateHz, 0.02);
      const startMs = 50_000; // an arbitrary clock origin
      const events = await segment(mixPcm16(clean, noise), { sampleRateHz }, startMs);
      assert.deepEqual(
        events.map((event) => event.type),
        ['speech_start', 'speech_end', 'speech_start', 'speech_end'],
      );
      const first = speechBoundsMs(order, sampleRateHz);
      const secondOffsetMs = leadMs + (order.length * 1000) / sampleRateHz + gapMs;
      const second = speechBoundsMs(extra, sampleRateHz);
      const [start1, end1, start2, end2] = events as [VadEvent, VadEvent, VadEvent, VadEvent];
      assertNear(start1.atMs, startMs + leadMs + first.startMs, 60, 'first start');
      assertNear(end1.atMs, startMs + leadMs + first.endMs, 150, 'first end');
      assertNear(start2.atMs, startMs + secondOffsetMs + second.startMs, 60, 'second start');
      assertNear(end2.atMs, startMs + secondOffsetMs + second.endMs, 150, 'second end');
      // speech_end carries when speech stopped, decided one hangover later.
      for (const end of [end1, end2]) {
        assert.ok(end.type === 'speech_end');
        assert.ok(end.emittedAtMs - end.atMs >= 300 && end.emittedAtMs - end.atMs < 340);
      }
    });

    it('does not start speech for a burst shorter than minSpeechMs, nor for a cough', async () => {
      // 160 ms cut from the middle of real speech: speech-like, but shorter than 200 ms.
      const middle = Math.floor(order.length / 2);
      const burst = order.subarray(middle, middle + (sampleRateHz * 160) / 1000);
      const audio = concatPcm16([silence(500, sampleRateHz), burst, silence(1000, sampleRateHz)]);
      assert.deepEqual(await segment(audio, { sampleRateHz, minSpeechMs: 200 }), []);
      // The same audio with a shorter minimum does start speech: the burst is audible.
      const events = await segment(audio, { sampleRateHz, minSpeechMs: 60 });
      assert.equal(events[0]?.type, 'speech_start');
      // A cough-like click: a loud noise burst decaying in ~30 ms.
      const click = (await whiteNoise(120, sampleRateHz, 0.8)).map(
        (sample, i) => sample * Math.exp(-i / (sampleRateHz * 0.03)),
      );
      const withClick = concatPcm16([
        silence(500, sampleRateHz),
        click,
        silence(1000, sampleRateHz),
      ]);
      assert.deepEqual(await segment(withClick, { sampleRateHz }), []);
    });

    it('starts and ends speech for a quickly spoken one-word answer', async () => {
      for (const word of ['no', 'yes', 'two']) {
        const quick = await synthesizeSpeech(word, sampleRateHz, 300);
        const audio = concatPcm16([silence(500, sampleRateHz), quick, silence(800, sampleRateHz)]);
        const events = await segment(audio, { sampleRateHz });
        assert.deepEqual(
          events.map((event) => event.type),
          ['speech_start', 'speech_end'],
          word,
        );
      }
    });

    it('keeps one segment across a pause shorter than the hangover', async () => {
      const audio = concatPcm16([
        silence(300, sampleRateHz),
        order,
        silence(150, sampleRateHz),
        extra,
        silence(800, sampleRateHz),
      ]);
      const events = await segment(audio, { sampleRateHz, hangoverMs: 600 });
      assert.deepEqual(
        events.map((event) => event.type),
        ['speech_start', 'speech_end'],
      );
    });

    it('reports nothing for silence or steady noise', async () => {
      assert.deepEqual(await segment(silence(5000, sampleRateHz), { sampleRateHz }), []);
      const noise = await whiteNoise(5000, sampleRateHz, 0.05);
      assert.deepEqual(await segment(noise, { sampleRateHz }), []);
    });
  });
}

describe('speech segmenter state machine (scripted probabilities)', () => {
  /** One frame per probability; frames are 20 ms at 8 kHz starting at 0. */
  function run(probabilities: number[], options: Partial<SpeechSegmenterOptions> = {}) {
    let next = 0;
    const segmenter = new ProbabilitySegmenter(
      { push: () => probabilities[next++] ?? 0 },
      { sampleRateHz: 8000, ...options },
    );
    const frame = new Int16Array(160);
    const events = probabilities.flatMap((_, i) => segmenter.push(frame, i * 20));
    return { events, segmenter };
  }

  it('confirms speech after minSpeechMs and dates it from its first frame', () => {
    const { events, segmenter } = run([0, 0, 0.9, 0.9, 0.9, 0.9, 0.9], { minSpeechMs: 100 });
    assert.deepEqual(events, [{ type: 'speech_start', atMs: 40 }]);
    assert.equal(segmenter.speaking, true);
  });

  it('lets frames between the thresholds continue, not start or end, a run', () => {
    // 0.4 is between 0.35 and 0.5: it neither breaks the speech run nor counts as silence.
    const { events } = run([0.9, 0.4, 0.9, 0.4, 0.9, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4], {
      minSpeechMs: 100,
      hangoverMs: 40,
    });
    assert.deepEqual(events, [{ type: 'speech_start', atMs: 0 }]);
  });

  it('ends speech one hangover after the first silent frame, reporting that frame', () => {
    const speech = Array<number>(10).fill(0.9);
    const { events } = run([...speech, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], {
      minSpeechMs: 60,
      hangoverMs: 100,
    });
    // The silence at 200 ms is interrupted at 220 ms; the next starts at 240 ms, ends at 340 ms.
    assert.deepEqual(events, [
      { type: 'speech_start', atMs: 0 },
      { type: 'speech_end', atMs: 240, emittedAtMs: 340 },
    ]);
  });

  it('rejects frames after close', () => {
    const { segmenter } = run([]);
    segmenter.close();
    assert.throws(() => segmenter.push(new Int16Array(160), 0), /after close/);
  });
});
