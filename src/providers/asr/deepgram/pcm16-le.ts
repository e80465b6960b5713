import { endianness } from 'node:os';

const littleEndianHost = endianness() === 'LE';

/** PCM16 samples as little-endian bytes (Deepgram's `linear16`), without a copy on LE hosts. */
export function pcm16ToLittleEndian(pcm16: Int16Array): Buffer {
  if (littleEndianHost) return Buffer.from(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
  const bytes = Buffer.alloc(pcm16.byteLength);
  for (let i = 0; i < pcm16.length; i++) bytes.writeInt16LE(pcm16[i] ?? 0, i * 2);
  return bytes;
}
