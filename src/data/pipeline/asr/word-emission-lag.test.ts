import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioArrivalLog } from './audio-arrival-log.ts';
import { wordEmissionLagsMs } from './word-emission-lag.ts';

describe('audio arrival log', () => {
  it('maps an offset in the stream to when the write holding it arrived', () => {
    const log = new AudioArrivalLog();
    log.wrote(160, 1000); // samples 0..159
    log.wrote(160, 1020); // 160..319
    log.wrote(0, 1030); // an empty write changes nothing
    assert.equal(log.arrivedAtMs(1), 1000);
    assert.equal(log.arrivedAtMs(160), 1000);
    assert.equal(log.arrivedAtMs(161), 1020);
    assert.equal(log.arrivedAtMs(320), 1020);
    assert.equal(log.arrivedAtMs(321), undefined, 'not written yet');
    assert.equal(log.totalSamples, 320);
    log.forgetBefore(200);
    assert.equal(log.arrivedAtMs(100), undefined, 'forgotten');
    assert.equal(log.arrivedAtMs(300), 1020);
  });
});

describe('word emission lag', () => {
  it('times each final word from its audio to the first partial that showed it in place', () => {
    const partials = [
      { words: ['two'], atMs: 500 },
      { words: ['two', 'large'], atMs: 900 },
      { words: ['do', 'large', 'pizzas'], atMs: 1000 }, // "two" re-guessed: not in place
      { words: ['two', 'large', 'pizzas'], atMs: 1300 },
    ];
    const lags = wordEmissionLagsMs(
      partials,
      ['two', 'large', 'pizzas', 'please'],
      [420, 800, 1100, 1500],
      1700,
    );
    // "pizzas" first appears in place at 1300 (the 1000 partial had the wrong first word);
    // "please" surfaced only with the final.
    assert.deepEqual(lags, [80, 100, 200, 200]);
  });

  it('counts a word shown before its audio ended as 0 and skips words without alignment', () => {
    const lags = wordEmissionLagsMs(
      [{ words: ['pepperoni'], atMs: 300 }],
      ['pepperoni', 'pizza'],
      [450, undefined],
      900,
    );
    assert.deepEqual(lags, [0]);
  });
});
