/**
 * Where the recogniser's models live and the decoder arguments built from them. Every path is an
 * option; the defaults are the Debian `pocketsphinx-en-us` files and, for 8 kHz telephone audio,
 * the hub4wsj_sc_8k model kept in the shared models folder beside the checkout (never in the repo).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../platform/errors.ts';

/** The rates pocketsphinx models exist for here. */
export type PocketsphinxRateHz = 8000 | 16000;
export const pocketsphinxRatesHz: readonly PocketsphinxRateHz[] = [8000, 16000];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const debianModelDir = '/usr/share/pocketsphinx/model/en-us';

/** `../shared/models` beside the checkout (as CI lays it out). */
export const sharedModelsDir = path.resolve(repoRoot, '../shared/models');

export const defaultAcousticModelDirs: Readonly<Record<PocketsphinxRateHz, string>> = {
  8000: path.join(sharedModelsDir, 'hub4wsj_sc_8k'),
  16000: path.join(debianModelDir, 'en-us'),
};
export const defaultDictionaryPath = path.join(debianModelDir, 'cmudict-en-us.dict');
/** The generic US English trigram model (≈ 130k words); slow at 8 kHz, see README. */
export const defaultLanguageModelPath = path.join(debianModelDir, 'en-us.lm.bin');

export interface DecoderModelPaths {
  acousticModelDir: string;
  dictionaryPath: string;
  languageModelPath: string;
}

export interface DecoderSettings extends DecoderModelPaths {
  sampleRateHz: PocketsphinxRateHz;
  /**
   * Extra decoder arguments, e.g. `{ '-beam': '1e-60' }`. By default the second search passes
   * (`-fwdflat`, `-bestpath`) are off: the final then extends the partials the caller has seen
   * instead of replacing them, and costs ~3× less CPU (measured in bench/asr-accuracy.ts).
   */
  extraArgs?: Readonly<Record<string, string>>;
}

/** Throws a {@link ConfigError} naming the first missing model file. */
export function checkModelPaths(paths: DecoderModelPaths): void {
  const { acousticModelDir, dictionaryPath, languageModelPath } = paths;
  if (!existsSync(acousticModelDir) || !statSync(acousticModelDir).isDirectory()) {
    throw new ConfigError(`acoustic model folder not found: ${acousticModelDir}`, {
      details: { acousticModelDir },
    });
  }
  for (const file of ['mdef', 'means', 'variances', 'transition_matrices']) {
    if (!existsSync(path.join(acousticModelDir, file))) {
      throw new ConfigError(
        `acoustic model folder ${acousticModelDir} has no "${file}": not a pocketsphinx model`,
        { details: { acousticModelDir } },
      );
    }
  }
  if (!existsSync(dictionaryPath)) {
    throw new ConfigError(`pronunciation dictionary not found: ${dictionaryPath}`);
  }
  if (!existsSync(languageModelPath)) {
    throw new ConfigError(`language model not found: ${languageModelPath}`);
  }
}

/**
 * Frames the phone-loop lookahead runs ahead of the word search at 8 kHz (`-pl_window`). The
 * word search — and so every partial — trails the audio by this many 10 ms frames: the library
 * default, 5, delayed every word 50 ms. 1 keeps the lookahead's pruning; 0 turns the phone loop
 * off (more CPU, answer-turn WER 41.5 → 42.8 %). With 40 ms slices, against 5 and 80 ms, side
 * by side (bench/asr-accuracy.ts --variants, ADR 0017): paced word emission lag p50 64 → 1 ms,
 * p95 380 → 330 ms, each utterance's slowest word p50 242 → 160 ms, p95 641 → 601 ms; WER c
 * 38.9 → 39.7 %, answer turns (p, hinted) 41.3 → 40.9 %; CPU 4.4 → 4.9 % of the audio's time.
 */
export const phoneLookaheadFrames = 1;

/** The `argv` for `cmd_ln_parse_r` (argv[0] is a placeholder program name). */
export function decoderArgv(settings: DecoderSettings): string[] {
  const args: Record<string, string> = {
    '-hmm': settings.acousticModelDir,
    '-dict': settings.dictionaryPath,
    '-lm': settings.languageModelPath,
    '-samprate': String(settings.sampleRateHz),
    '-fwdflat': 'no',
    '-bestpath': 'no',
    '-logfn': '/dev/null',
  };
  if (settings.sampleRateHz === 8000) {
    // 25.6 ms windows at 8 kHz are 205 samples: the default 512-point FFT is for 16 kHz.
    args['-nfft'] = '256';
    args['-pl_window'] = String(phoneLookaheadFrames);
  }
  Object.assign(args, settings.extraArgs);
  return ['voxeron', ...Object.entries(args).flat()];
}
