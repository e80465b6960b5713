/**
 * RIFF/WAVE reading and writing for the audio-file transport and the CLI: PCM16 (plus 8-bit,
 * 24-bit and 32-bit integer PCM and 32-bit float on input), μ-law and A-law. Input is always
 * returned as mono PCM16; stereo is down-mixed by averaging the channels.
 */
import { ValidationError } from '../../../platform/errors.ts';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from './g711.ts';
import type { AudioEncoding } from './audio-format.ts';

export interface DecodedWav {
  sampleRateHz: number;
  /** The file's encoding; 8/24/32-bit PCM and float report `pcm16` (they are converted). */
  encoding: AudioEncoding;
  pcm16: Int16Array;
}

const formatPcm = 1;
const formatFloat = 3;
const formatAlaw = 6;
const formatMulaw = 7;
const formatExtensible = 0xfffe;
/** RIFF writers that stream (and never come back to patch sizes) write these. */
const unknownSizes = new Set([0, 0xffffffff]);

function invalidWav(message: string): ValidationError {
  return new ValidationError(`not a usable WAV file: ${message}`, [{ path: 'wav', message }]);
}

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  bitsPerSample: number;
  blockAlign: number;
}

function parseFormat(view: DataView, offset: number, size: number): WavFormat {
  if (size < 16) throw invalidWav(`fmt chunk is ${size} bytes, expected at least 16`);
  let formatTag = view.getUint16(offset, true);
  if (formatTag === formatExtensible) {
    if (size < 40) throw invalidWav('WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
    formatTag = view.getUint16(offset + 24, true); // the sub-format GUID starts with the tag
  }
  return {
    formatTag,
    channels: view.getUint16(offset + 2, true),
    sampleRateHz: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

/** One channel-interleaved sample at `offset` as a PCM16 value. */
function sampleReader(format: WavFormat): (view: DataView, offset: number) => number {
  const { formatTag, bitsPerSample } = format;
  if (formatTag === formatPcm && bitsPerSample === 16) return (v, o) => v.getInt16(o, true);
  if (formatTag === formatPcm && bitsPerSample === 8) return (v, o) => (v.getUint8(o) - 128) << 8;
  if (formatTag === formatPcm && bitsPerSample === 24) {
    return (v, o) => (v.getUint8(o + 1) | (v.getInt8(o + 2) << 8)) as number;
  }
  if (formatTag === formatPcm && bitsPerSample === 32) return (v, o) => v.getInt32(o, true) >> 16;
  if (formatTag === formatFloat && bitsPerSample === 32) {
    return (v, o) => Math.max(-32768, Math.min(32767, Math.round(v.getFloat32(o, true) * 32767)));
  }
  if (formatTag === formatMulaw && bitsPerSample === 8) {
    const table = decodeMulaw(Uint8Array.from({ length: 256 }, (_, i) => i));
    return (v, o) => table[v.getUint8(o)] as number;
  }
  if (formatTag === formatAlaw && bitsPerSample === 8) {
    const table = decodeAlaw(Uint8Array.from({ length: 256 }, (_, i) => i));
    return (v, o) => table[v.getUint8(o)] as number;
  }
  throw invalidWav(
    `unsupported encoding (format tag ${formatTag}, ${bitsPerSample} bits); ` +
      'use PCM (8/16/24/32-bit), 32-bit float, μ-law or A-law',
  );
}

function encodingOf(formatTag: number): AudioEncoding {
  if (formatTag === formatMulaw) return 'mulaw';
  if (formatTag === formatAlaw) return 'alaw';
  return 'pcm16';
}

/**
 * Decodes a WAV file to mono PCM16 at its own rate. Throws a {@link ValidationError} naming the
 * problem for anything else: not RIFF/WAVE, a missing or truncated chunk, an unsupported
 * encoding, more than two channels.
 */
export function readWav(data: Uint8Array): DecodedWav {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw invalidWav('no RIFF/WAVE header');
  }
  let format: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= data.byteLength) {
    const id = fourCC(view, offset);
    const declaredSize = view.getUint32(offset + 4, true);
    const bodyOffset = offset + 8;
    const available = data.byteLength - bodyOffset;
    if (id === 'fmt ') {
      if (declaredSize > available) throw invalidWav('the file is truncated inside the fmt chunk');
      format = parseFormat(view, bodyOffset, declaredSize);
    } else if (id === 'data') {
      if (!format) throw invalidWav('data chunk before the fmt chunk');
      let size = declaredSize;
      if (unknownSizes.has(declaredSize)) size = available;
      else if (declaredSize > available) {
        throw invalidWav(
          `the file is truncated: the data chunk declares ${declaredSize} bytes, ${available} are present`,
        );
      }
      return decodeSamples(view, bodyOffset, size, format);
    }
    offset = bodyOffset + declaredSize + (declaredSize % 2); // chunks are padded to even sizes
  }
  throw invalidWav(format ? 'no data chunk (the file may be truncated)' : 'no fmt chunk');
}

function decodeSamples(
  view: DataView,
  offset: number,
  size: number,
  format: WavFormat,
): DecodedWav {
  const { channels, sampleRateHz, bitsPerSample } = format;
  if (channels < 1 || channels > 2) {
    throw invalidWav(`${channels} channels; only mono and stereo (down-mixed) are supported`);
  }
  if (sampleRateHz < 1000 || sampleRateHz > 192000) {
    throw invalidWav(`sample rate ${sampleRateHz} Hz is out of range`);
  }
  const read = sampleReader(format);
  const bytesPerSample = bitsPerSample / 8;
  const blockAlign = format.blockAlign || bytesPerSample * channels;
  const frames = Math.floor(size / blockAlign);
  const pcm16 = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    const at = offset + i * blockAlign;
    pcm16[i] =
      channels === 1 ? read(view, at) : (read(view, at) + read(view, at + bytesPerSample)) >> 1;
  }
  return { sampleRateHz, encoding: encodingOf(format.formatTag), pcm16 };
}

