/**
 * Local ASR on synthesised telephone calls: the shared dev utterances spoken by espeak-ng in
 * several voices, sent through 8 kHz G.711 μ-law and back (sox), then decoded by pocketsphinx:
 *   a) the 16 kHz en-us model, generic LM, on the telephone audio upsampled by sox
 *   b) the 8 kHz hub4wsj_sc_8k model, generic LM
 *   c) the 8 kHz model with the menu's domain LM (`telephoneAudio: '8k-model'`)
 *   d) the 16 kHz model, menu LM, telephone audio upsampled, band above 4 kHz left empty
 *   e) the default: as d with the upper band filled with noise of RMS --noise (4300)
 *   f) e's provider on the same speech at 16 kHz without the phone line (an upper bound)
 *   g) whole calls: the dev scenarios' goal-driven callers (data/simulator) speak every turn
 *      (espeak-ng, voices in turn, 8 kHz line) to the c) set-up, and what it hears drives the
 *      real dialogue; one stream per call, no answer hints
 *   h) the same calls with the answer hint of each turn from the dialogue state
 *      (`stream.expect(expectedAnswer(state))`, as the voice session does)
 *   t) the same calls heard perfectly (the caller's text, no audio): the ceiling for g and h
 *   p) the caller turns of t, each decoded from its audio without and with its hint: the same
 *      turns both ways (in g/h a misheard turn changes the rest of the call), WER and turns
 *      heard exactly, per answer kind
 *   For g/h: WER over caller turns (overall and per answer kind), completion (expected outcome,
 *   and the right order) and order accuracy (orders expected: created and equal to the goal).
 * Prints WER, the share of utterances whose every menu word was recognised, the share of menu
 * words recognised (menu-word recall), the real-time factor
 * (decode time / audio time, audio written as fast as accepted) and, for the default (or c with
 * --paced-config=c) with audio paced in real time, first-partial latency after speech onset,
 * final latency after flush and event-loop lag while decoding.
 *
 *   node --import tsx bench/asr-accuracy.ts [--limit=40] [--configs=a,b,c,d,e] [--paced=15]
 *     [--args="-lw 10"] [--args8=…] [--args16=…] (extra decoder arguments: all, 8 kHz model,
 *     16 kHz model) [--noise=4300] [--no-order-phrases] [--corpus='{"orderSentences":9000}']
 *     [--cache=name] [--gain=0.25] [--padding=300] [--partial-ms=80] [--verbose]
 *     [--calls=24] (scenarios for g/h) [--answers='{"answerShares":{"phone":0.9}}'] [--hinted-only]
 *     [--variants='[{"label":"before","args8":"-pl_window 5","partialMs":80},{"label":"after"}]']
 *       (8 kHz set-ups side by side: c and h per set-up when in --configs, and the first --paced
 *       samples paced through each set-up in turn, with the word-lag breakdown and CPU)
 * The paced figures include a breakdown of the word emission lag: each utterance's slowest word,
 * the last word against the others, and words first shown wrong in their place (ADR 0017).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseMenuV1, type MenuV1, type MenuV1Input } from '../src/contracts/menu/index.ts';
import type { AsrAnswerKind, AsrEvent, AsrStream } from '../src/data/pipeline/asr/asr-provider.ts';
import { expectedAnswer } from '../src/data/pipeline/session/expected-answer.ts';
import { createLocalSessions } from '../src/data/session/local-session.ts';
import {
  clockInOpeningHours,
  loadScenarios,
  SimulatedCaller,
  type Scenario,
} from '../src/data/simulator/index.ts';
import { defaultSizes, linesMatch } from '../src/data/understanding/index.ts';
import { synthesiseSpeech } from '../src/data/pipeline/asr/testing/index.ts';
import { menuVocabulary } from '../src/data/pipeline/asr/vocabulary.ts';
import type { CorpusOptions } from '../src/providers/asr/pocketsphinx/caller-corpus.ts';
import {
  DomainLanguageModels,
  type AnswerModelOptions,
} from '../src/providers/asr/pocketsphinx/domain-language-model.ts';
import { PocketsphinxAsr } from '../src/providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import { spokenWords } from '../src/providers/asr/pocketsphinx/spoken-words.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const limit = Number(args.get('limit') ?? 40);
const configs = (args.get('configs') ?? 'c,e').split(',');
const pacedCount = Number(args.get('paced') ?? 15);
const voices = [
  { voice: 'en-us', wordsPerMinute: 160 },
  { voice: 'en-gb', wordsPerMinute: 150 },
  { voice: 'en-us+m3', wordsPerMinute: 170 },
];
const paddingMs = Number(args.get('padding') ?? 300);
/** Caller turns of the g/h calls, synthesised once for both runs. */
const speechCache = new Map<string, Int16Array>();

