import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { arpaScorer } from './arpa-scorer.ts';
import { answerModelKinds } from './answer-corpus.ts';
import { lineDigit } from './line-digits.ts';
import { DomainLanguageModels, mixWeights } from './domain-language-model.ts';
import { parseCmudict } from './pronunciation-dictionary.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-domain-lm-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const small = { orderSentences: 300, detailSentences: 20 };

void describe('DomainLanguageModels', () => {
  const models = new DomainLanguageModels({ dataDir, corpus: small });
  const vocabulary = ['Pizza Margherita', 'quattro formaggi', 'nigiri', 'coke', 'large'];

  void it('builds an ARPA model and a dictionary that pronounces every model word', async () => {
    const paths = await models.modelFor(vocabulary);
    const arpa = readFileSync(paths.languageModelPath, 'utf8');
    const dictionary = parseCmudict(readFileSync(paths.dictionaryPath, 'utf8'));
    const unigrams = arpa.split('\\1-grams:\n')[1]!.split('\n\n')[0]!.split('\n');
    const words = unigrams
      .map((line) => line.split('\t')[1]!)
      .filter((word) => !/^<\/?s>$/.test(word));
    assert.ok(words.includes('margherita') && words.includes('nigiri'));
    const missing = words.filter((word) => !dictionary.has(word));
    assert.deepEqual(missing, []);
    // Menu words cmudict lacks come from espeak-ng, and are reported.
    const report = await models.report(vocabulary);
    assert.ok(report.fromEspeak.includes('nigiri'), report.fromEspeak.join(' '));
    assert.deepEqual(report.dropped, []);
    assert.equal(dictionary.get('nigiri')?.[0], 'N IH JH IY AH R IY');
  });

  void it('reuses the cached model for the same vocabulary in any order or case', async () => {
    const first = await models.modelFor(vocabulary);
    const builtAt = statSync(first.languageModelPath).mtimeMs;
    const again = await new DomainLanguageModels({ dataDir, corpus: small }).modelFor(
      [...vocabulary].reverse().map((phrase) => phrase.toUpperCase()),
    );
    assert.deepEqual(again, first);
    assert.equal(statSync(again.languageModelPath).mtimeMs, builtAt);
  });

  void it('builds one answer model per kind on the same dictionary', async () => {
    const paths = await models.modelFor(vocabulary);
    const dictionary = parseCmudict(readFileSync(paths.dictionaryPath, 'utf8'));
    const menuScore = arpaScorer(readFileSync(paths.languageModelPath, 'utf8'));
    for (const kind of answerModelKinds) {
      const arpa = readFileSync(paths.answerModelPaths[kind], 'utf8');
      const unigrams = arpa.split('\\1-grams:\n')[1]!.split('\n\n')[0]!.split('\n');
      const words = unigrams.map((line) => line.split('\t')[1]!).filter((w) => !/^<\/?s>$/.test(w));
      assert.deepEqual(
        words.filter((word) => !dictionary.has(word)),
        [],
        `${kind}: every word is pronounced`,
      );
      // The menu is still there, at a lower weight: an off-script answer can be heard.
      assert.ok(words.includes('margherita'), kind);
    }
    const phoneScore = arpaScorer(readFileSync(paths.answerModelPaths.phone, 'utf8'));
    const digitMass = (score: typeof phoneScore, history: string[]) =>
      // Digits, and the number words of a number read in groups ("six one hundred …").
      ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
        .concat(['hundred', 'thousand'])
        .map(
          (digit) =>
            score(history, digit) +
            (lineDigit(digit) === digit ? 0 : score(history, lineDigit(digit))),
        )
        .reduce((sum, p) => sum + p, 0);
    // After a digit, another number word: nearly certain with the phone model, not with the menu's.
    assert.ok(
      digitMass(phoneScore, [lineDigit('six'), 'one']) > 0.8,
      `${digitMass(phoneScore, [lineDigit('six'), 'one'])}`,
    );
    assert.ok(
      digitMass(phoneScore, [lineDigit('six'), 'one']) > digitMass(menuScore, ['six', 'one']),
    );
    // Line digits ("seven_") are pronounced with and without the initial fricative.
    assert.deepEqual(dictionary.get(lineDigit('seven')), ['S EH V AH N', 'EH V AH N']);
    assert.equal(dictionary.get('seven')?.length, 1);
    // A first word: most phone answers start with a lead ("my number is"), "plus" or a digit.
    const phoneStart = (score: typeof phoneScore, plus: string) =>
      digitMass(score, ['<s>']) + score(['<s>'], plus);
    assert.ok(phoneStart(phoneScore, lineDigit('plus')) > 3 * phoneStart(menuScore, 'plus'));
    const fulfilmentScore = arpaScorer(readFileSync(paths.answerModelPaths.fulfilment, 'utf8'));
    assert.ok(fulfilmentScore(['<s>'], 'pickup') > 10 * menuScore(['<s>'], 'pickup'));
    const doneScore = arpaScorer(readFileSync(paths.answerModelPaths.more_or_done, 'utf8'));
    assert.ok(
      doneScore(['<s>', 'no'], lineDigit("that's")) > 10 * menuScore(['<s>', 'no'], "that's"),
    );
    // "that's_" is pronounced with and without its /s/; the menu's "that's" keeps one.
    assert.ok(dictionary.get(lineDigit("that's"))!.includes('DH AE T'));
    assert.equal(dictionary.get("that's")?.length, 1);
    // The menu words are still heard after "Anything else?".
    assert.ok(doneScore(['<s>'], 'margherita') > 0);
  });

  void it('mixes an answer corpus in at the share asked for', () => {
    const weightOf = mixWeights(1000, 50, 0.8);
    const menuMass = 1000 * weightOf(0);
    const answerMass = 50 * weightOf(1000);
    assert.ok(Math.abs(answerMass / (menuMass + answerMass) - 0.8) < 1e-9);
  });

  void it('gives a changed menu its own model', async () => {
    const first = await models.modelFor(vocabulary);
    const changed = await models.modelFor([...vocabulary, 'tiramisu']);
    assert.notEqual(changed.languageModelPath, first.languageModelPath);
    assert.match(readFileSync(changed.languageModelPath, 'utf8'), /\ttiramisu/);
  });
});
