/**
 * Acts other than ordering: yes/no, greetings, name, phone, address, pickup or delivery,
 * timing, questions and asking for a person. Generic English with some Dutch; menu words only
 * through the lexicon (to find what a question is about).
 */
import type { DialogueAct, Language } from './acts.ts';
import { extractAddress, extractName, extractPhone } from './contact.ts';
import { numberWordValue } from './numbers.ts';
import { asksForPerson } from './human-request.ts';

const DUTCH_MARKERS = new Set(
  'ik wil graag een met zonder ja nee hallo goedemiddag goedenavond goedemorgen bestellen alsjeblieft alstublieft dank bedankt mag heb de het van voor klopt prima afhalen bezorgen is dat doe mij maar wat hoe laat jullie open'.split(
    ' ',
  ),
);
const ENGLISH_MARKERS = new Set(
  'i the a an can get would like please want with without and hi hello yes no thanks order pickup delivery my is it what how you'.split(
    ' ',
  ),
);

/** `en` unless Dutch function words clearly outnumber English ones. */
export function guessLanguage(words: readonly string[]): Language {
  const dutch = words.filter(
    (word) => DUTCH_MARKERS.has(word) && !ENGLISH_MARKERS.has(word),
  ).length;
  const english = words.filter(
    (word) => ENGLISH_MARKERS.has(word) && !DUTCH_MARKERS.has(word),
  ).length;
  return dutch > english ? 'nl' : 'en';
}

const AFFIRM =
  /^(?:(?:uh |um |oh )*)(yes|yeah|yep|yup|ya|sure|correct|right|ok|okay|alright|perfect|exactly|absolutely|definitely|great|ja|jazeker|klopt|prima|uh huh|mm hmm|thats right|that is right|thats correct|sounds good|yes please|go ahead|dat klopt|is goed|precies)\b/;
const DENY =
  /^(?:(?:uh |um |oh )*)(no|nope|nah|nee|not really|not quite|thats wrong|thats not right|wrong|incorrect|klopt niet|dat klopt niet)\b/;
const GREETING =
  /^(?:(?:uh |um |oh |yeah )*)(hi|hello|hey|hiya|good (?:morning|afternoon|evening)|hallo|goedemiddag|goedenavond|goedemorgen|dag|hoi)\b/;
const FINISH =
  /\b(thats it|that is it|thats all|that is all|thats everything|nothing else|no thats it|thats all for now|dat was het|dat is alles|verder niks|verder niets)\b/;
const HUMAN =
  /\b((speak|talk) (to|with) (a|an|the|someone|somebody|some one|your)?\s?(person|human|manager|staff|employee|someone|somebody|real person|operator|agent|representative)|real person|human being|an operator|a manager|medewerker|iemand spreken|echt persoon)\b/;
const PICKUP =
  /\b(pick ?up|pick it up|collect|collection|come get it|come and get it|come by|come pick|take ?away|carry ?out|to go|afhalen|ophalen|halen het op)\b/;
const DELIVERY =
  /\b(delivery|deliver|delivered|bring it|drop it off|bezorgen|bezorgd|thuisbezorgd|laten bezorgen)\b/;
const ASAP =
  /\b(asap|as soon as possible|right away|right now|now please|zo snel mogelijk|meteen)\b/;
const AT_TIME =
  /\b(?:at|around|about|by|for|om|rond)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:(?::|\s)(\d{2}|fifteen|thirty|forty five))?\s*(am|pm|oclock|uur)?\b/;
const IN_MINUTES =
  /\bin\s+(\d{1,3}|ten|fifteen|twenty|thirty|forty five|an hour|half an hour)\s*(minutes?|mins?|hours?|minuten)?\b/;
const MINUTE_WORDS: Record<string, number> = { fifteen: 15, thirty: 30, 'forty five': 45 };

const Q_HOURS =
  /\b(what time (?:do|are) you (?:open|close)|when do you (?:open|close)|when are you open|opening (?:hours|times)|are you open|how late are you open|until when|hours are you open|what are your hours|hoe laat (?:zijn jullie|gaan jullie)|openingstijden)\b/;
const Q_PRICE =
  /\b(how much|what does .+ cost|what do .+ cost|whats the price|what is the price|price of|prijs|wat kost|hoeveel kost)\b/;
const Q_MENU =
  /\b(whats on the menu|what is on the menu|what do you have|what have you got|what kinds? of|what sorts? of|which .+ do you have|what are the options|what options|the menu|wat hebben jullie|de menukaart)\b/;
const Q_AVAILABLE =
  /\b(do (?:you|yall|ya)(?: guys| all| folks| lot)? (?:have|sell|do|serve|make|carry)|have (?:you|yall)(?: guys| all| folks)? got|is there|are there|can i get .+ with .+\?|is .+ available|hebben jullie)\b/;
/**
 * "you got fish cakes?", "you guys have any ribs", "got any pies": the casual question said at
 * the start of the turn — not "you got it" or "you got my order wrong".
 */
const Q_AVAILABLE_CASUAL =
  /^(?:(?:uh|um|er|oh|so|hey|hi|hello|and|yeah|ok|okay) )*(?:(?:you|yall|ya)(?: guys| all| folks)? (?:got|have)|got any)\b(?! (?:it|that|this|me|my|your|to|a problem|the wrong)\b)/;
