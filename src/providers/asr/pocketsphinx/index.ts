export * from './decoder-config.ts';
export * from './domain-language-model.ts';
export { liveDecoderCount } from './pocketsphinx-decoder.ts';
export * from './pocketsphinx-asr.ts';
