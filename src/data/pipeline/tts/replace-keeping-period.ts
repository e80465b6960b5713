/**
 * `String.replace` for patterns that may swallow a final period ("7 p.m.", "etc."): when that
 * period also ended the sentence, it is put back so the voice still pauses there.
 */
export function replaceKeepingPeriod(
  text: string,
  pattern: RegExp,
  toWords: (match: RegExpExecArray) => string | undefined,
  options: { restorePeriod?: boolean } = {},
): string {
  if (!pattern.global) throw new TypeError('replaceKeepingPeriod needs a global pattern');
  let result = '';
  let copiedUpTo = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') {
      pattern.lastIndex += 1;
      continue;
    }
    const words = toWords(match);
    if (words === undefined) continue;
    const end = match.index + match[0].length;
    const endedSentence =
      options.restorePeriod !== false &&
      match[0].endsWith('.') &&
      /^(?:\s*$|\s+[A-Z\u00C0-\u024F])/.test(text.slice(end));
    result += text.slice(copiedUpTo, match.index) + words + (endedSentence ? '.' : '');
    copiedUpTo = end;
  }
  return result + text.slice(copiedUpTo);
}
