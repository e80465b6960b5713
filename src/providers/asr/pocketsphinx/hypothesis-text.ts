/**
 * Turns a raw pocketsphinx hypothesis into caller text: lowercase, without sentence markers,
 * silence and noise/filler tokens (`<s>`, `<sil>`, `[noise]`, `++breath++`), and without the
 * alternate-pronunciation suffix (`two(2)`).
 */
const nonSpeech = /^(<[^>]*>|\[[^\]]*\]|\+\+[^+]*\+\+|\+[^+]*\+)$/;

export function cleanHypothesis(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .split(/\s+/)
    .filter((token) => token !== '' && !nonSpeech.test(token))
    .map((token) => token.replace(/\(\d+\)$/, '').toLowerCase())
    .join(' ');
}
