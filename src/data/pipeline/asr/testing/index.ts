export * from './asr-conformance.ts';
export * from './scripted-asr.ts';
export * from './synthesised-speech.ts';
