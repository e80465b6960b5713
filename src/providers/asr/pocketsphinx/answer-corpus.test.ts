import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerCorpus, answerModelKinds, hasAnswerModel } from './answer-corpus.ts';
import { lineDigit, plainWord } from './line-digits.ts';

const digits = new Set('zero oh one two three four five six seven eight nine'.split(' '));
const plain = (words: string[]) => words.map(plainWord);

void describe('answerCorpus', () => {
  void it('has sentences for every answer kind with a model, and none for the others', () => {
    for (const kind of answerModelKinds) {
      const corpus = answerCorpus(kind, 100);
      assert.ok(corpus.length >= 40, `${kind}: ${corpus.length}`);
      assert.ok(corpus.every((sentence) => sentence.every((word) => /^[a-z']+_?$/.test(word))));
    }
    assert.ok(hasAnswerModel('phone') && !hasAnswerModel('order') && !hasAnswerModel('free'));
  });

  void it('spells the digits of a phone number as line digits, and only there', () => {
    const phone = answerCorpus('phone', 200).flat();
    assert.ok(phone.includes(lineDigit('seven')) && !phone.includes('seven'));
    assert.ok(!answerCorpus('address', 200).flat().includes(lineDigit('seven')));
    assert.equal(plainWord(lineDigit('seven')), 'seven');
    assert.equal(lineDigit('eight'), 'eight');
  });

  void it('spells the closings after "Anything else?" with line words, and "plus"', () => {
    const done = answerCorpus('more_or_done').flat();
    assert.ok(done.includes(lineDigit("that's")) && !done.includes("that's"));
    assert.ok(done.includes(lineDigit('thanks')) && done.includes(lineDigit('else')));
    assert.equal(plainWord(lineDigit("that's")), "that's");
    assert.ok(answerCorpus('phone', 200).flat().includes(lineDigit('plus')));
    // The words of other answers stay plain.
    assert.ok(answerCorpus('fulfilment').flat().includes("that's"));
  });

  void it('says a country code after "plus" digit by digit as well as as a number', () => {
    const sentences = answerCorpus('phone', 600).map((sentence) => plain(sentence).join(' '));
    const withCode = sentences.filter((sentence) => /\bplus\b/.test(sentence));
    const digit = '(?:one|two|three|four|five|six|seven|eight|nine)';
    const byDigit = withCode.filter((sentence) =>
      new RegExp(`\\bplus ${digit} (?:zero|oh|${digit.slice(3, -1)})`).test(sentence),
    );
    assert.ok(byDigit.length > 0.3 * withCode.length, `${byDigit.length}/${withCode.length}`);
    assert.ok(withCode.some((sentence) => /\bplus (?:twenty|thirty|forty|fifty)/.test(sentence)));
  });

  void it('gives real country codes with the trunk zero dropped, national numbers with it', () => {
    const sentences = answerCorpus('phone', 600).map((sentence) => plain(sentence).join(' '));
    // A Dutch mobile: "plus three one six …", "zero six …"; never "plus three one zero".
    assert.ok(sentences.some((sentence) => /\bplus (three one|thirty one) six\b/.test(sentence)));
    assert.ok(sentences.some((sentence) => /\b(zero|oh) six\b/.test(sentence)));
    assert.ok(
      !sentences.some((sentence) => /\bplus (three one|thirty one) (zero|oh)\b/.test(sentence)),
    );
    assert.ok(!sentences.some((sentence) => /\bplus plus\b/.test(sentence)));
  });

  void it('is the same every time (the models are cached by vocabulary)', () => {
    assert.deepEqual(answerCorpus('name', 50), answerCorpus('name', 50));
  });

  void it('says phone numbers mostly as digits, and pickup/delivery and done phrasings', () => {
    const words = plain(answerCorpus('phone', 200).flat());
    const digitShare = words.filter((word) => digits.has(word)).length / words.length;
    assert.ok(digitShare > 0.7, `${digitShare}`);
    const fulfilment = answerCorpus('fulfilment').map((sentence) => sentence.join(' '));
    assert.ok(fulfilment.includes('pickup') && fulfilment.includes('delivery'));
    const done = answerCorpus('more_or_done').map((sentence) => plain(sentence).join(' '));
    assert.ok(done.includes("no that's all") && done.includes('nothing else'));
    assert.ok(done.includes('no thanks') && done.includes("that's everything"));
    assert.ok(done.includes("i'm good") && done.includes('yes'));
    const yesNo = answerCorpus('yes_no').map((sentence) => sentence.join(' '));
    assert.ok(yesNo.includes('yes') && yesNo.includes('no'));
  });
});
