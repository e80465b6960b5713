/**
 * A speech "probability" from frame energy, for tests and benches: plugged into the real
 * segmenter (vad/speech-segmenter `classifier`), scripted caller audio (tone = speech, zeros =
 * silence) is segmented exactly. Not for real calls: any loud noise is "speech".
 */
import type { SpeechProbabilityClassifier } from '../../vad/speech-segmenter.ts';

export function energyClassifier(rmsThreshold = 500): SpeechProbabilityClassifier {
  return {
    push(frame: Int16Array): number {
      if (frame.length === 0) return 0;
      let sum = 0;
      for (const sample of frame) sum += sample * sample;
      return Math.sqrt(sum / frame.length) > rmsThreshold ? 1 : 0;
    },
  };
}
