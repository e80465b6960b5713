import type { SampleRateHz } from '../../../data/pipeline/audio/audio-format.ts';

/** How ElevenLabs is asked to encode the audio for a requested pipeline rate. */
export interface VendorAudioFormat {
  /** The `output_format` query parameter. */
  outputFormat: 'ulaw_8000' | 'pcm_16000' | 'pcm_22050' | 'pcm_24000';
  encoding: 'mulaw' | 'pcm16';
  vendorRateHz: SampleRateHz;
}

/**
 * The vendor format that needs the least work for `sampleRateHz`. 8 kHz comes as `ulaw_8000`
 * (ElevenLabs' telephony format: half the bytes of PCM, and μ-law is what the phone line carries
 * anyway); 16/22.05/24 kHz come as raw PCM16 LE at that rate; 48 kHz is not a documented
 * streaming format, so it is made from `pcm_24000`.
 */
export function vendorFormatFor(sampleRateHz: SampleRateHz): VendorAudioFormat {
  switch (sampleRateHz) {
    case 8000:
      return { outputFormat: 'ulaw_8000', encoding: 'mulaw', vendorRateHz: 8000 };
    case 16000:
      return { outputFormat: 'pcm_16000', encoding: 'pcm16', vendorRateHz: 16000 };
    case 22050:
      return { outputFormat: 'pcm_22050', encoding: 'pcm16', vendorRateHz: 22050 };
    case 24000:
    case 48000:
      return { outputFormat: 'pcm_24000', encoding: 'pcm16', vendorRateHz: 24000 };
  }
}
