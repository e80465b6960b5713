import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerCorpus } from './answer-corpus.ts';
import { defaultDictionaryPath } from './decoder-config.ts';
import { familyNames, givenNames, nameWords } from './name-corpus.ts';
import {
  buildPronunciationDictionary,
  loadCmudict,
  parseCmudict,
} from './pronunciation-dictionary.ts';
import { dutchStreetNames } from './street-corpus.ts';

void describe('name and street corpora', () => {
  void it('lists common English and Dutch names, with Dutch particles as words', () => {
    for (const name of ['james', 'mary', 'daan', 'sanne', 'thijs'])
      assert.ok(givenNames.includes(name), name);
    for (const name of ['smith', 'de jong', 'van der meer', 'dijkstra'])
      assert.ok(familyNames.includes(name), name);
    const words = nameWords();
    assert.ok(words.includes('van') && words.includes('der') && words.includes('meer'));
    assert.ok(words.every((word) => /^[a-z']+$/.test(word)));
  });

  void it('puts every listed name in the name answer model, alone and in full names', () => {
    const sentences = answerCorpus('name', 200).map((words) => words.join(' '));
    const text = ` ${sentences.join(' | ')} `;
    for (const given of givenNames) assert.ok(sentences.includes(given), given);
    for (const family of familyNames) assert.ok(text.includes(` ${family} `), family);
  });

  void it('says addresses with Dutch compound streets, spoken house numbers and postcodes', () => {
    const streets = dutchStreetNames();
    assert.ok(streets.includes('kerkstraat') && streets.includes('molenweg'));
    assert.ok(streets.length > 200 && streets.length < 800, `${streets.length}`);
    const sentences = answerCorpus('address', 300).map((words) => words.join(' '));
    assert.ok(
      sentences.includes('kerkstraat twelve') || sentences.some((s) => /^kerkstraat /.test(s)),
    );
    assert.ok(
      sentences.some((s) =>
        / (one|two|three|four|five|six|seven|eight|nine)( (zero|one|two|three|four|five|six|seven|eight|nine)){3} [a-z] [a-z]\b/.test(
          s,
        ),
      ),
    );
    assert.ok(sentences.some((s) => /\b(street|avenue|road|lane)\b/.test(s)));
  });

  void it('pronounces names cmudict lacks, and gives names their English and Dutch sounds', async () => {
    const cmudict = await loadCmudict(defaultDictionaryPath);
    const missing = nameWords().filter((word) => !cmudict.has(word));
    assert.ok(missing.includes('daan') && missing.includes('dijkstra'));
    const accentedWords = new Set(['daan', 'dijkstra', 'vries', 'kerkstraat']);
    const built = await buildPronunciationDictionary(
      ['daan', 'dijkstra', 'vries', 'kerkstraat', 'pizza'],
      cmudict,
      undefined,
      { accentedWords },
    );
    const dictionary = parseCmudict(built.text);
    assert.deepEqual(built.unpronounceable, []);
    assert.ok(built.fromEspeak.includes('daan') && built.fromEspeak.includes('kerkstraat'));
    assert.ok(!built.fromEspeak.includes('vries'), 'vries is in cmudict');
    // cmudict's entry first, then the Dutch "vries" with its final s.
    assert.equal(dictionary.get('vries')?.[0], 'V R IY Z');
    assert.ok(dictionary.get('vries')!.includes('V R IY S'), dictionary.get('vries')!.join(' | '));
    assert.ok(dictionary.get('dijkstra')!.length >= 2, dictionary.get('dijkstra')!.join(' | '));
    // Words not accented keep exactly cmudict's entries.
    assert.deepEqual(dictionary.get('pizza'), cmudict.get('pizza'));
  });
});
