import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { writeWav } from '../../../data/pipeline/audio/wav.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { WavStreamParser } from './wav-stream-parser.ts';

/** A header as espeak-ng writes it when streaming: placeholder sizes. */
function streamingWav(samples: Int16Array, sampleRateHz = 22050): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0x7ffff024, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRateHz, 24);
  header.writeUInt32LE(sampleRateHz * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0x7ffff000, 40);
  return Buffer.concat([
    header,
    Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
  ]);
}

function parseInPieces(
  bytes: Uint8Array,
  cuts: number[],
): { samples: number[]; parser: WavStreamParser } {
  const parser = new WavStreamParser();
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const samples: number[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    samples.push(...parser.push(bytes.subarray(from, point)));
    from = point;
  }
  return { samples, parser };
}

describe('WavStreamParser', () => {
  const samples = Int16Array.from({ length: 1001 }, (_, i) => ((i * 7919) % 65536) - 32768);

  it('ignores the placeholder data length and returns every sample, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5000 }), { maxLength: 40 }), (cuts) => {
        const { samples: parsed, parser } = parseInPieces(streamingWav(samples), cuts);
        assert.deepEqual(parsed, [...samples]);
        assert.equal(parser.format?.sampleRateHz, 22050);
      }),
      { numRuns: 200 },
    );
  });

  it('skips chunks between fmt and data (as a finished file from writeWav may have none)', () => {
    const file = writeWav(samples, 16000);
    const { samples: parsed, parser } = parseInPieces(file, [3, 20, 45]);
    assert.deepEqual(parsed, [...samples]);
    assert.equal(parser.format?.sampleRateHz, 16000);
  });

  it('refuses what is not mono PCM16 WAV', () => {
    assert.throws(
      () => new WavStreamParser().push(new TextEncoder().encode('Error: no such voice')),
      ValidationError,
    );
    const stereo = Buffer.from(streamingWav(samples));
    stereo.writeUInt16LE(2, 22);
    assert.throws(() => new WavStreamParser().push(stereo), ValidationError);
  });
});
