import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from './g711.ts';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sox, soxConvertPcm16, synthesizeSpeech, withTempDir } from './testing/sox.ts';

/** Every 16-bit value once: the encoders are total functions over PCM16. */
function everySample(): Int16Array {
  const all = new Int16Array(65536);
  for (let i = 0; i < all.length; i++) all[i] = i - 32768;
  return all;
}

describe('G.711', () => {
  it('encodes every PCM16 value to the same μ-law byte as sox', async () => {
    const samples = everySample();
    const fromSox = await soxConvertPcm16(samples, 8000, ['-t', 'raw', '-e', 'mu-law', '-b', '8']);
    assert.deepEqual(encodeMulaw(samples), fromSox);
  });

  it('encodes every PCM16 value to the same A-law byte as sox', async () => {
    const samples = everySample();
    const fromSox = await soxConvertPcm16(samples, 8000, ['-t', 'raw', '-e', 'a-law', '-b', '8']);
    assert.deepEqual(encodeAlaw(samples), fromSox);
  });

  it('decodes every byte to the value sox decodes it to', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    // sox decodes by reading the bytes as μ-law/A-law and writing PCM16.
    for (const [encoding, decode] of [
      ['mu-law', decodeMulaw],
      ['a-law', decodeAlaw],
    ] as const) {
      const decodedBySox = await withTempDir(async (dir) => {
        await writeFile(path.join(dir, 'in.raw'), bytes);
        await sox([
          '-t',
          'raw',
          '-e',
          encoding,
          '-b',
          '8',
          '-r',
          '8000',
          '-c',
          '1',
          path.join(dir, 'in.raw'),
          '-t',
          'raw',
          '-e',
          'signed-integer',
          '-b',
          '16',
          '-L',
          path.join(dir, 'out.raw'),
        ]);
        return new Uint8Array(await readFile(path.join(dir, 'out.raw')));
      });
      assert.deepEqual(new Uint8Array(decode(bytes).buffer), decodedBySox, encoding);
    }
  });

  it('round-trips speech within the codec quantisation step', async () => {
    const speech = await synthesizeSpeech('one large pepperoni pizza please', 8000);
    for (const [name, encode, decode, maxRelativeError] of [
      ['μ-law', encodeMulaw, decodeMulaw, 1 / 16],
      ['A-law', encodeAlaw, decodeAlaw, 1 / 16],
    ] as const) {
      const decoded = decode(encode(speech));
      assert.equal(decoded.length, speech.length);
      let signalEnergy = 0;
      let errorEnergy = 0;
      for (let i = 0; i < speech.length; i++) {
        const original = speech[i] as number;
        const error = Math.abs((decoded[i] as number) - original);
        // Logarithmic companding: the step grows with the magnitude, ≤ 1/16 of it plus the
        // smallest step near zero.
        assert.ok(error <= Math.abs(original) * maxRelativeError + 16, `${name} sample ${i}`);
        signalEnergy += original * original;
        errorEnergy += error * error;
      }
      const snrDb = 10 * Math.log10(signalEnergy / errorEnergy);
      assert.ok(snrDb > 30, `${name} SNR ${snrDb.toFixed(1)} dB`);
    }
  });

  it('maps silence to the codecs’ zero codes', () => {
    assert.deepEqual(encodeMulaw(new Int16Array([0])), new Uint8Array([0xff]));
    assert.deepEqual(encodeAlaw(new Int16Array([0])), new Uint8Array([0xd5]));
  });
});
