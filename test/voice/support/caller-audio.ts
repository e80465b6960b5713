/**
 * A caller for end-to-end voice tests: each turn spoken by espeak-ng, carried over an 8 kHz
 * μ-law line (sox), with silence before it long enough for the agent's previous reply.
 */
import { synthesiseSpeech } from '../../../src/data/pipeline/asr/testing/synthesised-speech.ts';
import { writeWav } from '../../../src/data/pipeline/audio/wav.ts';

export interface CallerTurn {
  text: string;
  /** Silence before the turn: the agent's reply to the previous one plays in it. */
  silenceBeforeMs: number;
}

/** The caller's audio at 8 kHz, PCM16. */
export async function callerAudio(
  turns: readonly CallerTurn[],
  tailMs = 3000,
): Promise<Int16Array> {
  const rateHz = 8000;
  const parts: Int16Array[] = [];
  for (const turn of turns) {
    parts.push(new Int16Array((turn.silenceBeforeMs * rateHz) / 1000));
    parts.push(
      await synthesiseSpeech(turn.text, { sampleRateHz: rateHz, telephone: true, paddingMs: 0 }),
    );
  }
  parts.push(new Int16Array((tailMs * rateHz) / 1000));
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The same as an 8 kHz μ-law WAV file, as a phone recording would be. */
export async function callerWav(turns: readonly CallerTurn[]): Promise<Uint8Array> {
  return writeWav(await callerAudio(turns), 8000, 'mulaw');
}

/** A whole pickup order of the demo menu, with room for each reply (espeak-ng speaks ~13 chars/s). */
export const pickupOrderCall: readonly CallerTurn[] = [
  { text: 'two large margherita pizzas with thin crust', silenceBeforeMs: 6000 },
  { text: "no that's all", silenceBeforeMs: 9000 },
  { text: 'pickup', silenceBeforeMs: 5000 },
  { text: 'John Smith', silenceBeforeMs: 5500 },
  { text: 'zero six one two three four five six seven eight', silenceBeforeMs: 5500 },
  // "I have your number as 06 1234 5678. Is that right?" (about 6 s with the wait before it)
  { text: 'yes', silenceBeforeMs: 8000 },
  // The read-back lasts about 18 s.
  { text: 'yes', silenceBeforeMs: 22000 },
];
