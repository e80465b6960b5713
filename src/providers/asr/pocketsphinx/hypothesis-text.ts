/**
 * Turns a raw pocketsphinx hypothesis into caller text: lowercase, without sentence markers,
 * silence and noise/filler tokens (`<s>`, `<sil>`, `[noise]`, `++breath++`), and without the
 * alternate-pronunciation suffix (`two(2)`); a line digit is its plain word (`seven_` → `seven`).
 */
import { plainWord } from './line-digits.ts';

const nonSpeech = /^(<[^>]*>|\[[^\]]*\]|\+\+[^+]*\+\+|\+[^+]*\+)$/;

export function cleanHypothesis(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .split(/\s+/)
    .filter((token) => token !== '' && !nonSpeech.test(token))
    .map((token) => plainWord(token.replace(/\(\d+\)$/, '').toLowerCase()))
    .join(' ');
}
