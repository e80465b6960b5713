export {
  ScriptedTts,
  ScriptedTtsFailMode,
  type ScriptedTtsFailure,
  type ScriptedTtsOptions,
} from './scripted-tts.ts';
export {
  describeTtsConformance,
  sentenceFor,
  type TtsConformanceOptions,
  type TtsConformanceSetup,
} from './tts-conformance.ts';
