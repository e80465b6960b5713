/**
 * Test helpers that make real audio with the system's espeak-ng and sox (Debian packages), so
 * tests run on synthesised speech and on files another program wrote, not on our own encoder's
 * idea of a file. Not used at run time.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs `fn` with a fresh temporary directory that is removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voxeron-audio-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs sox with `args`; `-D` (no dither) keeps its output deterministic. */
export async function sox(args: readonly string[]): Promise<void> {
  await execFileAsync('sox', ['-D', ...args]);
}

/** The raw-PCM16 sox arguments for mono audio at `sampleRateHz`. */
export function rawPcm16Args(sampleRateHz: number): string[] {
  return [
    '-t',
    'raw',
    '-e',
    'signed-integer',
    '-b',
    '16',
    '-L',
    '-r',
    String(sampleRateHz),
    '-c',
    '1',
  ];
}

export function pcm16Bytes(pcm16: Int16Array): Uint8Array {
  return new Uint8Array(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
}

export function pcm16FromBytes(bytes: Uint8Array): Int16Array {
  const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % 2));
  copy.set(bytes.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
}

/** Speech from espeak-ng, converted by sox to mono PCM16 at `sampleRateHz`. */
export async function synthesizeSpeech(
  text: string,
  sampleRateHz: number,
  wordsPerMinute = 160,
): Promise<Int16Array> {
  return withTempDir(async (dir) => {
    const voiceWav = path.join(dir, 'voice.wav');
    const raw = path.join(dir, 'voice.raw');
    await execFileAsync('espeak-ng', [
      '-v',
      'en-us',
      '-s',
      String(wordsPerMinute),
      '-w',
      voiceWav,
      text,
    ]);
    await sox([voiceWav, ...rawPcm16Args(sampleRateHz), raw]);
    return pcm16FromBytes(await readFile(raw));
  });
}

/** White noise from sox at amplitude `volume` (0..1), `durationMs` long. Seeded: reproducible. */
export async function whiteNoise(
  durationMs: number,
  sampleRateHz: number,
  volume: number,
): Promise<Int16Array> {
  return withTempDir(async (dir) => {
    const raw = path.join(dir, 'noise.raw');
    await sox([
      '-R',
      '-n',
      ...rawPcm16Args(sampleRateHz),
      raw,
      'synth',
      String(durationMs / 1000),
      'whitenoise',
      'vol',
      String(volume),
    ]);
    return pcm16FromBytes(await readFile(raw));
  });
}

/** Converts raw PCM16 with sox: `outputArgs` describe the output (e.g. `-e mu-law -t raw`). */
export async function soxConvertPcm16(
  pcm16: Int16Array,
  sampleRateHz: number,
  outputArgs: readonly string[],
  outputName = 'out',
): Promise<Uint8Array> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, 'in.raw');
    const output = path.join(dir, outputName);
    await writeFile(input, pcm16Bytes(pcm16));
    await sox([...rawPcm16Args(sampleRateHz), input, ...outputArgs, output]);
    return new Uint8Array(await readFile(output));
  });
}

/** Samples of a sine at `frequencyHz`, amplitude `amplitude` (0..1 of full scale). */
export function sine(
  frequencyHz: number,
  sampleRateHz: number,
  durationMs: number,
  amplitude = 0.5,
): Int16Array {
  const samples = new Int16Array(Math.round((sampleRateHz * durationMs) / 1000));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(
      amplitude * 32767 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz),
    );
  }
  return samples;
}

export function concatPcm16(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Sample-wise sum with clipping: speech over noise. */
export function mixPcm16(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, (a[i] ?? 0) + (b[i] ?? 0)));
  }
  return out;
}

export function silence(durationMs: number, sampleRateHz: number): Int16Array {
  return new Int16Array(Math.round((sampleRateHz * durationMs) / 1000));
}
