/**
 * Turns a raw pocketsphinx hypothesis into caller text: lowercase, without sentence markers,
 * silence and noise/filler tokens (`<s>`, `<sil>`, `[noise]`, `++breath++`), and without the
 * alternate-pronunciation suffix (`two(2)`); a line digit is its plain word (`seven_` → `seven`).
 */
import { plainWord } from './line-digits.ts';

const nonSpeech = /^(<[^>]*>|\[[^\]]*\]|\+\+[^+]*\+\+|\+[^+]*\+)$/;

/** Whether a raw hypothesis token is a word (not a sentence marker, silence or filler). */
export function isSpeechToken(token: string): boolean {
  return token !== '' && !nonSpeech.test(token);
}

export function cleanHypothesis(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .split(/\s+/)
    .filter(isSpeechToken)
    .map((token) => plainWord(token.replace(/\(\d+\)$/, '').toLowerCase()))
    .join(' ');
}
