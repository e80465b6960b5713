/** Which espeak-ng voice speaks which language, and the command line that selects it. */
import { ValidationError } from '../../../platform/errors.ts';

/** BCP 47 language → espeak-ng voice. A bare language ('en', 'nl') takes its first variant. */
export const espeakVoiceByLanguage: Readonly<Record<string, string>> = {
  'en-us': 'en-us',
  'en-gb': 'en-gb',
  en: 'en-us',
  'nl-nl': 'nl',
  'nl-be': 'nl',
  nl: 'nl',
};

export interface EspeakVoiceSettings {
  /** Speaking rate, words per minute (espeak-ng `-s`, 80–450). */
  wordsPerMinute: number;
  /** Pitch adjustment (espeak-ng `-p`, 0–99). */
  pitch: number;
}

export function espeakVoiceFor(language: string, voice: string | undefined): string {
  if (voice !== undefined) {
    // It becomes a command-line argument: allow only voice-name characters ("en-us+f3").
    if (!/^[a-z][\w+-]{0,39}$/i.test(voice)) {
      throw new ValidationError(`'${voice}' is not an espeak-ng voice name`, [
        { path: 'voice', message: 'invalid' },
      ]);
    }
    return voice;
  }
  const lower = language.toLowerCase();
  const found = espeakVoiceByLanguage[lower] ?? espeakVoiceByLanguage[lower.split('-')[0]!];
  if (found === undefined) {
    throw new ValidationError(`espeak-ng has no voice configured for ${language}`, [
      { path: 'language', message: `unsupported: ${language}` },
    ]);
  }
  return found;
}

export function espeakArguments(voice: string, settings: EspeakVoiceSettings): string[] {
  // -b 1: stdin is UTF-8 whatever the process locale; --stdout: WAV on stdout.
  return [
    '--stdout',
    '-b',
    '1',
    '-v',
    voice,
    '-s',
    String(settings.wordsPerMinute),
    '-p',
    String(settings.pitch),
  ];
}