function littleEndianBytes(pcm16: Int16Array): Uint8Array {
  const bytes = new Uint8Array(pcm16.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < pcm16.length; i++) view.setInt16(i * 2, pcm16[i] as number, true);
  return bytes;
}

/** Encodes mono PCM16 as a WAV file; `mulaw`/`alaw` write 8-bit G.711 with a `fact` chunk. */
export function writeWav(
  pcm16: Int16Array,
  sampleRateHz: number,
  encoding: AudioEncoding = 'pcm16',
): Uint8Array {
  const isPcm16 = encoding === 'pcm16';
  const samples =
    encoding === 'mulaw'
      ? encodeMulaw(pcm16)
      : encoding === 'alaw'
        ? encodeAlaw(pcm16)
        : littleEndianBytes(pcm16);
  const bytesPerSample = isPcm16 ? 2 : 1;
  // Non-PCM formats carry cbSize in fmt and a fact chunk (sample count), as the spec asks.
  const fmtSize = isPcm16 ? 16 : 18;
  const factSize = isPcm16 ? 0 : 12;
  const dataPadding = samples.byteLength % 2;
  const total = 12 + 8 + fmtSize + factSize + 8 + samples.byteLength + dataPadding;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const writeFourCC = (offset: number, id: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(offset + i, id.charCodeAt(i));
  };
  writeFourCC(0, 'RIFF');
  view.setUint32(4, total - 8, true);
  writeFourCC(8, 'WAVE');
  writeFourCC(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(
    20,
    encoding === 'mulaw' ? formatMulaw : encoding === 'alaw' ? formatAlaw : formatPcm,
    true,
  );
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * bytesPerSample, true);
  view.setUint16(32, bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let offset = 36;
  if (!isPcm16) {
    view.setUint16(offset, 0, true);
    offset += 2;
    writeFourCC(offset, 'fact');
    view.setUint32(offset + 4, 4, true);
    view.setUint32(offset + 8, pcm16.length, true);
    offset += 12;
  }
  writeFourCC(offset, 'data');
  view.setUint32(offset + 4, samples.byteLength, true);
  out.set(samples, offset + 8);
  return out;
}
