/**
 * Local ASR on synthesised telephone calls: the shared dev utterances spoken by espeak-ng in
 * several voices, sent through 8 kHz G.711 μ-law and back (sox), then decoded by pocketsphinx:
 *   a) the 16 kHz en-us model, generic LM, on the telephone audio upsampled by sox
 *   b) the 8 kHz hub4wsj_sc_8k model, generic LM
 *   c) the 8 kHz model with the menu's domain LM (`telephoneAudio: '8k-model'`)
 *   d) the 16 kHz model, menu LM, telephone audio upsampled, band above 4 kHz left empty
 *   e) the default: as d with the upper band filled with noise of RMS --noise (4300)
 *   f) e's provider on the same speech at 16 kHz without the phone line (an upper bound)
 * Prints WER, the share of utterances whose every menu word was recognised, the share of menu
 * words recognised (menu-word recall), the real-time factor
 * (decode time / audio time, audio written as fast as accepted) and, for the default (or c with
 * --paced-config=c) with audio paced in real time, first-partial latency after speech onset,
 * final latency after flush and event-loop lag while decoding.
 *
 *   node --import tsx bench/asr-accuracy.ts [--limit=40] [--configs=a,b,c,d,e] [--paced=15]
 *     [--args="-lw 10"] [--args8=…] [--args16=…] (extra decoder arguments: all, 8 kHz model,
 *     16 kHz model) [--noise=4300] [--no-order-phrases] [--corpus='{"orderSentences":9000}']
 *     [--cache=name] [--gain=0.25] [--padding=300] [--partial-ms=160] [--verbose]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseMenuV1, type MenuV1, type MenuV1Input } from '../src/contracts/menu/index.ts';
import type { AsrEvent, AsrStream } from '../src/data/pipeline/asr/asr-provider.ts';
import { synthesiseSpeech } from '../src/data/pipeline/asr/testing/index.ts';
import { menuVocabulary } from '../src/data/pipeline/asr/vocabulary.ts';
import type { CorpusOptions } from '../src/providers/asr/pocketsphinx/caller-corpus.ts';
import { DomainLanguageModels } from '../src/providers/asr/pocketsphinx/domain-language-model.ts';
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
  dataDir: path.join(os.tmpdir(), `voxeron-bench-asr-models${args.get('cache') ?? ''}`),
});
/** 8 kHz audio on the 8 kHz model. */
const provider8 = new PocketsphinxAsr({
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
const samples8k = await samplesAt(8000);
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
if (pacedCount > 0) {
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
  console.log(
    `${args.get('paced-config') ?? 'e'}) paced in real time (${paced.length} utterances): first partial after speech onset ` +
      `median ${quantile(partials, 0.5).toFixed(0)} ms p95 ${quantile(partials, 0.95).toFixed(0)} ms; ` +
      `final after flush median ${quantile(finals, 0.5).toFixed(0)} ms ` +
      `p95 ${quantile(finals, 0.95).toFixed(0)} ms; event-loop delay p95 ` +
      `${(lag.percentile(95) / 1e6).toFixed(1)} ms max ${(lag.max / 1e6).toFixed(1)} ms`,
  );
}
