/**
 * What the {@link DeviceAudioTransport}'s child processes carry: raw signed 16-bit little-endian
 * mono PCM at the transport rate. The default commands (sox's `rec` and `play` on the default
 * audio device), the byte conversion, and a hint for when a Linux machine has no sound at all.
 */
import { existsSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';

/** A command as an argv: the program, then its arguments (run without a shell). */
export type AudioCommand = readonly [program: string, ...args: string[]];

/** sox options for raw mono PCM16, little-endian, at `sampleRateHz`. */
function rawPcm16(sampleRateHz: number): string[] {
  const format = ['-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-c', '1'];
  return [...format, '-r', `${sampleRateHz}`];
}

/** sox's `rec` on the default input device, as raw PCM16 on stdout. */
export function defaultCaptureCommand(sampleRateHz: number): AudioCommand {
  return ['rec', '-q', ...rawPcm16(sampleRateHz), '-'];
}

/**
 * sox's `play` of raw PCM16 on stdin on the default output device. `--buffer` of one 20 ms
 * frame: sox otherwise reads 8 KiB (256 ms at 16 kHz) before it plays anything, more than the
 * transport writes ahead, and the agent would stutter.
 */
export function defaultPlaybackCommand(sampleRateHz: number): AudioCommand {
  const frameBytes = ((sampleRateHz * 20) / 1000) * 2;
  return ['play', '-q', '--buffer', `${frameBytes}`, ...rawPcm16(sampleRateHz), '-'];
}

/**
 * Why a Linux machine surely has no audio device — no ALSA card and no PulseAudio or PipeWire
 * server — or undefined when it may have one (or is not Linux).
 */
export function audioHostProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux' || existsSync('/dev/snd')) return undefined;
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const sockets = runtimeDir
    ? [path.join(runtimeDir, 'pulse', 'native'), path.join(runtimeDir, 'pipewire-0')]
    : [];
  if (env.PULSE_SERVER || sockets.some((socket) => existsSync(socket))) return undefined;
  return 'no /dev/snd and no PulseAudio or PipeWire server';
}

const littleEndianHost = endianness() === 'LE';

/** PCM16 as little-endian bytes; a copy, since the pipe may hold it after the caller moves on. */
export function pcm16ToLittleEndian(pcm16: Int16Array): Buffer {
  if (littleEndianHost) {
    return Buffer.from(new Uint8Array(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength));
  }
  const bytes = Buffer.alloc(pcm16.byteLength);
  for (let i = 0; i < pcm16.length; i++) bytes.writeInt16LE(pcm16[i] ?? 0, i * 2);
  return bytes;
}

/** Little-endian PCM16 bytes as samples (a trailing odd byte is ignored). */
export function pcm16FromLittleEndian(bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.byteLength >> 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples.length * 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}
