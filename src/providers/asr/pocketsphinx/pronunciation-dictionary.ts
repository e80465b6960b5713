/**
 * A pronunciation dictionary restricted to a language model's words: each word's entries from the
 * CMU dictionary, or for a word it lacks ("margherita") phones derived from espeak-ng's IPA. A
 * word neither can pronounce is reported so the caller can drop the sentences that use it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dutchIpaAsEnglish } from './dutch-ipa.ts';
import { ipaToArpabet } from './ipa-to-arpabet.ts';
import { lineDigitOf } from './line-digits.ts';

const execFileAsync = promisify(execFile);

/** word → its pronunciations (phone strings, stress digits as the dictionary has them). */
export type Cmudict = ReadonlyMap<string, readonly string[]>;

const loadedDictionaries = new Map<string, Promise<Cmudict>>();

/** Parses a CMU-format dictionary once per path ("word(2)" lines are alternates of "word"). */
export function loadCmudict(path: string): Promise<Cmudict> {
  let loading = loadedDictionaries.get(path);
  if (!loading) {
    loading = readFile(path, 'utf8').then(parseCmudict);
    loadedDictionaries.set(path, loading);
    loading.catch(() => loadedDictionaries.delete(path));
  }
  return loading;
}

export function parseCmudict(text: string): Cmudict {
  const entries = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^(\S+?)(?:\(\d+\))?\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const word = match[1]!.toLowerCase();
    const phones = match[2]!.replace(/\s+#.*$/, '');
    const list = entries.get(word);
    if (list) list.push(phones);
    else entries.set(word, [phones]);
  }
  return entries;
}

/** ARPAbet phones for `word` from espeak-ng's US English IPA; undefined if not mappable. */
export async function espeakPhones(
  word: string,
  signal?: AbortSignal,
): Promise<string[] | undefined> {
  const { stdout } = await execFileAsync('espeak-ng', ['-q', '--ipa', '-v', 'en-us', word], {
    encoding: 'utf8',
    ...(signal ? { signal } : {}),
  });
  return ipaToArpabet(stdout.trim());
}

/**
 * ARPAbet phones for many words with one espeak-ng process per voice: one word a line, each
 * ended by a full stop so espeak-ng answers line by line. Dutch IPA is first mapped to the
 * nearest English sounds. If the answer does not line up, each word is asked on its own.
 */
export async function espeakPhonesOfWords(
  words: readonly string[],
  voice: 'en-us' | 'nl',
  signal?: AbortSignal,
): Promise<Map<string, string[] | undefined>> {
  const phones = new Map<string, string[] | undefined>();
  if (words.length === 0) return phones;
  const toArpabet = (ipa: string) =>
    ipaToArpabet(voice === 'nl' ? dutchIpaAsEnglish(ipa.trim()) : ipa.trim());
  const child = execFileAsync('espeak-ng', ['-q', '--ipa', '-v', voice], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    ...(signal ? { signal } : {}),
  });
  child.child.stdin?.end(words.map((word) => `${word}.`).join('\n'));
  const lines = (await child).stdout.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === words.length) {
    words.forEach((word, index) => phones.set(word, toArpabet(lines[index]!)));
    return phones;
  }
  for (const word of words) {
    const { stdout } = await execFileAsync('espeak-ng', ['-q', '--ipa', '-v', voice, word], {
      encoding: 'utf8',
      ...(signal ? { signal } : {}),
    });
    phones.set(word, toArpabet(stdout));
  }
  return phones;
}

export interface PronunciationOptions {
  /**
   * Words said with more than one accent (names, Dutch street names): besides cmudict's entries,
   * espeak-ng's US English and Dutch pronunciations where they differ.
   */
  accentedWords?: ReadonlySet<string>;
}

export interface PronunciationDictionary {
  /** The dictionary file's text, one "word PHONES" line per pronunciation, sorted. */
  text: string;
  /** Words pronounced by espeak-ng because cmudict lacks them. */
  fromEspeak: string[];
  /** Words neither source could pronounce. */
  unpronounceable: string[];
}

export async function buildPronunciationDictionary(
  words: readonly string[],
  cmudict: Cmudict,
  signal?: AbortSignal,
  options: PronunciationOptions = {},
): Promise<PronunciationDictionary> {
  const lines: string[] = [];
  const fromEspeak: string[] = [];
  const unpronounceable: string[] = [];
  const sorted = [...new Set(words)].sort();
  const accented = sorted.filter((word) => options.accentedWords?.has(word));
  const unknown = sorted.filter(
    (word) => !cmudict.has(word) && !lineDigitOf(word) && !options.accentedWords?.has(word),
  );
  // One espeak-ng process per voice: one per word would take seconds for a big menu.
  const derivedPhones = await espeakPhonesOfWords([...unknown, ...accented], 'en-us', signal);
  const dutchPhones = await espeakPhonesOfWords(accented, 'nl', signal);
  for (const word of sorted) {
    const known = cmudict.get(word);
    if (options.accentedWords?.has(word)) {
      const variants = [
        ...(known ?? []),
        ...[derivedPhones.get(word), dutchPhones.get(word)].flatMap((phones) =>
          phones ? [phones.join(' ')] : [],
        ),
      ];
      const distinct = [...new Set(variants)];
      distinct.forEach((phones, index) => lines.push(`${entryName(word, index)} ${phones}`));
      if (!known && distinct.length > 0) fromEspeak.push(word);
      if (distinct.length === 0) unpronounceable.push(word);
      continue;
    }
    if (known) {
      known.forEach((phones, index) => lines.push(`${entryName(word, index)} ${phones}`));
      continue;
    }
    const lineDigit = lineDigitOf(word);
    const base = lineDigit && cmudict.get(lineDigit.word);
    if (lineDigit && base) {
      [...base, ...lineDigit.extraPronunciations].forEach((phones, index) =>
        lines.push(`${entryName(word, index)} ${phones}`),
      );
      continue;
    }
    const derived = derivedPhones.get(word);
    if (derived) {
      lines.push(`${word} ${derived.join(' ')}`);
      fromEspeak.push(word);
    } else {
      unpronounceable.push(word);
    }
  }
  return { text: `${lines.join('\n')}\n`, fromEspeak, unpronounceable };
}

function entryName(word: string, index: number): string {
  return index === 0 ? word : `${word}(${index + 1})`;
}
