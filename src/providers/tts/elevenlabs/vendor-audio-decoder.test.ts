import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMulaw } from '../../../data/pipeline/audio/g711.ts';
import { resamplePcm16 } from '../../../data/pipeline/audio/resample.ts';
import { vendorFormatFor } from './output-format.ts';
import { VendorAudioDecoder } from './vendor-audio-decoder.ts';

const samples = Int16Array.from({ length: 999 }, (_, i) => Math.round(12000 * Math.sin(i / 7)) - 3);
const bytes = new Uint8Array(samples.buffer.slice(0));

function decodeInPieces(
  decoder: VendorAudioDecoder,
  input: Uint8Array,
  sizes: number[],
): Int16Array {
  const parts: Int16Array[] = [];
  let offset = 0;
  for (let i = 0; offset < input.length; i++) {
    const size = sizes[i % sizes.length]!;
    parts.push(decoder.push(input.subarray(offset, offset + size)));
    offset += size;
  }
  parts.push(decoder.flush());
  return Int16Array.from(parts.flatMap((part) => [...part]));
}

describe('VendorAudioDecoder', () => {
  it('reassembles samples split across chunks of any size, including single bytes', () => {
    for (const sizes of [[1], [3], [1, 2, 5], [1997]]) {
      const decoder = new VendorAudioDecoder(vendorFormatFor(16000), 16000);
      assert.deepEqual(decodeInPieces(decoder, bytes, sizes), samples, `chunk sizes ${sizes}`);
    }
  });

  it('drops a dangling half sample at the end instead of inventing one', () => {
    const decoder = new VendorAudioDecoder(vendorFormatFor(16000), 16000);
    const out = decodeInPieces(decoder, bytes.subarray(0, 7), [7]);
    assert.deepEqual(out, samples.subarray(0, 3));
  });

  it('decodes μ-law and resamples 24 kHz to 48 kHz as one stream', () => {
    const mulaw = new VendorAudioDecoder(vendorFormatFor(8000), 8000);
    assert.equal(decodeInPieces(mulaw, encodeMulaw(samples), [100]).length, samples.length);
    const upsampled = decodeInPieces(
      new VendorAudioDecoder(vendorFormatFor(48000), 48000),
      bytes,
      [333],
    );
    assert.deepEqual(upsampled, resamplePcm16(samples, 24000, 48000));
  });
});
