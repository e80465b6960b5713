/**
 * The prosodic end-of-turn cue (ADR 0020) on espeak-ng speech over an 8 kHz μ-law line:
 * how the terminal contour reads at the end of statements and questions and at the pauses of
 * commas inside a sentence (a list going on), per voice; and what the pitch tracker costs per
 * 20 ms frame. A pause read as a confident final fall is where the turn detector would commit
 * sooner than the words alone say: the false-final rate is the risk of cutting a caller off.
 * The sentences are generic ordering talk written for this bench, not the eval set's lines.
 * Needs espeak-ng and sox (scripts/install-system-packages.sh).
 * Run: node --import tsx bench/prosody-contour.ts
 */
import { synthesiseSpeech } from '../src/data/pipeline/asr/testing/synthesised-speech.ts';
import { CallerProsody } from '../src/data/pipeline/prosody/caller-prosody.ts';
import type { TerminalContour } from '../src/data/pipeline/prosody/terminal-contour.ts';
import { defaultProsodyMinConfidence } from '../src/data/pipeline/turn/turn-detector.ts';

const statements = [
  'I would like a medium hawaiian pizza.',
  'Can I get the chicken burger with fries, a side salad, and a lemonade.',
  'Two vegetarian wraps, one without onions, and a bottle of water.',
  'My address is twelve Station Road, flat three.',
  'Yes, that sounds good.',
  'No, that will be everything, thanks.',
  'I will collect it myself.',
  'Put it under the name Peter Jansen.',
  'You can reach me on zero six, four four one, two two, nine eight.',
  'Actually, make the soup a large one.',
  'We are four people, so maybe three pizzas, a garlic bread, and some wings.',
  'Just the lasagne please.',
];
const questions = [
  'Do you deliver to the city centre?',
  'How long will it take?',
  'Is the curry very spicy?',
  'Could I pay by card when it arrives?',
];
const voices = ['en-us', 'en-gb', 'en-us+f3', 'en-gb-x-rp+m3'];
const sampleRateHz = 8000;
const frameSamples = sampleRateHz / 50;

/** 10 ms blocks above -50 dBFS, as pause boundaries: ends of speech before each pause ≥ 150 ms. */
function pauseStarts(pcm16: Int16Array): { inner: number[]; endMs: number } {
  const block = sampleRateHz / 100;
  const ends: number[] = [];
  let lastLoudMs = 0;
  let quietMs = 0;
  for (let i = 0; i + block <= pcm16.length; i += block) {
    let energy = 0;
    for (let k = i; k < i + block; k++) energy += ((pcm16[k] as number) / 32768) ** 2;
    const loud = 10 * Math.log10(energy / block + 1e-12) > -50;
    if (loud) {
      if (quietMs >= 150 && lastLoudMs > 0) ends.push(lastLoudMs);
      quietMs = 0;
      lastLoudMs = ((i + block) * 1000) / sampleRateHz;
    } else quietMs += 10;
  }
  return { inner: ends, endMs: lastLoudMs };
}

interface Tally {
  falling: number;
  level: number;
  rising: number;
  unknown: number;
  /** Falling with at least the detector's minimum confidence: what shortens a wait. */
  confidentFalls: number;
  total: number;
}
const tally = (): Tally => ({
  falling: 0,
  level: 0,
  rising: 0,
  unknown: 0,
  confidentFalls: 0,
  total: 0,
});
function count(into: Tally, contour: TerminalContour): void {
  into[contour.kind]++;
  into.total++;
  if (contour.kind === 'falling' && contour.confidence >= defaultProsodyMinConfidence)
    into.confidentFalls++;
}

const perVoice = new Map<string, { ends: Tally; questions: Tally; commas: Tally }>();
const frameCostsUs: number[] = [];
for (const voice of voices) {
  const tallies = { ends: tally(), questions: tally(), commas: tally() };
  perVoice.set(voice, tallies);
  for (const [text, isQuestion] of [
    ...statements.map((text) => [text, false] as const),
    ...questions.map((text) => [text, true] as const),
  ]) {
    const pcm16 = await synthesiseSpeech(text, { sampleRateHz, voice, paddingMs: 0 });
    const prosody = new CallerProsody({ sampleRateHz });
    for (let i = 0; i < pcm16.length; i += frameSamples) {
      const frame = pcm16.subarray(i, i + frameSamples);
      const startNs = process.hrtime.bigint();
      prosody.push(frame);
      frameCostsUs.push(Number(process.hrtime.bigint() - startNs) / 1000);
    }
    const { inner, endMs } = pauseStarts(pcm16);
    let startMs = 0;
    for (const pauseMs of inner) {
      count(tallies.commas, prosody.contour(startMs, pauseMs));
      startMs = pauseMs;
    }
    count(isQuestion ? tallies.questions : tallies.ends, prosody.contour(startMs, endMs));
  }
}

const show = (name: string, t: Tally) =>
  `${name} ${t.total}: falling ${t.falling} (confident ${t.confidentFalls}), level ${t.level}, rising ${t.rising}, unknown ${t.unknown}`;
console.log(
  `terminal contour on espeak-ng speech, 8 kHz μ-law; ${statements.length} statements, ${questions.length} questions per voice`,
);
const all = { ends: tally(), questions: tally(), commas: tally() };
for (const [voice, t] of perVoice) {
  console.log(`${voice.padEnd(14)} ${show('statement ends', t.ends)}`);
  console.log(`${''.padEnd(14)} ${show('question ends', t.questions)}`);
  console.log(`${''.padEnd(14)} ${show('comma pauses', t.commas)}`);
  for (const key of ['ends', 'questions', 'commas'] as const)
    for (const field of Object.keys(all[key]) as (keyof Tally)[]) all[key][field] += t[key][field];
}
const rate = (n: number, of: number) =>
  `${n}/${of} (${((100 * n) / Math.max(1, of)).toFixed(0)} %)`;
console.log(
  `final falls heard at statement ends: ${rate(all.ends.confidentFalls, all.ends.total)}`,
);
console.log(
  `false finals (confident falls) at comma pauses: ${rate(all.commas.confidentFalls, all.commas.total)}; ` +
    `at question ends: ${rate(all.questions.confidentFalls, all.questions.total)}`,
);
frameCostsUs.sort((a, b) => a - b);
const pct = (p: number) =>
  frameCostsUs[Math.min(frameCostsUs.length - 1, Math.floor(p * frameCostsUs.length))]!;
console.log(
  `pitch tracker per 20 ms frame: p50 ${pct(0.5).toFixed(1)} µs, p95 ${pct(0.95).toFixed(1)} µs, p99 ${pct(0.99).toFixed(1)} µs (${frameCostsUs.length} frames)`,
);
