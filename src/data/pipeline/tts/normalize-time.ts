/**
 * Clock times as a person says them: "18:30" → "six thirty PM" (English, 12-hour),
 * "achttien uur dertig" (Dutch, 24-hour as Dutch restaurants announce it). A bare hour
 * ("at 9") is left alone: it is already speakable and may not be a time at all.
 */
import { cardinalWords, type SpeechLanguage } from './number-words.ts';
import { replaceKeepingPeriod } from './replace-keeping-period.ts';

const meridiem = String.raw`(?:\s?([ap])\.?\s?m(?![a-z])\.?)`;
const clockTime = new RegExp(
  String.raw`(?<![\w.,:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d%]|[.,:]\d)${meridiem}?(\s?uur\b)?`,
  'gi',
);
const hourWithMeridiem = new RegExp(String.raw`(?<![\w.,:])(1[0-2]|0?[1-9])${meridiem}`, 'gi');

// "11:30-22:00": the dash between two times is said "to".
const timeRange = /(?<![\w.,:])(\d{1,2}:\d{2})\s?[-–]\s?(?=\d{1,2}:\d{2}(?!\d))/g;

export function normalizeTimes(text: string, language: SpeechLanguage): string {
  const withRanges = text.replace(timeRange, `$1 ${language === 'nl' ? 'tot' : 'to'} `);
  let result = replaceKeepingPeriod(withRanges, clockTime, (match) => {
    const [written, hourText, minuteText, meridiemLetter, dutchUur] = match;
    // "18.30" is a time only in the Dutch style, followed by "uur"; otherwise it is a number.
    if (written.includes('.') && !/^\d+:/.test(written) && dutchUur === undefined) return undefined;
    const hour = Number(hourText);
    const minute = Number(minuteText);
    if (language === 'nl') return dutchTime(hour, minute);
    return englishTime(hour, minute, meridiemLetter?.toLowerCase() as 'a' | 'p' | undefined);
  });
  result = replaceKeepingPeriod(result, hourWithMeridiem, (match) => {
    const hour = Number(match[1]);
    const isPm = match[2]!.toLowerCase() === 'p';
    return language === 'nl'
      ? dutchTime(isPm && hour < 12 ? hour + 12 : hour % 12, 0)
      : `${cardinalWords(hour, 'en')} ${isPm ? 'PM' : 'AM'}`;
  });
  return result;
}

function englishTime(hour: number, minute: number, meridiemLetter: 'a' | 'p' | undefined): string {
  if (minute === 0 && meridiemLetter === undefined) {
    if (hour === 0) return 'midnight';
    if (hour === 12) return 'twelve noon';
  }
  // A 24-hour time wins over a contradicting suffix ("18:30pm").
  const isPm = hour >= 12 || (hour >= 1 && meridiemLetter === 'p');
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const minuteWords =
    minute === 0
      ? ''
      : minute < 10
        ? ` oh ${cardinalWords(minute, 'en')}`
        : ` ${cardinalWords(minute, 'en')}`;
  return `${cardinalWords(hour12, 'en')}${minuteWords} ${isPm ? 'PM' : 'AM'}`;
}

function dutchTime(hour: number, minute: number): string {
  const hourWords = `${cardinalWords(hour, 'nl')} uur`;
  return minute === 0 ? hourWords : `${hourWords} ${cardinalWords(minute, 'nl')}`;
}
