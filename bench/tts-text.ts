/**
 * The text side of TTS, per agent reply: sentence chunking of a token stream plus speech
 * normalisation of each chunk — platform overhead on the path to first audio. Median and p95.
 * Run: node --import tsx bench/tts-text.ts
 */
import { normalizeForSpeech } from '../src/data/pipeline/tts/normalize.ts';
import { SentenceChunker } from '../src/data/pipeline/tts/sentence-chunker.ts';

const replies = [
  'Sure! One Margherita at €12.50 and two Cokes at €2.75 each. That comes to €18.00, ready at 18:30.',
  'We are at 12 Main St., call +31 6 1234 5678 if anything changes. Anything else, e.g. a dessert?',
  'Your order #1042 will be ready at 7:45pm, approx. 25 min from now. We deliver within 5 km.',
  'Dat is €22,50 in totaal. Uw bestelling is om 18.45 uur klaar, ca. 20 min. Bel 020-1234567.',
];
// Tokens of about four characters, as an LLM streams them.
const tokenised = replies.map((reply) => reply.match(/.{1,4}/gs) ?? []);

function measure(label: string, rounds: number, work: () => void): void {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    work();
    if (round >= rounds / 10) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (fraction: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)]!;
  console.log(
    `${label}: median ${(at(0.5) * 1000).toFixed(0)} µs  p95 ${(at(0.95) * 1000).toFixed(0)} µs`,
  );
}

let index = 0;
measure('chunk + normalise one reply (streamed in 4-char tokens)', 4000, () => {
  const tokens = tokenised[index++ % tokenised.length]!;
  const language = tokens.join('').startsWith('Dat') ? 'nl-NL' : 'en-US';
  const chunker = new SentenceChunker();
  const chunks = [...tokens.flatMap((token) => chunker.push(token)), ...chunker.flush()];
  for (const chunk of chunks) normalizeForSpeech(chunk, { language });
});
measure('time to the first chunk of a reply (push until one is released)', 4000, () => {
  const tokens = tokenised[index++ % tokenised.length]!;
  const chunker = new SentenceChunker();
  for (const token of tokens) if (chunker.push(token).length > 0) break;
});
