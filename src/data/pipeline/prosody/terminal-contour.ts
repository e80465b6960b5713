/**
 * The pitch contour at the end of an utterance: falling to the bottom of the speaker's range (a
 * finished statement), level or rising (more to come, or a question). Read from the voiced
 * frames of the last `tailMs` before the caller stopped, in semitones, against a reference
 * level for the speaker (their median pitch so far). Robust to the tracker's octave errors:
 * frames an octave off the reference are folded back, and the slope is a Theil–Sen estimate (the
 * median of pairwise slopes), which a few stray frames do not move.
 */
import type { PitchFrame } from './pitch-tracker.ts';

export type ContourKind = 'falling' | 'level' | 'rising' | 'unknown';

export interface TerminalContour {
  kind: ContourKind;
  /** 0–1: how clearly the contour is what `kind` says (voiced evidence × margin). */
  confidence: number;
  /** Theil–Sen slope over the tail, semitones per second. */
  slopeStPerS: number;
  /** Where the tail ends relative to the speaker's reference pitch, semitones. */
  endSt: number;
  /** Voiced frames the decision rests on. */
  voicedFrames: number;
}

export interface TerminalContourOptions {
  /** The stretch before the last voiced frame that makes the terminal contour. @default 500 */
  tailMs?: number;
  /** Fewer voiced frames than this in the tail: `unknown`. @default 6 */
  minVoicedFrames?: number;
  /** A slope at least this steep (semitones per second, either way) is a movement. @default 4 */
  slopeStPerS?: number;
  /** A final fall ends at least this far below the speaker's reference. @default 1.5 */
  lowEndSt?: number;
  /** A final rise (the last syllable) climbs at least this much. @default 1.5 */
  finalRiseSt?: number;
}

export const unknownContour: TerminalContour = {
  kind: 'unknown',
  confidence: 0,
  slopeStPerS: 0,
  endSt: 0,
  voicedFrames: 0,
};

/** Semitones relative to 100 Hz. */
export function semitones(f0Hz: number): number {
  return 12 * Math.log2(f0Hz / 100);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Folds a value an octave off the reference back towards it (YIN's halving/doubling errors). */
function foldOctave(st: number, referenceSt: number): number {
  if (st - referenceSt > 8) return st - 12;
  if (referenceSt - st > 8) return st + 12;
  return st;
}

/** Median of pairwise slopes (per second) of points (ms, semitones). */
function theilSenSlope(points: readonly (readonly [number, number])[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const [ti, yi] = points[i] as readonly [number, number];
      const [tj, yj] = points[j] as readonly [number, number];
      if (tj > ti) slopes.push(((yj - yi) * 1000) / (tj - ti));
    }
  return slopes.length > 0 ? median(slopes) : 0;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * The terminal contour of `frames` (oldest first, the utterance up to the end of speech).
 * `referenceSt` is the speaker's usual pitch in semitones re 100 Hz (their median over the call
 * so far); without it, the median of these frames.
 */
export function classifyTerminalContour(
  frames: readonly PitchFrame[],
  referenceSt?: number,
  options: TerminalContourOptions = {},
): TerminalContour {
  const tailMs = options.tailMs ?? 500;
  const minVoiced = options.minVoicedFrames ?? 6;
  const slopeLimit = options.slopeStPerS ?? 4;
  const lowEndSt = options.lowEndSt ?? 1.5;
  const finalRiseSt = options.finalRiseSt ?? 1.5;

  const voiced = frames.filter((frame) => frame.f0Hz !== undefined);
  const last = voiced.at(-1);
  if (!last) return unknownContour;
  const reference = referenceSt ?? median(voiced.map((frame) => semitones(frame.f0Hz as number)));
  const tail = voiced
    .filter((frame) => frame.atMs > last.atMs - tailMs)
    .map((frame) => [frame.atMs, foldOctave(semitones(frame.f0Hz as number), reference)] as const);
  if (tail.length < minVoiced) return { ...unknownContour, voicedFrames: tail.length };

  // The steeper of the whole tail and its second half: a final fall often takes only the last
  // word, after a rise on the one before ("Anna de VRIES").
  const lateTail = tail.filter(([atMs]) => atMs > last.atMs - tailMs / 2);
  const wholeSlope = theilSenSlope(tail);
  const lateSlope = lateTail.length >= minVoiced / 2 ? theilSenSlope(lateTail) : wholeSlope;
  const slopeStPerS = Math.abs(lateSlope) > Math.abs(wholeSlope) ? lateSlope : wholeSlope;
  // The end: the median of the last three frames, so one stray frame does not set it.
  const endSt = median(tail.slice(-3).map(([, st]) => st)) - reference;
  // The last syllable alone: a question's rise can follow a fall within the tail.
  const lastSyllable = tail.filter(([atMs]) => atMs > last.atMs - 150);
  const syllableRise =
    lastSyllable.length >= 3
      ? median(lastSyllable.slice(-2).map(([, st]) => st)) -
        Math.min(...lastSyllable.map(([, st]) => st))
      : 0;
  const evidence = clamp01(tail.length / (2 * minVoiced));
  const base = { slopeStPerS, endSt, voicedFrames: tail.length };

  if (syllableRise >= finalRiseSt || (slopeStPerS >= slopeLimit && endSt > -lowEndSt)) {
    const margin = Math.max(syllableRise / (2 * finalRiseSt), slopeStPerS / (2 * slopeLimit));
    return { ...base, kind: 'rising', confidence: evidence * clamp01(margin) };
  }
  if (slopeStPerS <= -slopeLimit && endSt <= -lowEndSt) {
    // Both the fall and the low end must be clear: a low but flat "uh" is a hesitation.
    const margin = Math.min(-slopeStPerS / (2 * slopeLimit), -endSt / (2 * lowEndSt));
    return { ...base, kind: 'falling', confidence: evidence * clamp01(margin) };
  }
  const flatness = 1 - Math.abs(slopeStPerS) / slopeLimit;
  return { ...base, kind: 'level', confidence: evidence * clamp01(flatness) };
}
