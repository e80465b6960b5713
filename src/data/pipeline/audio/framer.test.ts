import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { samplesPerFrame } from './audio-format.ts';
import { Framer } from './framer.ts';

describe('Framer', () => {
  it('cuts 20 ms frames at 8 kHz from packets of any size, losing nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 30 }), (sizes) => {
        const frameSize = samplesPerFrame(8000);
        const framer = new Framer(frameSize);
        const total = sizes.reduce((a, b) => a + b, 0);
        const input = Int16Array.from({ length: total }, (_, i) => (i % 30000) + 1);
        const frames: Int16Array[] = [];
        let offset = 0;
        for (const size of sizes) {
          frames.push(...framer.push(input.subarray(offset, offset + size)));
          offset += size;
        }
        const tail = framer.flush();
        assert.ok(frames.every((frame) => frame.length === frameSize));
        assert.equal(frames.length, Math.floor(total / frameSize));
        const out = [...frames.flatMap((frame) => [...frame]), ...(tail ? [...tail] : [])];
        assert.deepEqual(out.slice(0, total), [...input]);
        // The padded tail is silence.
        assert.ok(out.slice(total).every((sample) => sample === 0));
        assert.equal(framer.bufferedSamples, 0);
      }),
    );
  });

  it('returns frames that later pushes do not overwrite', () => {
    const framer = new Framer(4);
    const [first] = framer.push(new Int16Array([1, 2, 3, 4, 5, 6]));
    const [second] = framer.push(new Int16Array([7, 8, 9, 10]));
    assert.deepEqual(first, new Int16Array([1, 2, 3, 4]));
    assert.deepEqual(second, new Int16Array([5, 6, 7, 8]));
    assert.deepEqual(framer.flush(), new Int16Array([9, 10, 0, 0]));
    assert.equal(framer.flush(), undefined);
  });

  it('rejects a frame size that is not a positive integer', () => {
    assert.throws(() => new Framer(0), RangeError);
    assert.throws(() => new Framer(159.5), RangeError);
  });
});