const evalDir = path.resolve(import.meta.dirname, '../../shared/eval');
const utterances = readFileSync(path.join(evalDir, 'utterances-dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; menu: string; text: string })
  .slice(0, limit);
const menus = new Map<string, MenuV1>();
for (const name of new Set(utterances.map((utterance) => utterance.menu))) {
  const file = path.join(evalDir, 'menus', `${name}.json`);
  menus.set(name, parseMenuV1(JSON.parse(readFileSync(file, 'utf8')) as MenuV1Input));
}

/** Function words never counted as menu words even when a menu phrase contains them. */
const functionWords = new Set(['a', 'an', 'and', 'of', 'with', 'no', 'the', 'on', 'in', 'or']);
function menuWords(menu: MenuV1): Set<string> {
  return new Set(
    menuVocabulary(menu, { orderPhrases: false })
      .flatMap(spokenWords)
      .filter((word) => !functionWords.has(word)),
  );
}

interface Sample {
  id: string;
  menu: string;
  reference: string[];
  pcm16: Int16Array;
  rateHz: 8000 | 16000;
}

async function samplesAt(rateHz: 8000 | 16000): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const utterance of utterances) {
    for (const voice of voices) {
      const pcm16 = await synthesiseSpeech(utterance.text, {
        ...voice,
        sampleRateHz: rateHz,
        telephone: true,
        paddingMs,
      });
      const gain = Number(args.get('gain') ?? 1);
      if (gain !== 1) pcm16.forEach((value, index) => (pcm16[index] = Math.round(value * gain)));
      samples.push({ ...utterance, reference: spokenWords(utterance.text), pcm16, rateHz });
    }
  }
  return samples;
}

