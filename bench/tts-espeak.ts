/**
 * Local espeak-ng TTS: first-chunk latency (request → first PCM chunk in hand) and real-time
 * factor (synthesis wall time / audio duration), median and p95, for a short and a long
 * sentence at 8 kHz; plus the bare cost of starting an espeak-ng process, which decides
 * whether a warm process per voice would pay (see src/providers/tts/espeak-ng/README.md).
 * Run: node --import tsx bench/tts-espeak.ts [rounds=30]
 */
import { spawn } from 'node:child_process';
import { EspeakNgTts } from '../src/providers/tts/espeak-ng/espeak-ng-tts.ts';

const rounds = Number(process.argv[2] ?? 30);
/** Calls space their replies by seconds; this pause lets a used spare be replaced, as in a call. */
const pauseBetweenRequestsMs = 300;
const texts = {
  short: 'Sure, anything else?',
  long:
    'I have one large Margherita, two Quattro Formaggi and three Cokes for delivery to twelve ' +
    'Main Street; that comes to forty-two euros fifty and it will be with you in about forty minutes.',
};

function summary(samples: number[], digits = 1): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return `median ${at(0.5).toFixed(digits)}  p95 ${at(0.95).toFixed(digits)}`;
}

/** Spawn → exit of a command, or spawn → first stdout byte when `text` is given. */
async function processMs(command: string, args: string[], text?: string): Promise<number> {
  const start = performance.now();
  let firstByteMs: number | undefined;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    child.once('error', reject);
    child.stdout.once('data', () => (firstByteMs = performance.now() - start));
    child.stdout.resume();
    child.stdin.on('error', () => undefined); // /bin/true does not read its stdin
    child.stdin.end(text ?? '');
    child.once('close', () => resolve());
  });
  return text === undefined ? performance.now() - start : firstByteMs!;
}

async function synthesisFigures(tts: EspeakNgTts, text: string, language: string) {
  const start = performance.now();
  let firstChunkMs: number | undefined;
  let samples = 0;
  let chunks = 0;
  for await (const chunk of tts.synthesize({ text, language, sampleRateHz: 8000 })) {
    firstChunkMs ??= performance.now() - start;
    samples += chunk.pcm16.length;
    chunks += 1;
  }
  const wallMs = performance.now() - start;
  const audioMs = (samples / 8000) * 1000;
  return { firstChunkMs: firstChunkMs!, realTimeFactor: wallMs / audioMs, audioMs, chunks };
}

const processFigures: [string, () => Promise<number>][] = [
  ['fork+exec baseline (/bin/true, spawn → exit)', () => processMs('/bin/true', [])],
  ['espeak-ng start (--version, spawn → exit)', () => processMs('espeak-ng', ['--version'])],
  [
    'espeak-ng raw (spawn → first WAV byte, short text)',
    () => processMs('espeak-ng', ['--stdout', '-v', 'en-us'], texts.short),
  ],
];
for (const [label, measure] of processFigures) {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) samples.push(await measure());
  console.log(`${label}, ms: ${summary(samples)}`);
}

for (const standby of [false, true]) {
  const tts = new EspeakNgTts({ standby });
  const mode = standby ? 'spare process' : 'cold spawn';
  for (const language of ['en-US', 'nl-NL'] as const) {
    for (const [size, text] of Object.entries(texts)) {
      if (language === 'nl-NL' && size === 'long') continue;
      await synthesisFigures(tts, text, language); // warm the page cache (and start the spare)
      const figures = [];
      for (let round = 0; round < rounds; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, pauseBetweenRequestsMs));
        figures.push(await synthesisFigures(tts, text, language));
      }
      const audioS = (figures[0]!.audioMs / 1000).toFixed(1);
      console.log(
        `${mode}, ${language} ${size} (${text.length} chars, ${audioS} s audio, ${figures[0]!.chunks} chunks): ` +
          `first chunk ms ${summary(figures.map((f) => f.firstChunkMs))}; ` +
          `RTF ${summary(
            figures.map((f) => f.realTimeFactor),
            3,
          )}`,
      );
    }
  }
  await tts.close();
}
