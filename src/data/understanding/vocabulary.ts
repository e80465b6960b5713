/**
 * Generic English (and a little Dutch) order-talk: the words around menu phrases. Nothing here
 * names a dish; everything menu-specific comes from the menu lexicon.
 */

/** What a cue phrase does to the modifiers that follow it. */
export type CueKind =
  'and' | 'with' | 'without' | 'extra' | 'light' | 'all' | 'correction' | 'filler';

const CUES: Record<CueKind, string[]> = {
  and: ['and', 'plus', 'also', 'as well as', 'along with', 'then', 'and also', 'en'],
  with: [
    'with',
    'w',
    'and with',
    'but with',
    'with some',
    'topped with',
    'on',
    'add',
    'added',
    'met',
  ],
  without: [
    'without',
    'no',
    'hold',
    'hold the',
    'minus',
    'leave off',
    'leave out',
    'leave off the',
    'leave out the',
    'skip',
    'skip the',
    'avoid',
    'avoid the',
    'dont put',
    'dont put any',
    'do not put',
    'do not put any',
    'dont add',
    'dont add any',
    'do not add',
    'do not add any',
    'not',
    'none',
    'take off',
    'take off the',
    'take out',
    'dont want',
    'dont want any',
    'do not want',
    'without any',
    'no more',
    'zonder',
    'geen',
    'with no',
    'but no',
    'and no',
    'withouth',
    'with out',
    'nix',
  ],
  extra: [
    'extra',
    'lots of',
    'a lot of',
    'plenty of',
    'loads of',
    'double',
    'more',
    'heavy',
    'heavy on',
    'heavy on the',
    'extra extra',
    'a lot',
    'lots',
    'lot of',
    'generous',
    'lots and lots of',
  ],
  light: [
    'light',
    'light on',
    'light on the',
    'a little',
    'a little bit of',
    'a bit of',
    'a little of',
    'easy on',
    'easy on the',
    'go easy on',
    'go easy on the',
    'less',
    'half the usual',
    'not too much',
    'just a little',
    'lightly',
    'a touch of',
    'a dash of',
    'little',
    'weinig',
  ],
  all: ['both', 'all', 'each', 'for both', 'both of them', 'all of them', 'allebei'],
  correction: [
    'no wait',
    'wait',
    'actually',
    'i mean',
    'sorry',
    'or rather',
    'rather',
    'make that',
    'make it',
  ],
  filler: [],
};

/** Cue phrases as token lists, longest first, for a greedy scan. */
export const CUE_PHRASES: { words: string[]; kind: CueKind }[] = Object.entries(CUES)
  .flatMap(([kind, phrases]) =>
    phrases.map((phrase) => ({ words: phrase.split(' '), kind: kind as CueKind })),
  )
  .sort((a, b) => b.words.length - a.words.length);

/**
 * Common words never fuzzy-matched against the menu (an ASR error in these is harmless, and a
 * fuzzy match would invent items: "like" must not become "lime").
 */
export const COMMON_WORDS = new Set(
  (
    'a an the and or but with without of for to from in on at by my me i id im ill ive you your ' +
    'we us our it its is are was be been can could would will shall should may might must do does ' +
    'did dont doesnt get got gimme give have has had take want wanted like love need order please ' +
    'thanks thank yes yeah yep no nope ok okay uh um hmm er so just also too very really some any ' +
    'that this these those there here what which who when where how why all both each one two three ' +
    'four five six seven eight nine ten more less much many lot lots little bit make made put leave ' +
    'hold off out not then than now well good great fine sure right let lets kids kid them they ' +
    'order ordering whole half usual side same other another again maybe wait actually mean ' +
    'sorry instead change swap cancel remove delete name number phone address street pickup delivery ' +
    'deliver collect come go going time tonight today tomorrow asap soon minutes hour hours open ' +
    'close closed price cost how much menu available have got hi hello hey morning evening afternoon ' +
    'evening bye goodbye please thats its okay alright nothing else everything done finished over ' +
    'start person human someone manager staff agent speak talk call ja nee ik wil graag een twee ' +
    'drie met zonder en hallo goedemiddag goedenavond dank doei bedankt alsjeblieft'
  ).split(' '),
);