function wordErrors(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let row = 1; row <= reference.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= hypothesis.length; column += 1) {
      const substitution = reference[row - 1] === hypothesis[column - 1] ? 0 : 1;
      current.push(
        Math.min(
          previous[column]! + 1,
          current[column - 1]! + 1,
          previous[column - 1]! + substitution,
        ),
      );
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Writes `pcm16` in 20 ms frames; paced: one frame per 20 ms of wall time. */
async function write(stream: AsrStream, pcm16: Int16Array, rateHz: number, paced: boolean) {
  const frame = rateHz / 50;
  const started = performance.now();
  for (let offset = 0, index = 0; offset < pcm16.length; offset += frame, index += 1) {
    if (paced) {
      const due = started + index * 20 - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    if (!stream.write(pcm16.subarray(offset, offset + frame))) await stream.drained();
  }
}

/** Reads events into a per-utterance list, resolving each final's waiter. */
function eventReader(stream: AsrStream) {
  let current: AsrEvent[] = [];
  let onFinal: ((events: AsrEvent[]) => void) | undefined;
  const done = (async () => {
    for await (const event of stream.events()) {
      current.push(event);
      if (event.type === 'final' || event.type === 'error') {
        const events = current;
        current = [];
        onFinal?.(events);
      }
    }
  })();
  return {
    next: () => new Promise<AsrEvent[]>((resolve) => (onFinal = resolve)),
    done,
  };
}

interface Result {
  sample: Sample;
  hypothesis: string[];
  decodeMs: number;
  firstPartialMs?: number;
  finalMs?: number;
  /** Each final word's emission lag (ADR 0017). */
  partialLagsMs?: number[];
  /** The final's words and the partials' (paced runs: for the lag breakdown). */
  finalWords?: string[];
  partialWords?: string[][];
}

async function run(
  label: string,
  provider: PocketsphinxAsr,
  samples: readonly Sample[],
  options: { vocabulary: boolean; paced: boolean },
): Promise<Result[]> {
  const results: Result[] = [];
  for (const menuName of new Set(samples.map((sample) => sample.menu))) {
    const menu = menus.get(menuName)!;
    const forMenu = samples.filter((sample) => sample.menu === menuName);
    const stream = await provider.open({
      sampleRateHz: forMenu[0]!.rateHz,
      language: 'en-US',
      ...(options.vocabulary
        ? {
            vocabulary: menuVocabulary(menu, { orderPhrases: !args.has('no-order-phrases') }),
          }
        : {}),
    });
    const reader = eventReader(stream);
    for (const sample of forMenu) {
      const finished = reader.next();
      const startedMs = performance.now();
      await write(stream, sample.pcm16, sample.rateHz, options.paced);
      const writtenMs = performance.now();
      stream.flush();
      const events = await finished;
      const finalAtMs = performance.now();
      const final = events.find((event) => event.type === 'final');
      const firstPartial = events.find((event) => event.type === 'partial');
      results.push({
        sample,
        hypothesis: final ? spokenWords(final.text) : [],
        decodeMs: finalAtMs - startedMs,
        ...(options.paced && firstPartial
          ? { firstPartialMs: firstPartial.atMs - startedMs - paddingMs }
          : {}),
        ...(options.paced ? { finalMs: finalAtMs - writtenMs } : {}),
        partialLagsMs: final?.type === 'final' ? [...(final.wordLagsMs ?? [])] : [],
        ...(options.paced && final?.type === 'final'
          ? {
              finalWords: final.text === '' ? [] : final.text.split(' '),
              partialWords: events.flatMap((event) =>
                event.type === 'partial' ? [event.text.split(' ')] : [],
              ),
            }
          : {}),
      });
      process.stderr.write('.');
    }
    await stream.close();
    await reader.done;
  }
  process.stderr.write(` ${label}\n`);
  return results;
}

function report(label: string, results: readonly Result[]): void {
  const errors = results.reduce((sum, r) => sum + wordErrors(r.sample.reference, r.hypothesis), 0);
  const words = results.reduce((sum, result) => sum + result.sample.reference.length, 0);
  let menuTokens = 0;
  let menuTokensHeard = 0;
  const allMenuWords = results.filter((result) => {
    const menu = menuWords(menus.get(result.sample.menu)!);
    const heard = new Set(result.hypothesis);
    const expected = result.sample.reference.filter((word) => menu.has(word));
    menuTokens += expected.length;
    menuTokensHeard += expected.filter((word) => heard.has(word)).length;
    return expected.every((word) => heard.has(word));
  }).length;
  for (const result of args.has('verbose') ? results : []) {
    if (result.hypothesis.join(' ') !== result.sample.reference.join(' ')) {
      console.log(`   ${result.sample.reference.join(' ')}\n → ${result.hypothesis.join(' ')}`);
    }
  }
  const rtf = results.map((r) => r.decodeMs / ((r.sample.pcm16.length / r.sample.rateHz) * 1000));
  console.log(
    `${label.padEnd(46)} WER ${((100 * errors) / words).toFixed(1).padStart(5)} %  ` +
      `all menu words ${((100 * allMenuWords) / results.length).toFixed(1).padStart(5)} %  ` +
      `menu-word recall ${((100 * menuTokensHeard) / menuTokens).toFixed(1).padStart(5)} %  ` +
      `RTF median ${quantile(rtf, 0.5).toFixed(2)} p95 ${quantile(rtf, 0.95).toFixed(2)}  ` +
      `(${results.length} utterances)`,
  );
}

/** `--name="-lw 10 -wip 0.5"` as decoder arguments. */
function decoderArgs(name: string): Record<string, string> {
  return Object.fromEntries(
    (args.get(name) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((token, index, tokens) =>
        index % 2 === 0 ? [[token, tokens[index + 1] ?? '']] : [],
      ),
  ) as Record<string, string>;
}
const extraArgs = decoderArgs('args');
const extraArgs8 = decoderArgs('args8');
const extraArgs16 = decoderArgs('args16');
const noiseRms = Number(args.get('noise') ?? 4300);
const domainModels = new DomainLanguageModels({
  corpus: JSON.parse(args.get('corpus') ?? '{}') as CorpusOptions,
  answers: JSON.parse(args.get('answers') ?? '{}') as AnswerModelOptions,
  dataDir: path.join(os.tmpdir(), `voxeron-bench-asr-models${args.get('cache') ?? ''}`),
});
/** 8 kHz audio on the 8 kHz model. */
const provider8 = new PocketsphinxAsr({
  ...(args.has('partial-ms') ? { partialIntervalMs: Number(args.get('partial-ms')) } : {}),
  telephoneAudio: '8k-model',
  extraArgs: { ...extraArgs, ...extraArgs8 },
  domainModels,
});
/** 8 kHz audio upsampled for the 16 kHz model, the upper band filled with noise of this RMS. */
const upsampling = (rms: number) =>
  new PocketsphinxAsr({
    ...(args.has('partial-ms') ? { partialIntervalMs: Number(args.get('partial-ms')) } : {}),
    telephoneAudio: 'upsample',
    upperBandNoiseRms: rms,
    extraArgs: { ...extraArgs, ...extraArgs16 },
    domainModels,
  });
console.log(
  `decoder arguments: ${JSON.stringify({ all: extraArgs, '8k': extraArgs8, '16k': extraArgs16 })}; ` +
    `${utterances.length} dev utterances × ${voices.length} voices ` +
    `(${voices.map((v) => `${v.voice}@${v.wordsPerMinute}wpm`).join(', ')}), 8 kHz μ-law line`,
);
const samples8k =
  configs.some((config) => 'abcdef'.includes(config)) || pacedCount > 0
    ? await samplesAt(8000)
    : [];
if (args.has('variants')) {
  const variants = (JSON.parse(args.get('variants')!) as Variant[]).map((variant) => ({
    variant,
    provider: variantProvider(variant),
  }));
  const textCalls = configs.includes('p') ? await runCalls('text') : [];
  for (const { variant, provider } of variants) {
    const name = `${variant.label}: ${variant.args8 ?? ''} @${variant.partialMs ?? 'default'} ms`;
    if (configs.includes('c'))
      report(
        `c) ${name}`,
        await run(variant.label, provider, samples8k, { vocabulary: true, paced: false }),
      );
    if (configs.includes('p'))
      reportTurns(`p) ${name}, hinted`, await decodeTurns(textCalls, true, provider));
    if (configs.includes('h')) reportCalls(`h) ${name}`, await runCalls('hinted', provider));
  }
  if (pacedCount > 0) await pacedSideBySide(variants, samples8k.slice(0, pacedCount));
  process.exit(0);
}
if (configs.includes('a')) {
  // sox upsampling, fed as 16 kHz audio: the set-up before the telephone upsampler.
  const samples16k = await samplesAt(16000);
  const results = await run('a', provider8, samples16k, { vocabulary: false, paced: false });
  report('a) 16 kHz en-us model, generic LM (upsampled)', results);
}
if (configs.includes('b')) {
  const results = await run('b', provider8, samples8k, { vocabulary: false, paced: false });
  report('b) 8 kHz hub4wsj_sc_8k, generic LM', results);
}
if (configs.includes('c')) {
  const results = await run('c', provider8, samples8k, { vocabulary: true, paced: false });
  report('c) 8 kHz hub4wsj_sc_8k, menu LM', results);
}
if (configs.includes('d')) {
  const results = await run('d', upsampling(0), samples8k, { vocabulary: true, paced: false });
  report('d) 16 kHz en-us, menu LM, upsampled', results);
}
const defaultProvider = upsampling(noiseRms);
if (configs.includes('e')) {
  const results = await run('e', defaultProvider, samples8k, { vocabulary: true, paced: false });
  report(`e) 16 kHz en-us, menu LM, upsampled + noise ${noiseRms}`, results);
}
if (configs.includes('f')) {
  // Upper bound: the same speech at 16 kHz without the telephone line.
  const clean: Sample[] = [];
  for (const utterance of utterances) {
    for (const voice of voices) {
      const pcm16 = await synthesiseSpeech(utterance.text, {
        ...voice,
        sampleRateHz: 16000,
        telephone: false,
        paddingMs,
      });
      clean.push({ ...utterance, reference: spokenWords(utterance.text), pcm16, rateHz: 16000 });
    }
  }
  const results = await run('f', defaultProvider, clean, { vocabulary: true, paced: false });
  report('f) 16 kHz en-us, menu LM, wideband (no line)', results);
}
const perfectCalls = configs.includes('t') || configs.includes('p') ? await runCalls('text') : [];
if (configs.includes('t')) reportCalls('t) calls heard perfectly (text)', perfectCalls);
if (configs.includes('p')) {
  // --hinted-only: skip the unhinted pass (answer-model sweeps).
  if (!args.has('hinted-only'))
    reportTurns(
      'p) the turns of t, 8 kHz menu LM, no hints',
      await decodeTurns(perfectCalls, false),
    );
  reportTurns('p) the same turns, answer hint per turn', await decodeTurns(perfectCalls, true));
}
if (configs.includes('g'))
  reportCalls('g) calls, 8 kHz menu LM, no hints', await runCalls('plain'));
if (configs.includes('h'))
  reportCalls('h) calls, 8 kHz, answer hint per turn', await runCalls('hinted'));
/**
 * Where the word emission lag comes from (ADR 0017 figures, split): each utterance's slowest
 * word, the last word of the utterance against the others, words no partial showed in place
 * (they surface with the final), and words a partial showed wrongly first (flickered).
 */
function lagBreakdown(results: readonly Result[]): string {
  const figures = (values: readonly number[]) =>
    `p50 ${quantile(values, 0.5).toFixed(0)} p95 ${quantile(values, 0.95).toFixed(0)} (${values.length})`;
  const last: number[] = [];
  const others: number[] = [];
  const flickered: number[] = [];
  const steady: number[] = [];
  const slowest: number[] = [];
  let byFinal = 0;
  for (const result of results) {
    const lags = result.partialLagsMs ?? [];
    const words = result.finalWords ?? [];
    if (lags.length > 0) slowest.push(Math.max(...lags));
    // Without every word aligned, lags and words do not pair up: only the slowest counts.
    if (lags.length !== words.length) continue;
    const partials = result.partialWords ?? [];
    words.forEach((word, index) => {
      const lag = lags[index]!;
      (index === words.length - 1 ? last : others).push(lag);
      const prefixHeld = (partial: string[]) =>
        partial.length > index && words.slice(0, index).every((w, k) => partial[k] === w);
      if (!partials.some((partial) => prefixHeld(partial) && partial[index] === word)) byFinal++;
      const wrongFirst = partials.some((partial) => prefixHeld(partial) && partial[index] !== word);
      (wrongFirst ? flickered : steady).push(lag);
    });
  }
  return (
    `   per utterance, slowest word ${figures(slowest)}; last word ${figures(last)}, ` +
    `other words ${figures(others)}\n` +
    `   words first shown wrong in their place ${figures(flickered)}, never shown wrong ` +
    `${figures(steady)}; shown only by the final: ${byFinal}`
  );
}

/**
 * --variants='[{"label":"now"},{"label":"new","args8":"-pl_window 2","partialMs":40}]': 8 kHz
 * menu-LM set-ups (c) side by side in one run — c's accuracy, g/h calls if asked, and the paced
 * word emission lag with the samples interleaved across the set-ups (each sample goes through
 * every set-up in turn, so machine load hits all alike), with the CPU each used per second of
 * audio (process CPU time while its stream decoded, paced).
 */
interface Variant {
  label: string;
  args8?: string;
  partialMs?: number;
}
function variantProvider(variant: Variant): PocketsphinxAsr {
  const own = Object.fromEntries(
    (variant.args8 ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((token, index, tokens) =>
        index % 2 === 0 ? [[token, tokens[index + 1] ?? '']] : [],
      ),
  ) as Record<string, string>;
  return new PocketsphinxAsr({
    ...(variant.partialMs ? { partialIntervalMs: variant.partialMs } : {}),
    telephoneAudio: '8k-model',
    extraArgs: { ...extraArgs, ...extraArgs8, ...own },
    domainModels,
  });
}
async function pacedSideBySide(
  variants: readonly { variant: Variant; provider: PocketsphinxAsr }[],
  samples: readonly Sample[],
): Promise<void> {
  const results = variants.map(() => [] as Result[]);
  const cpuMs = variants.map(() => 0);
  let audioMs = 0;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  for (const menuName of new Set(samples.map((sample) => sample.menu))) {
    const menu = menus.get(menuName)!;
    const vocabulary = menuVocabulary(menu, { orderPhrases: !args.has('no-order-phrases') });
    const streams = await Promise.all(
      variants.map(async ({ provider }) => {
        const stream = await provider.open({ sampleRateHz: 8000, language: 'en-US', vocabulary });
        return { stream, reader: eventReader(stream) };
      }),
    );
    for (const sample of samples.filter((candidate) => candidate.menu === menuName)) {
      audioMs += (sample.pcm16.length / sample.rateHz) * 1000;
      for (const [index, { stream, reader }] of streams.entries()) {
        const finished = reader.next();
        const cpu = process.cpuUsage();
        await write(stream, sample.pcm16, sample.rateHz, true);
        stream.flush();
        const events = await finished;
        const used = process.cpuUsage(cpu);
        cpuMs[index]! += (used.user + used.system) / 1000;
        const final = events.find((event) => event.type === 'final');
        results[index]!.push({
          sample,
          hypothesis: final?.type === 'final' ? spokenWords(final.text) : [],
          decodeMs: 0,
          partialLagsMs: final?.type === 'final' ? [...(final.wordLagsMs ?? [])] : [],
          finalWords: final?.type === 'final' && final.text !== '' ? final.text.split(' ') : [],
          partialWords: events.flatMap((event) =>
            event.type === 'partial' ? [event.text.split(' ')] : [],
          ),
        });
      }
      process.stderr.write('.');
    }
    for (const { stream, reader } of streams) {
      await stream.close();
      await reader.done;
    }
  }
  lag.disable();
  process.stderr.write(' paced side by side\n');
  for (const [index, { variant }] of variants.entries()) {
    const own = results[index]!;
    const wordLags = own.flatMap((result) => result.partialLagsMs ?? []);
    const errors = own.reduce((sum, r) => sum + wordErrors(r.sample.reference, r.hypothesis), 0);
    const words = own.reduce((sum, r) => sum + r.sample.reference.length, 0);
    console.log(
      `${variant.label.padEnd(12)} paced (${own.length} utterances): word emission lag ` +
        `p50 ${quantile(wordLags, 0.5).toFixed(0)} p95 ${quantile(wordLags, 0.95).toFixed(0)} ms ` +
        `(${wordLags.length} words); WER ${((100 * errors) / words).toFixed(1)} %; ` +
        `CPU ${((100 * cpuMs[index]!) / audioMs).toFixed(1)} % of the audio's duration`,
    );
    console.log(lagBreakdown(own));
  }
  console.log(
    `   event-loop delay (all set-ups) p95 ${(lag.percentile(95) / 1e6).toFixed(1)} ms ` +
      `max ${(lag.max / 1e6).toFixed(1)} ms`,
  );
}
if (pacedCount > 0 && samples8k.length > 0) {
  const pacedProvider = args.get('paced-config') === 'c' ? provider8 : defaultProvider;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const paced = await run('paced', pacedProvider, samples8k.slice(0, pacedCount), {
    vocabulary: true,
    paced: true,
  });
  lag.disable();
  const partials = paced.flatMap((r) => (r.firstPartialMs === undefined ? [] : [r.firstPartialMs]));
  const finals = paced.flatMap((r) => (r.finalMs === undefined ? [] : [r.finalMs]));
  const wordLags = paced.flatMap((r) => r.partialLagsMs ?? []);
  console.log(
    `${args.get('paced-config') ?? 'e'}) paced in real time (${paced.length} utterances): first partial after speech onset ` +
      `median ${quantile(partials, 0.5).toFixed(0)} ms p95 ${quantile(partials, 0.95).toFixed(0)} ms; ` +
      `word emission lag (${wordLags.length} words) ` +
      `median ${quantile(wordLags, 0.5).toFixed(0)} ms p95 ${quantile(wordLags, 0.95).toFixed(0)} ms; ` +
      `final after flush median ${quantile(finals, 0.5).toFixed(0)} ms ` +
      `p95 ${quantile(finals, 0.95).toFixed(0)} ms; event-loop delay p95 ` +
      `${(lag.percentile(95) / 1e6).toFixed(1)} ms max ${(lag.max / 1e6).toFixed(1)} ms`,
  );
  console.log(lagBreakdown(paced));
}

// ---- whole calls (g, h) -----------------------------------------------------------------------

interface CallTurn {
  kind: AsrAnswerKind;
  /** What the caller said (spoken form). */
  spoken: string;
  reference: string[];
  hypothesis: string[];
}
interface CallResult {
  scenario: Scenario;
  turns: CallTurn[];
  pass: boolean;
  orderMatches: boolean | null;
}

/**
 * The caller's text as a caller says it: a phone number digit by digit ("+31 6 1234 5678" →
 * "plus three one six one two three four …"), where espeak-ng would read "one thousand two
 * hundred thirty four", which no caller says and the dialogue does not parse.
 */
function asSpoken(text: string): string {
  const digitWords = 'zero one two three four five six seven eight nine'.split(' ');
  return text.replace(/\+?\d[\d\s-]{6,}\d/g, (phone) =>
    [...phone]
      .flatMap((char) =>
        char === '+' ? ['plus'] : /\d/.test(char) ? [digitWords[Number(char)]!] : [],
      )
      .join(' '),
  );
}

async function callerSpeech(text: string, voiceIndex: number): Promise<Int16Array> {
  const voice = voices[voiceIndex % voices.length]!;
  const key = `${voice.voice}|${text}`;
  let pcm16 = speechCache.get(key);
  if (!pcm16) {
    pcm16 = await synthesiseSpeech(text, {
      ...voice,
      sampleRateHz: 8000,
      telephone: true,
      paddingMs,
    });
    speechCache.set(key, pcm16);
  }
  return pcm16;
}

async function hear(
  stream: AsrStream,
  reader: ReturnType<typeof eventReader>,
  utterance: string,
  voiceIndex: number,
): Promise<string> {
  const finished = reader.next();
  await write(stream, await callerSpeech(utterance, voiceIndex), 8000, false);
  stream.flush();
  const final = (await finished).find((event) => event.type === 'final');
  return final?.type === 'final' ? final.text : '';
}

/**
 * The caller turns of the perfectly heard calls (t), each decoded from its audio — the same
 * turns with and without the hint of its place in the dialogue, one stream per call.
 */
async function decodeTurns(
  calls: readonly CallResult[],
  hinted: boolean,
  provider: PocketsphinxAsr = provider8,
): Promise<CallTurn[]> {
  const decoded: CallTurn[] = [];
  for (const [index, call] of calls.entries()) {
    const stream = await provider.open({
      sampleRateHz: 8000,
      language: 'en-US',
      vocabulary: menuVocabulary(menus.get(call.scenario.menu)!),
    });
    const reader = eventReader(stream);
    for (const turn of call.turns) {
      if (hinted) stream.expect?.({ kind: turn.kind });
      const heard = await hear(stream, reader, turn.spoken, index);
      decoded.push({ ...turn, hypothesis: spokenWords(heard) });
    }
    await stream.close();
    await reader.done;
    process.stderr.write('.');
  }
  process.stderr.write(` turns${hinted ? ' (hinted)' : ''}\n`);
  return decoded;
}

function reportTurns(label: string, turns: readonly CallTurn[]): void {
  const errors = (of: readonly CallTurn[]) =>
    of.reduce((sum, t) => sum + wordErrors(t.reference, t.hypothesis), 0);
  const words = (of: readonly CallTurn[]) => of.reduce((sum, t) => sum + t.reference.length, 0);
  const exact = (of: readonly CallTurn[]) =>
    of.filter((t) => t.hypothesis.join(' ') === t.reference.join(' ')).length;
  const kinds = [...new Set(turns.map((turn) => turn.kind))].sort();
  // --verbose-turns=name,address: each turn of those kinds, said → heard.
  const shown = (args.get('verbose-turns') ?? '').split(',');
  for (const turn of turns.filter((t) => shown.includes(t.kind))) {
    console.log(`  [${turn.kind}] ${turn.reference.join(' ')} → ${turn.hypothesis.join(' ')}`);
  }
  console.log(
    `${label.padEnd(46)} WER ${((100 * errors(turns)) / words(turns)).toFixed(1).padStart(5)} %  ` +
      `turns heard exactly ${exact(turns)}/${turns.length}`,
  );
  for (const kind of kinds) {
    const ofKind = turns.filter((turn) => turn.kind === kind);
    console.log(
      `   ${kind.padEnd(13)} WER ${((100 * errors(ofKind)) / words(ofKind)).toFixed(1).padStart(5)} %` +
        `  exact ${exact(ofKind)}/${ofKind.length}`,
    );
  }
}

/** Every dev scenario as a call: the simulated caller speaks, the recogniser hears, the dialogue answers. */
async function runCalls(
  hearing: 'plain' | 'hinted' | 'text',
  provider: PocketsphinxAsr = provider8,
): Promise<CallResult[]> {
  const hinted = hearing === 'hinted';
  const scenarios = loadScenarios(path.join(evalDir, 'scenarios-dev.jsonl')).slice(
    0,
    Number(args.get('calls') ?? 1000),
  );
  const results: CallResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const menu =
      menus.get(scenario.menu) ??
      parseMenuV1(
        JSON.parse(
          readFileSync(path.join(evalDir, 'menus', `${scenario.menu}.json`), 'utf8'),
        ) as MenuV1Input,
      );
    menus.set(scenario.menu, menu);
    const wait = SimulatedCaller.kitchenWaitMinutes(scenario);
    const { manager, config } = createLocalSessions(menu, {
      clock: clockInOpeningHours(menu, 'Europe/Amsterdam'),
      overlay: { timezone: 'Europe/Amsterdam' },
      ...(wait !== undefined ? { kitchen: { pickupWaitMinutes: wait } } : {}),
    });
    const caller = new SimulatedCaller(scenario, menu);
    const session = await manager.open({ config, channel: 'simulator' });
    const stream = await provider.open({
      sampleRateHz: 8000,
      language: 'en-US',
      vocabulary: menuVocabulary(menu),
    });
    const reader = eventReader(stream);
    const turns: CallTurn[] = [];
    let reply = session.greeting;
    for (let count = 0; !session.isEnded && count < 40; count += 1) {
      const said = caller.respond(reply);
      if (said === undefined) break;
      const utterance = asSpoken(said);
      const expectation = expectedAnswer(session.state);
      if (hinted) stream.expect?.(expectation);
      let heard = '';
      if (hearing === 'text') {
        heard = utterance;
      } else if (utterance.trim() !== '') {
        heard = await hear(stream, reader, utterance, index);
      }
      if (utterance.trim() !== '') {
        turns.push({
          kind: expectation.kind,
          spoken: utterance,
          reference: spokenWords(utterance),
          hypothesis: spokenWords(heard),
        });
      }
      reply = (await session.turn(heard)).reply;
    }
    await session.hangUp();
    await stream.close();
    await reader.done;
    const goal = scenario.goal;
    const draft = session.order?.documents.draft;
    const orderMatches = draft
      ? linesMatch(draft.lines, goal.items, defaultSizes(menu)) &&
        draft.fulfilment.type === goal.fulfilment &&
        draft.customer.phone === goal.phone.replace(/[^\d+]/g, '')
      : null;
    const outcome = session.outcome ?? 'failed';
    results.push({
      scenario,
      turns,
      orderMatches,
      pass:
        outcome === scenario.expect.outcome &&
        (outcome !== 'order_created' || orderMatches === true),
    });
    if (args.has('verbose')) {
      console.log(
        `${scenario.id} ${outcome} ${orderMatches}` +
          (draft && !orderMatches
            ? ` (phone ${draft.customer.phone}, ${draft.fulfilment.type}, ` +
              `${draft.lines.map((line) => `${line.quantity} ${line.item}`).join(', ')})`
            : ''),
      );
      for (const turn of turns) {
        console.log(`  [${turn.kind}] ${turn.reference.join(' ')} → ${turn.hypothesis.join(' ')}`);
      }
    }
    process.stderr.write('.');
  }
  process.stderr.write(` calls (${hearing})\n`);
  return results;
}

function reportCalls(label: string, results: readonly CallResult[]): void {
  const wer = (turns: readonly CallTurn[]) => {
    const errors = turns.reduce((sum, t) => sum + wordErrors(t.reference, t.hypothesis), 0);
    const words = turns.reduce((sum, t) => sum + t.reference.length, 0);
    return `${((100 * errors) / Math.max(words, 1)).toFixed(1)} %`;
  };
  const turns = results.flatMap((result) => result.turns);
  const wantOrder = results.filter((result) => result.scenario.expect.outcome === 'order_created');
  const kinds = [...new Set(turns.map((turn) => turn.kind))].sort();
  console.log(
    `${label.padEnd(46)} WER ${wer(turns).padStart(7)}  completion ` +
      `${results.filter((result) => result.pass).length}/${results.length}  order accuracy ` +
      `${wantOrder.filter((result) => result.orderMatches === true).length}/${wantOrder.length}  ` +
      `(${turns.length} caller turns)`,
  );
  console.log(
    `   WER per answer kind: ${kinds
      .map((kind) => {
        const ofKind = turns.filter((turn) => turn.kind === kind);
        return `${kind} ${wer(ofKind)} (${ofKind.length})`;
      })
      .join(', ')}`,
  );
}
