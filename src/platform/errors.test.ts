import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AbortedError,
  ConfigError,
  OutcomeUnknownError,
  Retry,
  UnavailableError,
  ValidationError,
  isRetryable,
  throwIfAborted,
} from './errors.ts';

describe('errors carry their retry semantics', () => {
  it('classifies by type, not message', () => {
    assert.equal(isRetryable(new UnavailableError('POS down', { retryAfterMs: 2000 })), true);
    assert.equal(
      isRetryable(new ValidationError('bad', [{ path: 'customer.phone', message: 'required' }])),
      false,
    );
    assert.equal(isRetryable(new ConfigError('bad setting')), false);
    assert.equal(new OutcomeUnknownError('timed out after send').retry, Retry.reconcile);
    assert.equal(
      isRetryable(new OutcomeUnknownError('timed out after send')),
      false,
      'unknown outcomes are reconciled, not blindly retried',
    );
    assert.equal(new UnavailableError('x', { retryAfterMs: 1500 }).retryAfterMs, 1500);
    assert.equal(new UnavailableError('x').name, 'UnavailableError');
  });

  it('turns an aborted signal into an AbortedError that keeps the reason', () => {
    const controller = new AbortController();
    throwIfAborted(controller.signal);
    controller.abort(new Error('caller hung up'));
    assert.throws(
      () => throwIfAborted(controller.signal),
      (error: unknown) =>
        error instanceof AbortedError && (error.cause as Error).message === 'caller hung up',
    );
  });
});
