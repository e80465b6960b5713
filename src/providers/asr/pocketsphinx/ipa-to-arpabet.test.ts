import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultDictionaryPath } from './decoder-config.ts';
import { ipaToArpabet } from './ipa-to-arpabet.ts';

function espeakIpa(word: string): string {
  return execFileSync('espeak-ng', ['-q', '--ipa', '-v', 'en-us', word], { encoding: 'utf8' });
}

/** Phones without stress digits: cmudict's "P IY1 T S AH0" → "P IY T S AH". */
function cmudictEntries(words: readonly string[]): Map<string, string[]> {
  const wanted = new Set(words);
  const entries = new Map<string, string[]>();
  for (const line of readFileSync(defaultDictionaryPath, 'utf8').split('\n')) {
    const [word, ...phones] = line.trim().split(/\s+/);
    if (word && wanted.has(word) && !entries.has(word)) {
      entries.set(
        word,
        phones.map((phone) => phone.replace(/\d$/, '')),
      );
    }
  }
  return entries;
}

void describe('ipaToArpabet', () => {
  void it('maps digraphs before their parts', () => {
    assert.deepEqual(ipaToArpabet('tʃˈiːz'), ['CH', 'IY', 'Z']);
    assert.deepEqual(ipaToArpabet('dʒˈæm'), ['JH', 'AE', 'M']);
    assert.deepEqual(ipaToArpabet('kˈoʊk'), ['K', 'OW', 'K']);
    assert.deepEqual(ipaToArpabet('pˈaɪ'), ['P', 'AY']);
  });

  void it('refuses a symbol it does not know instead of guessing', () => {
    assert.equal(ipaToArpabet('kʘk'), undefined);
    assert.equal(ipaToArpabet('ˈˌ'), undefined);
  });

  void it('agrees with cmudict on most common words spoken by espeak-ng', () => {
    const words = [
      'pizza',
      'large',
      'small',
      'medium',
      'cheese',
      'chicken',
      'onions',
      'pickup',
      'delivery',
      'water',
      'garlic',
      'bread',
      'salad',
      'coffee',
      'orange',
      'mushrooms',
      'sausage',
      'thin',
      'extra',
      'family',
      'bottle',
      'please',
      'three',
      'eight',
      'yes',
      'thanks',
      'order',
      'wings',
      'vanilla',
      'honey',
      'sugar',
      'house',
      'choice',
      'measure',
      'think',
      'this',
      'long',
      'job',
    ];
    const cmudict = cmudictEntries(words);
    let agreeing = 0;
    const disagreements: string[] = [];
    for (const word of words) {
      const ours = ipaToArpabet(espeakIpa(word))?.join(' ');
      const theirs = cmudict.get(word)?.join(' ');
      if (ours === theirs) agreeing += 1;
      else disagreements.push(`${word}: ${ours} ≠ ${theirs}`);
    }
    // Exact agreement is not the goal (vowel reduction differs); most words must match.
    assert.ok(agreeing / words.length >= 0.8, disagreements.join('\n'));
  });

  void it('pronounces menu words cmudict lacks', () => {
    for (const word of ['margherita', 'formaggi', 'nigiri', 'calzone', 'diavola', 'macchiato']) {
      const phones = ipaToArpabet(espeakIpa(word));
      assert.ok(phones && phones.length >= 4, `${word}: ${phones?.join(' ')}`);
    }
    assert.deepEqual(ipaToArpabet(espeakIpa('nigiri')), ['N', 'IH', 'JH', 'IY', 'AH', 'R', 'IY']);
  });
});
