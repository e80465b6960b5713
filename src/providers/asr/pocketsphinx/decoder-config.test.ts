import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decoderArgv, phoneLookaheadFrames } from './decoder-config.ts';

const paths = { acousticModelDir: '/am', dictionaryPath: '/dict', languageModelPath: '/lm' };

/** The value given for `option` in an argv (the last one wins, as cmd_ln parses it). */
function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.lastIndexOf(name);
  return index < 0 ? undefined : argv[index + 1];
}

void describe('decoderArgv', () => {
  void it('keeps the 8 kHz word search one lookahead frame behind the audio, not five', () => {
    const argv = decoderArgv({ ...paths, sampleRateHz: 8000 });
    assert.equal(option(argv, '-pl_window'), String(phoneLookaheadFrames));
    assert.equal(option(argv, '-nfft'), '256');
  });

  void it('leaves the 16 kHz model at the library defaults', () => {
    const argv = decoderArgv({ ...paths, sampleRateHz: 16000 });
    assert.equal(option(argv, '-pl_window'), undefined);
    assert.equal(option(argv, '-nfft'), undefined);
  });

  void it('lets extra arguments override the lookahead', () => {
    const argv = decoderArgv({ ...paths, sampleRateHz: 8000, extraArgs: { '-pl_window': '5' } });
    assert.equal(option(argv, '-pl_window'), '5');
    assert.equal(argv.filter((token) => token === '-pl_window').length, 1);
  });
});
