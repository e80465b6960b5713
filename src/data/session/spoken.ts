/** Small helpers for text the agent says (it is spoken by TTS later). */
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** 1 → "one" … 12 → "twelve"; larger numbers stay digits. */
export function numberToWords(value: number): string {
  return WORDS[value] ?? String(value);
}

/** Picks one phrasing deterministically, so a repeated prompt varies but replays are identical. */
export function vary(options: readonly string[], index: number): string {
  return options[Math.abs(index) % options.length]!;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
