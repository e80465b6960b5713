/** Normalising what a caller said into slot values. */
import { capitaliseName } from '../understanding/index.ts';

/**
 * A spoken number as E.164: "+31612345678" stays, a national "0612345678" gets the country code,
 * "0031…" becomes "+31…". Undefined when it cannot be a phone number.
 */
export function normalisePhone(spoken: string, countryCallingCode: string): string | undefined {
  const digits = spoken.replace(/[^\d+]/g, '');
  let e164: string;
  if (digits.startsWith('+')) e164 = `+${digits.slice(1).replace(/\D/g, '')}`;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (digits.startsWith('0')) e164 = `+${countryCallingCode}${digits.slice(1)}`;
  // "three one six one two …": the country code without its "plus" (not said, or lost on the
  // line); too long to be a national number without its trunk zero.
  else if (digits.startsWith(countryCallingCode) && digits.length >= countryCallingCode.length + 8)
    e164 = `+${digits}`;
  else e164 = `+${countryCallingCode}${digits}`;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : undefined;
}

const NOT_NAMES =
  /\b(yes|no|yeah|nope|okay|ok|pizza|order|pickup|delivery|please|thanks|what|why|how|sorry|hello|hi|the|and|um|uh|that|thats|all|nothing|else|done|wait|cancel|my|is|it|its)\b/i;

/** A bare answer to "what name?" ("Anna de Vries"): up to four words of letters. */
export function takeNameFromPlainAnswer(text: string): string | undefined {
  const cleaned = text.trim().replace(/[.!,]+$/g, '');
  if (!/^[\p{L}][\p{L}'’-]*(?: [\p{L}][\p{L}'’-]*){0,3}$/u.test(cleaned)) return undefined;
  if (NOT_NAMES.test(cleaned)) return undefined;
  return capitaliseName(cleaned.split(' '));
}
