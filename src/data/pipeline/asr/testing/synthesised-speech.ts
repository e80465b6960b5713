/**
 * Caller speech for ASR tests and benches, made by espeak-ng and sox (Debian packages): real
 * audio, optionally passed through 8 kHz G.711 μ-law and back as a phone line would carry it.
 * Not used at run time.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SpeechOptions {
  /** espeak-ng voice. @default 'en-us' */
  voice?: string;
  /** Speaking rate in words per minute. @default 160 */
  wordsPerMinute?: number;
  sampleRateHz: 8000 | 16000;
  /** Encode to 8 kHz μ-law and decode again (then resample to `sampleRateHz`). @default true */
  telephone?: boolean;
  /** Silence added before and after the speech, in ms. @default 300 */
  paddingMs?: number;
}

/** Synthesises `text` and returns mono PCM16 at `options.sampleRateHz`. */
export async function synthesiseSpeech(text: string, options: SpeechOptions): Promise<Int16Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voxeron-asr-speech-'));
  try {
    const spoken = path.join(dir, 'spoken.wav');
    const line = path.join(dir, 'line.wav');
    const output = path.join(dir, 'out.raw');
    await execFileAsync('espeak-ng', [
      '-v',
      options.voice ?? 'en-us',
      '-s',
      String(options.wordsPerMinute ?? 160),
      '-w',
      spoken,
      text,
    ]);
    const padSeconds = String((options.paddingMs ?? 300) / 1000);
    let source = spoken;
    if (options.telephone ?? true) {
      await execFileAsync('sox', ['-D', spoken, '-r', '8000', '-c', '1', '-e', 'mu-law', line]);
      source = line;
    }
    await execFileAsync('sox', [
      '-D',
      source,
      ...['-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-c', '1'],
      ...['-r', String(options.sampleRateHz), output],
      ...['pad', padSeconds, padSeconds],
    ]);
    const bytes = await readFile(output);
    const pcm16 = new Int16Array(bytes.byteLength / 2);
    Buffer.from(pcm16.buffer).set(bytes);
    return pcm16;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
