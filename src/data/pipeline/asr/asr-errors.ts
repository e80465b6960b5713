/** Errors every ASR provider raises the same way, so callers recognise them by type. */
import { Retry, ValidationError, VoxeronError } from '../../../platform/errors.ts';
import type { SampleRateHz } from '../audio/audio-format.ts';

/** `write` or `flush` on a stream that was closed or aborted: a bug in the caller, never retried. */
export class AsrStreamClosedError extends VoxeronError {
  readonly code = 'asr_stream_closed';
  readonly retry = Retry.never;
  constructor(provider: string) {
    super(`the ${provider} ASR stream is closed: open a new stream to send more audio`);
  }
}

/** `open` with a rate the provider does not take natively: resample before writing. */
export class UnsupportedSampleRateError extends ValidationError {
  constructor(provider: string, sampleRateHz: number, supportedHz: readonly SampleRateHz[]) {
    super(
      `${provider} does not accept ${sampleRateHz} Hz audio; it takes ${supportedHz.join(' or ')} Hz`,
      [{ path: 'sampleRateHz', message: `unsupported: ${sampleRateHz}` }],
    );
  }
}
