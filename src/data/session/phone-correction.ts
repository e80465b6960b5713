/**
 * A part of a phone number said to correct the number read back: "it ends in four five" (the
 * last digits), or a group said again ("no, one two three four" for "06 1230 5678"). A group is
 * put where it differs least from the number read back; only an unambiguous place that differs
 * in a few digits is taken, otherwise the caller is asked for the whole number.
 */
import { longestDigitRun } from '../understanding/index.ts';
import { normalisePhone } from './slots.ts';

/** Says the last digits are being corrected: "it ends in", "ending with", "the last two are". */
const TAIL_CUE = /\b(?:ends?|ending)\s+(?:in|with)\b|\blast\b/i;
/** Fewer digits say too little about where they belong. */
const MIN_GROUP_DIGITS = 3;

/** The number `readBack` (E.164) corrected by the part in `text`, or undefined. */
export function correctPhone(
  readBack: string,
  text: string,
  countryCallingCode: string,
): string | undefined {
  const digits = readBack.replace(/\D/g, '');
  // Parts are said as the caller says the number: nationally when it is a local one.
  const national = digits.startsWith(countryCallingCode)
    ? `0${digits.slice(countryCallingCode.length)}`
    : digits;
  const cue = TAIL_CUE.exec(text);
  const part = longestDigitRun(cue ? text.slice(cue.index) : text).replace(/\D/g, '');
  if (part.length === 0 || part.length >= national.length - 3) return undefined;
  const fixed = cue
    ? national.slice(0, -part.length) + part
    : part.length >= MIN_GROUP_DIGITS
      ? placeGroup(national, part)
      : undefined;
  if (!fixed || fixed === national) return undefined;
  const e164 = normalisePhone(national === digits ? `+${fixed}` : fixed, countryCallingCode);
  return e164 === readBack ? undefined : e164;
}

/** `number` with `group` written over the one place where it differs least (≤ a third of it). */
function placeGroup(number: string, group: string): string | undefined {
  let best: number[] = [];
  let fewest = Infinity;
  for (let offset = 0; offset + group.length <= number.length; offset++) {
    let differences = 0;
    for (let k = 0; k < group.length; k++) if (number[offset + k] !== group[k]) differences++;
    if (differences < fewest) [best, fewest] = [[offset], differences];
    else if (differences === fewest) best.push(offset);
  }
  if (best.length !== 1 || fewest === 0 || fewest > Math.floor(group.length / 3)) return undefined;
  const at = best[0]!;
  return number.slice(0, at) + group + number.slice(at + group.length);
}
