/**
 * The phone number read back as soon as it is taken ("I have your number as 06 1234 5678. Is
 * that right?"), as a good order-taker does: one misheard digit makes the number useless, and
 * only the caller can catch it. A yes moves on; a new number is read back in its turn; "no, it
 * ends in four five" corrects the last digits; a bare no asks for the number again. The check
 * runs in the `confirm` phase, so the recogniser expects a yes or no.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { DialogueAct } from '../understanding/index.ts';
import { yesOrNo } from './check-answer.ts';
import { correctPhone } from './phone-correction.ts';
import { normalisePhone } from './slots.ts';
import type { DialogueState } from './state.ts';

/**
 * The number as the agent says it, grouped as a person reads it in its country's numbering plan:
 * national form when it has the restaurant's country calling code ("+31612345678" → "06 1234
 * 5678", "+31201234567" → "020 123 4567"), international form otherwise ("+1 212 555 0147",
 * "+44 20 7946 0958", "+49 30 123456"). The speech normaliser reads each group digit by digit
 * with a pause between groups ("zero six, one two three four, …"). A number the plan does not
 * group (unknown, or too short or long for its country) is said in threes with a last group of
 * up to four.
 */
export function spokenPhone(e164: string, countryCallingCode: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const home = parsed?.countryCallingCode === countryCallingCode;
  if (parsed) {
    // "(212) 555-0147", "+44 20 7946 0958": the plan's groups, without brackets or dashes.
    const groups = (home ? parsed.formatNational() : parsed.formatInternational())
      .replace(/[^\d+]+/g, ' ')
      .trim()
      .split(' ');
    // A plan that does not know the number leaves its national part as one run.
    if (groups.length >= (home ? 2 : 3)) return groups.flatMap(splitRun).join(' ');
  }
  const digits = e164.replace(/\D/g, '');
  if (digits.startsWith(countryCallingCode) && (home || !parsed))
    return threesAndFour(`0${digits.slice(countryCallingCode.length)}`);
  // Abroad, the country code is said on its own ("+1 415 555 123").
  if (parsed) return `+${parsed.countryCallingCode} ${threesAndFour(parsed.nationalNumber)}`;
  return `+${threesAndFour(digits)}`;
}

/** The longest group said as one run: longer ones are hard to follow by ear. */
const MAX_GROUP_DIGITS = 6;

/**
 * A plan's group split when too long to follow by ear, into near-equal groups of three or four,
 * shorter first: the Dutch mobile "06 12345678" is said "06 1234 5678".
 */
function splitRun(group: string): string[] {
  if (group.length <= MAX_GROUP_DIGITS) return [group];
  const count = Math.ceil(group.length / 4);
  const size = Math.floor(group.length / count);
  const longer = group.length % count;
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const length = k < count - longer ? size : size + 1;
    out.push(group.slice(at, at + length));
    at += length;
  }
  return out;
}

/** Digits in groups of three and a last group of up to four: "061 234 5678". */
function threesAndFour(run: string): string {
  const out: string[] = [];
  let rest = run;
  while (rest.length > 4) {
    out.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  if (rest) out.push(rest);
  return out.join(' ');
}

export function phoneCheckPrompt(phone: string, countryCallingCode: string): string {
  return `I have your number as ${spokenPhone(phone, countryCallingCode)}. Is that right?`;
}

export function phoneCheckRepair(phone: string, countryCallingCode: string): string {
  return `Sorry, is your number ${spokenPhone(phone, countryCallingCode)}? Please say yes or no.`;
}

/**
 * Read-backs a caller may refuse before the number is noted as heard: a retry costs two turns,
 * and a line that garbled a digit twice mostly garbles it again. A slightly wrong number must not
 * cost the order (or a person's time): the caller hears which number was noted.
 */
export const MAX_PHONE_REFUSALS = 2;

/** The check is settled or goes on; the agent says `lead` and then whatever comes next. */
export interface PhoneCheckAnswer {
  lead: string;
}

/**
 * Applies the caller's answer to the phone read-back to `state`; undefined when the answer is
 * none of a yes, a no or a number (the turn is handled as usual, and repaired if unusable).
 */
export function answerPhoneCheck(
  state: DialogueState,
  text: string,
  acts: readonly DialogueAct[],
  countryCallingCode: string,
): PhoneCheckAnswer | undefined {
  const current = state.phone;
  if (!current) return undefined;
  const { affirm, deny } = yesOrNo(text, acts);
  const said = acts.find((act) => act.type === 'provide_phone');
  const heard = said ? normalisePhone(said.phone, countryCallingCode) : undefined;
  if (heard && heard !== current) {
    // "No, it's 06 …": the new number is read back in its turn.
    state.phone = heard;
    state.phoneSettled = false;
    return { lead: 'Okay.' };
  }
  if (deny) {
    // "No, it ends in four five", "no, one two three four": the number with that part mended.
    const corrected = correctPhone(current, text, countryCallingCode);
    if (corrected) {
      state.phone = corrected;
      return { lead: 'Sorry about that.' };
    }
    state.phoneDenials = (state.phoneDenials ?? 0) + 1;
    if (state.phoneDenials >= MAX_PHONE_REFUSALS) {
      state.phoneSettled = true;
      state.refusedPhone = undefined;
      return {
        lead: `Sorry, the line isn't clear. I'll note the number as ${spokenPhone(current, countryCallingCode)}, and the restaurant can check it with you.`,
      };
    }
    state.refusedPhone = current;
    state.phone = undefined;
    state.phoneSettled = false;
    return { lead: 'Sorry about that.' };
  }
  if (affirm || heard === current) {
    // A yes, or the same number said again.
    state.phoneSettled = true;
    state.phoneDenials = 0;
    state.refusedPhone = undefined;
    return { lead: '' };
  }
  return undefined;
}

/**
 * The answer to "What's the number, then?" after a refused read-back: a part of the number
 * ("one two three four") mends the refused one; undefined for anything else (a whole number is
 * taken as usual).
 */
export function answerPhoneAgain(
  state: DialogueState,
  text: string,
  acts: readonly DialogueAct[],
  countryCallingCode: string,
): { lead: string } | undefined {
  const refused = state.refusedPhone;
  if (!refused || acts.some((act) => act.type === 'provide_phone')) return undefined;
  const corrected = correctPhone(refused, text, countryCallingCode);
  if (!corrected) return undefined;
  state.phone = corrected;
  state.phoneSettled = false;
  return { lead: 'Okay.' };
}
