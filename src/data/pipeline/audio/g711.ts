/**
 * ITU-T G.711 μ-law and A-law, the 8-bit telephone codecs. The encoders are the reference
 * (Sun/ITU) encoders on PCM16 rounded to 14 bits (μ-law) and 13 bits (A-law), which is what sox
 * does, so our bytes equal sox's for every input (tested over all 65,536 values). Both directions
 * go through lookup tables: a table lookup is the cheapest thing per sample.
 */

const muLawSegmentEnds = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const aLawSegmentEnds = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segmentOf(magnitude: number, ends: readonly number[]): number {
  for (let segment = 0; segment < ends.length; segment++) {
    if (magnitude <= (ends[segment] as number)) return segment;
  }
  return ends.length;
}

/** PCM16 rounded (half up) to `bits` bits, as sox does before companding. */
function roundToBits(sample: number, bits: number): number {
  const shift = 16 - bits;
  return Math.min((1 << (bits - 1)) - 1, (sample + (1 << (shift - 1))) >> shift);
}

/** μ-law code of a PCM16 sample: the reference encoder on 14-bit input. */
function mulawFromPcm16(sample: number): number {
  let magnitude = roundToBits(sample, 14);
  let mask = 0xff;
  if (magnitude < 0) {
    magnitude = -magnitude;
    mask = 0x7f;
  }
  magnitude = Math.min(magnitude, 8159) + 33; // clip, then the reference bias (0x84 >> 2)
  const segment = segmentOf(magnitude, muLawSegmentEnds);
  if (segment >= 8) return 0x7f ^ mask;
  return (((segment << 4) | ((magnitude >> (segment + 1)) & 0x0f)) ^ mask) & 0xff;
}

/** A-law code of a PCM16 sample: the reference encoder on 13-bit input. */
function alawFromPcm16(sample: number): number {
  let magnitude = roundToBits(sample, 13);
  let mask = 0xd5;
  if (magnitude < 0) {
    mask = 0x55;
    magnitude = -magnitude - 1;
  }
  const segment = segmentOf(magnitude, aLawSegmentEnds);
  if (segment >= 8) return (0x7f ^ mask) & 0xff;
  const step = segment < 2 ? magnitude >> 1 : magnitude >> segment;
  return ((segment << 4) | (step & 0x0f)) ^ mask;
}

function linearFromMulaw(byte: number): number {
  const inverted = ~byte & 0xff;
  let magnitude = ((inverted & 0x0f) << 3) + 0x84;
  magnitude <<= (inverted & 0x70) >> 4;
  return inverted & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

function linearFromAlaw(byte: number): number {
  const value = byte ^ 0x55;
  let magnitude = (value & 0x0f) << 4;
  const segment = (value & 0x70) >> 4;
  if (segment === 0) magnitude += 8;
  else if (segment === 1) magnitude += 0x108;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return value & 0x80 ? magnitude : -magnitude;
}

/** Indexed by the sample's 16-bit two's-complement pattern (`sample & 0xffff`). */
const mulawEncodeTable = new Uint8Array(65536);
const alawEncodeTable = new Uint8Array(65536);
const mulawDecodeTable = new Int16Array(256);
const alawDecodeTable = new Int16Array(256);
for (let pattern = 0; pattern < 65536; pattern++) {
  const sample = pattern >= 32768 ? pattern - 65536 : pattern;
  mulawEncodeTable[pattern] = mulawFromPcm16(sample);
  alawEncodeTable[pattern] = alawFromPcm16(sample);
}
for (let byte = 0; byte < 256; byte++) {
  mulawDecodeTable[byte] = linearFromMulaw(byte);
  alawDecodeTable[byte] = linearFromAlaw(byte);
}

function encodeWith(table: Uint8Array, pcm16: Int16Array): Uint8Array {
  const bytes = new Uint8Array(pcm16.length);
  for (let i = 0; i < pcm16.length; i++) bytes[i] = table[(pcm16[i] as number) & 0xffff] as number;
  return bytes;
}

function decodeWith(table: Int16Array, bytes: Uint8Array): Int16Array {
  const pcm16 = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) pcm16[i] = table[bytes[i] as number] as number;
  return pcm16;
}

/** PCM16 → G.711 μ-law, one byte per sample. */
export function encodeMulaw(pcm16: Int16Array): Uint8Array {
  return encodeWith(mulawEncodeTable, pcm16);
}

/** G.711 μ-law → PCM16. */
export function decodeMulaw(bytes: Uint8Array): Int16Array {
  return decodeWith(mulawDecodeTable, bytes);
}

/** PCM16 → G.711 A-law, one byte per sample. */
export function encodeAlaw(pcm16: Int16Array): Uint8Array {
  return encodeWith(alawEncodeTable, pcm16);
}

/** G.711 A-law → PCM16. */
export function decodeAlaw(bytes: Uint8Array): Int16Array {
  return decodeWith(alawDecodeTable, bytes);
}
