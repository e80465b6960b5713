import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SentenceChunker, type SentenceChunkerOptions } from './sentence-chunker.ts';

function chunkWhole(text: string, options?: SentenceChunkerOptions): string[] {
  const chunker = new SentenceChunker(options);
  return [...chunker.push(text), ...chunker.flush()];
}

function chunkInDeltas(deltas: string[], options?: SentenceChunkerOptions): string[] {
  const chunker = new SentenceChunker(options);
  return [...deltas.flatMap((delta) => chunker.push(delta)), ...chunker.flush()];
}

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const deltas: string[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    deltas.push(text.slice(from, point));
    from = point;
  }
  return deltas;
}

const reply =
  'Sure! One Margherita at €12.50 and two Cokes at €2.75 each. That comes to €18.00, ' +
  'ready at 18:30. We are at 12 Main St. near St. Mary’s, call +31 6 1234 5678 or ' +
  '(555) 123 4567 if anything changes... Anything else, e.g. a dessert? Mr. Jones ordered ' +
  'the same at 7 p.m. Yesterday it was 1.5 times busier than usual.';

describe('SentenceChunker', () => {
  it('releases each sentence as soon as it is complete', () => {
    const chunker = new SentenceChunker();
    assert.deepEqual(chunker.push('Your pizza will be ready'), []);
    assert.deepEqual(chunker.push(' in twenty minutes.'), []);
    assert.deepEqual(chunker.push(' Anything'), ['Your pizza will be ready in twenty minutes.']);
    assert.deepEqual(chunker.push(' else?'), []);
    assert.deepEqual(chunker.flush(), ['Anything else?']);
  });

  it('splits the sample reply at sentence ends only', () => {
    assert.deepEqual(chunkWhole(reply), [
      'Sure! One Margherita at €12.50 and two Cokes at €2.75 each.',
      'That comes to €18.00, ready at 18:30.',
      'We are at 12 Main St. near St. Mary’s, call +31 6 1234 5678 or (555) 123 4567 if anything changes...',
      'Anything else, e.g. a dessert?',
      'Mr. Jones ordered the same at 7 p.m.',
      'Yesterday it was 1.5 times busier than usual.',
    ]);
  });

  it('does not cut a price, decimal or time split across deltas', () => {
    assert.deepEqual(chunkInDeltas(['That is €12', '.50 in total', '. Thanks!']), [
      'That is €12.50 in total.',
      'Thanks!',
    ]);
    assert.deepEqual(chunkInDeltas(['Pick-up at 18', ':', '30 today', '.']), [
      'Pick-up at 18:30 today.',
    ]);
    // "€12." followed by a space is a real sentence end.
    assert.deepEqual(chunkInDeltas(['It costs €12', '. ', 'Okay?']), ['It costs €12.', 'Okay?']);
  });

  it('keeps an ellipsis whole and cuts after it only before a capital', () => {
    assert.deepEqual(
      chunkWhole('Let me check that for you... one moment please. Done.', { minChars: 0 }),
      ['Let me check that for you... one moment please.', 'Done.'],
    );
    assert.deepEqual(chunkInDeltas(['Let me check that for you.', '.', '. One moment.']), [
      'Let me check that for you...',
      'One moment.',
    ]);
  });

  it('joins a sentence shorter than minChars to the next', () => {
    assert.deepEqual(chunkWhole('Sure. Your order is confirmed.'), [
      'Sure. Your order is confirmed.',
    ]);
    assert.deepEqual(chunkWhole('Sure. Your order is confirmed.', { minChars: 0 }), [
      'Sure.',
      'Your order is confirmed.',
    ]);
  });

  it('cuts an over-long sentence at its last clause before maxChars', () => {
    const text =
      'I have one Margherita, two Quattro Formaggi, one Calzone with extra ham, and three Cokes for delivery';
    assert.deepEqual(chunkWhole(text, { maxChars: 60 }), [
      'I have one Margherita, two Quattro Formaggi,',
      'one Calzone with extra ham, and three Cokes for delivery',
    ]);
  });

  it('cuts a clause-less long sentence at a space that is not inside a price or phone number', () => {
    const text = 'call us on (555) 123 4567 or pay €12.50 EUR at the door when the driver arrives';
    for (const maxChars of [20, 24, 28, 33, 40]) {
      const chunks = chunkWhole(text, { maxChars, minChars: 5 });
      assert.equal(chunks.join(' '), text);
      for (const chunk of chunks) {
        assert.ok(chunk.length <= maxChars, `${JSON.stringify(chunk)} is longer than ${maxChars}`);
        assert.doesNotMatch(
          chunk,
          /\d$|€$|^\d|^EUR|^\)/,
          `${JSON.stringify(chunk)} splits a number`,
        );
      }
    }
  });

  it('treats a newline as a sentence end (lists)', () => {
    assert.deepEqual(chunkWhole('Your order:\n- 2 × Margherita\n- 1 × Cola', { minChars: 0 }), [
      'Your order:',
      '- 2 × Margherita',
      '- 1 × Cola',
    ]);
  });

  it('yields nothing for empty or blank text', () => {
    assert.deepEqual(chunkWhole(''), []);
    assert.deepEqual(chunkWhole('  \n '), []);
  });

  it('gives the same chunks for any split of the text into deltas', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000 }), { maxLength: 40 }),
        fc.record({
          minChars: fc.integer({ min: 0, max: 30 }),
          maxChars: fc.integer({ min: 40, max: 200 }),
        }),
        (cuts, options) => {
          assert.deepEqual(
            chunkInDeltas(splitAt(reply, cuts), options),
            chunkWhole(reply, options),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never puts a chunk boundary inside a price, time, decimal or phone number', () => {
    const price = fc
      .tuple(
        fc.constantFrom('€', '$', '£', '€ '),
        fc.nat({ max: 999 }),
        fc.nat({ max: 99 }),
        fc.constantFrom('.', ','),
        fc.constantFrom('', ' EUR'),
      )
      .map(
        ([symbol, units, cents, mark, code]) =>
          `${symbol}${units}${mark}${String(cents).padStart(2, '0')}${code}`,
      );
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([hour, minute]) => `${hour}:${String(minute).padStart(2, '0')}`);
    const phone = fc.constantFrom('+31 6 1234 5678', '(555) 123 4567', '555-123-4567');
    const word = fc.constantFrom(
      'pizza',
      'and',
      'the',
      'Cola',
      'at',
      'ready',
      'St.',
      'e.g.',
      'total',
      'Yes',
    );
    const end = fc.constantFrom('.', '!', '?', ',', '', '', '...');
    const token = fc
      .tuple(fc.oneof(price, time, phone, word, word, word), end)
      .map(([body, punctuation]) => ({ body, text: body + punctuation }));
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat({ max: 10_000 }), { maxLength: 30 }),
        fc.integer({ min: 30, max: 120 }),
        (tokens, cuts, maxChars) => {
          const text = tokens.map((t) => t.text).join(' ');
          const options = { minChars: 0, maxChars };
          const chunks = chunkInDeltas(splitAt(text, cuts), options);
          assert.deepEqual(chunks, chunkWhole(text, options));
          assert.equal(chunks.join(' '), text);
          // Spans of the protected tokens (without their trailing punctuation).
          const spans: [number, number][] = [];
          let position = 0;
          for (const t of tokens) {
            if (/\d/.test(t.body)) spans.push([position, position + t.body.length]);
            position += t.text.length + 1;
          }
          let offset = 0;
          for (const chunk of chunks.slice(0, -1)) {
            offset += chunk.length;
            for (const [from, to] of spans) {
              assert.ok(
                !(offset > from && offset < to),
                `cut at ${offset} inside ${text.slice(from, to)}`,
              );
            }
            offset += 1;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
