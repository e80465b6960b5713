/**
 * Audio as the pipeline carries it. Inside the pipeline audio is always linear PCM16 (signed,
 * little-endian when serialised) at a known rate; G.711 μ-law/A-law exists only at the edges
 * (telephony transports) and is converted on the way in and out.
 */
export type SampleRateHz = 8000 | 16000 | 22050 | 24000 | 48000;

/** A wire encoding a transport may carry. */
export type AudioEncoding = 'pcm16' | 'mulaw' | 'alaw';

export interface AudioFormat {
  encoding: AudioEncoding;
  sampleRateHz: SampleRateHz;
}

/** The frame length every transport and the VAD work in. */
export const frameDurationMs = 20;

/** Samples in one 20 ms frame at `sampleRateHz`. */
export function samplesPerFrame(sampleRateHz: SampleRateHz): number {
  return (sampleRateHz * frameDurationMs) / 1000;
}
