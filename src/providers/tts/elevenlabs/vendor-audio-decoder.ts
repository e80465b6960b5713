import { endianness } from 'node:os';
import { decodeMulaw } from '../../../data/pipeline/audio/g711.ts';
import { StreamingResampler } from '../../../data/pipeline/audio/resample.ts';
import type { VendorAudioFormat } from './output-format.ts';

const littleEndianHost = endianness() === 'LE';

/**
 * Turns the response body's byte chunks into PCM16 at the requested rate. HTTP chunk boundaries
 * do not respect samples: a PCM16 chunk may end half-way through a sample, so the odd byte is
 * carried into the next chunk. Resampling, when the vendor rate differs, is streaming too.
 */
export class VendorAudioDecoder {
  private carry: number | undefined;
  private readonly resampler: StreamingResampler | undefined;

  constructor(
    private readonly format: VendorAudioFormat,
    targetRateHz: number,
  ) {
    this.resampler =
      format.vendorRateHz === targetRateHz
        ? undefined
        : new StreamingResampler(format.vendorRateHz, targetRateHz);
  }

  push(bytes: Uint8Array): Int16Array {
    const pcm16 = this.format.encoding === 'mulaw' ? decodeMulaw(bytes) : this.pcm16From(bytes);
    return this.resampler ? this.resampler.push(pcm16) : pcm16;
  }

  /** The resampler's tail; a dangling odd byte (a truncated sample) is dropped. */
  flush(): Int16Array {
    this.carry = undefined;
    return this.resampler ? this.resampler.flush() : new Int16Array(0);
  }

  private pcm16From(bytes: Uint8Array): Int16Array {
    let joined = bytes;
    if (this.carry !== undefined) {
      joined = new Uint8Array(bytes.length + 1);
      joined[0] = this.carry;
      joined.set(bytes, 1);
      this.carry = undefined;
    }
    const evenLength = joined.length & ~1;
    if (evenLength < joined.length) this.carry = joined[evenLength];
    const samples = new Int16Array(evenLength / 2);
    if (littleEndianHost) {
      // A copy into a fresh buffer: the chunk's own offset need not be 2-byte aligned.
      new Uint8Array(samples.buffer).set(joined.subarray(0, evenLength));
    } else {
      const view = new DataView(joined.buffer, joined.byteOffset, evenLength);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
    }
    return samples;
  }
}
