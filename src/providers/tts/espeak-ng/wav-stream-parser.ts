/**
 * Reads a WAV stream as it arrives: the header first, then PCM16 samples chunk by chunk.
 * espeak-ng writes its header before it knows the length, so the RIFF and data sizes are
 * placeholders (0x7ffff000 or 0xffffffff); everything after the `data` chunk header is taken as
 * samples until the stream ends. Chunks may split anywhere, even inside a sample.
 */
import { ValidationError } from '../../../platform/errors.ts';

export interface WavStreamFormat {
  sampleRateHz: number;
}

const maxHeaderBytes = 4096;

export class WavStreamParser {
  private header: Uint8Array = new Uint8Array(0);
  private formatRead: WavStreamFormat | undefined;
  private inData = false;
  /** An odd byte left over from the previous chunk (half a sample). */
  private carry: number | undefined;

  /** The stream's format once its header has been read. */
  get format(): WavStreamFormat | undefined {
    return this.inData ? this.formatRead : undefined;
  }

  /** Feeds bytes; returns the whole PCM16 samples they complete (often empty at first). */
  push(bytes: Uint8Array): Int16Array {
    if (!this.inData) {
      this.header = concatBytes(this.header, bytes);
      const dataStart = this.parseHeader();
      if (dataStart === undefined) return new Int16Array(0);
      this.inData = true;
      bytes = this.header.subarray(dataStart);
      this.header = new Uint8Array(0);
    }
    return this.samples(bytes);
  }

  /** Where the samples start, or undefined while the header is incomplete. */
  private parseHeader(): number | undefined {
    const bytes = this.header;
    if (bytes.length < 12) return undefined;
    if (ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE')
      throw invalid('the stream is not RIFF/WAVE');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 12;
    while (offset + 8 <= bytes.length) {
      const id = ascii(bytes, offset);
      const size = view.getUint32(offset + 4, true);
      if (id === 'data') {
        if (this.formatRead === undefined) throw invalid('data chunk before fmt chunk');
        return offset + 8;
      }
      if (offset + 8 + size > bytes.length) break;
      if (id === 'fmt ') this.formatRead = readFormat(view, offset + 8, size);
      offset += 8 + size + (size % 2); // chunks are padded to even sizes
    }
    if (bytes.length > maxHeaderBytes)
      throw invalid(`no data chunk in the first ${maxHeaderBytes} bytes`);
    return undefined;
  }

  private samples(bytes: Uint8Array): Int16Array {
    let start = 0;
    const joined: number[] = [];
    if (this.carry !== undefined && bytes.length > 0) {
      joined.push((((bytes[0]! << 8) | this.carry) << 16) >> 16);
      this.carry = undefined;
      start = 1;
    }
    const whole = Math.floor((bytes.length - start) / 2);
    const out = new Int16Array(joined.length + whole);
    out.set(joined);
    // Copy rather than view: the chunk's byte offset may be odd.
    const view = new DataView(bytes.buffer, bytes.byteOffset + start, whole * 2);
    for (let i = 0; i < whole; i += 1) out[joined.length + i] = view.getInt16(i * 2, true);
    if ((bytes.length - start) % 2 === 1) this.carry = bytes[bytes.length - 1];
    return out;
  }
}

function readFormat(view: DataView, offset: number, size: number): WavStreamFormat {
  if (size < 16) throw invalid(`fmt chunk of ${size} bytes`);
  const formatTag = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  // espeak-ng writes mono PCM16; anything else means a different program answered.
  if (formatTag !== 1 || bitsPerSample !== 16 || channels !== 1) {
    throw invalid(
      `format ${formatTag}, ${bitsPerSample}-bit, ${channels} channels; expected mono PCM16`,
    );
  }
  return { sampleRateHz: view.getUint32(offset + 4, true) };
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function invalid(message: string): ValidationError {
  return new ValidationError(`unreadable WAV stream: ${message}`, [{ path: 'wav', message }]);
}
