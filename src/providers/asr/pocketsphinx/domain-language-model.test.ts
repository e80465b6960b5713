import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DomainLanguageModels } from './domain-language-model.ts';
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

  void it('gives a changed menu its own model', async () => {
    const first = await models.modelFor(vocabulary);
    const changed = await models.modelFor([...vocabulary, 'tiramisu']);
    assert.notEqual(changed.languageModelPath, first.languageModelPath);
    assert.match(readFileSync(changed.languageModelPath, 'utf8'), /\ttiramisu/);
  });
});