const Q_WAIT =
  /\b(how long|wait time|waiting time|how many minutes|when will it be ready|when will (?:it|my order) (?:be ready|arrive|get here)|hoe lang)\b/;
const Q_DELIVERY_AREA =
  /\b(do you deliver|deliver to|delivery area|deliver in|deliver out|bezorgen jullie|bezorgen jullie in)\b/;

/** Acts found in the folded text that do not depend on the menu. */
export function detectDialogueActs(
  raw: string,
  folded: string,
  words: readonly string[],
  isNameWord: (word: string) => boolean,
  hasOrderContent: boolean,
): DialogueAct[] {
  const acts: DialogueAct[] = [];
  const text = folded.replace(/ ,/g, ',');
  const plain = folded.replace(/ ,/g, '').replace(/\s+/g, ' ');
  const short = words.length <= 6;
  if (GREETING.test(plain))
    acts.push({ type: 'greeting', language: guessLanguage(words), confidence: 0.9 });
  if (AFFIRM.test(plain))
    acts.push({ type: 'affirm', confidence: hasOrderContent ? 0.5 : short ? 0.95 : 0.75 });
  if (DENY.test(plain) && (!hasOrderContent || /^(no|nope|nee)\s*,/.test(text))) {
    acts.push({ type: 'deny', confidence: short ? 0.95 : 0.7 });
  }
  if (FINISH.test(plain)) acts.push({ type: 'finish_order', confidence: 0.9 });
  if (HUMAN.test(plain) || asksForPerson(plain))
    acts.push({ type: 'speak_to_human', confidence: 0.9 });

  const phone = extractPhone(raw);
  if (phone)
    acts.push({
      type: 'provide_phone',
      phone,
      confidence: phone.replace(/\D/g, '').length >= 9 ? 0.9 : 0.6,
    });
  const name = hasOrderContent ? undefined : extractName(plain, isNameWord, raw);
  if (name) acts.push({ type: 'provide_name', name, confidence: 0.8 });
  const address = phone ? undefined : extractAddress(plain);
  if (address && !hasOrderContent) {
    acts.push({
      type: 'provide_address',
      ...address,
      text: plain,
      confidence: address.street && address.houseNumber ? 0.85 : 0.6,
    });
  }

  const isDeliveryQuestion = Q_DELIVERY_AREA.test(plain);
  if (!isDeliveryQuestion) {
    if (PICKUP.test(plain)) acts.push({ type: 'fulfilment', method: 'pickup', confidence: 0.9 });
    else if (DELIVERY.test(plain))
      acts.push({ type: 'fulfilment', method: 'delivery', confidence: 0.85 });
  }
  const time = detectTime(plain);
  // "at 12 baker street" is an address, not a time.
  if (time && !(address && !hasOrderContent && 'at' in time)) acts.push(time);
  return acts;
}

function detectTime(plain: string): DialogueAct | undefined {
  if (ASAP.test(plain)) return { type: 'time_request', asap: true, confidence: 0.9 };
  const at = AT_TIME.exec(plain);
  if (at?.[1]) {
    let hour = numberWordValue(at[1])!;
    const minute = at[2] === undefined ? 0 : (MINUTE_WORDS[at[2]] ?? Number(at[2]));
    if (hour > 23 || minute > 59) return undefined;
    // Without "am", a restaurant order "at 7" is an evening time.
    if (at[3] === 'pm' || (at[3] !== 'am' && hour >= 1 && hour <= 11 && !/\bmorning\b/.test(plain)))
      hour = hour < 12 ? hour + 12 : hour;
    const atText = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    return { type: 'time_request', asap: false, at: atText, confidence: at[3] ? 0.9 : 0.7 };
  }
  const inMinutes = IN_MINUTES.exec(plain);
  if (inMinutes?.[1]) {
    const amount = inMinutes[1];
    const minutes = /hour/.test(amount)
      ? amount.startsWith('half')
        ? 30
        : 60
      : /^\d+$/.test(amount)
        ? Number(amount) * (inMinutes[2]?.startsWith('hour') ? 60 : 1)
        : (
            { ten: 10, fifteen: 15, twenty: 20, thirty: 30, 'forty five': 45 } as Record<
              string,
              number
            >
          )[amount];
    if (minutes !== undefined && (inMinutes[2] !== undefined || /hour/.test(amount))) {
      return { type: 'time_request', asap: false, inMinutes: minutes, confidence: 0.8 };
    }
  }
  return undefined;
}

/** Question topic of the utterance, if it asks one. */
export function detectQuestionTopic(
  plain: string,
): 'hours' | 'price' | 'menu' | 'availability' | 'wait_time' | 'delivery_area' | undefined {
  if (Q_DELIVERY_AREA.test(plain)) return 'delivery_area';
  if (Q_HOURS.test(plain)) return 'hours';
  if (Q_WAIT.test(plain)) return 'wait_time';
  if (Q_PRICE.test(plain)) return 'price';
  if (Q_AVAILABLE.test(plain) || Q_AVAILABLE_CASUAL.test(plain)) return 'availability';
  if (Q_MENU.test(plain)) return 'menu';
  return undefined;
}
