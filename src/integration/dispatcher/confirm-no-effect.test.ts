import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionError } from '../../contracts/actions/action-error.ts';
import {
  confirmingError,
  confirmNoEffectAfterMs,
  isConfirmingNoEffect,
  reasonBeingConfirmed,
} from './confirm-no-effect.ts';

void describe('confirming that no effect exists before dead-lettering', () => {
  void it('keeps the reason the action would die of, through a valid last_error', () => {
    for (const reason of [
      { code: 'http_410', message: 'Square: 410 Gone', retryable: false },
      { code: 'outcome_unknown', message: 'timed out: after 1000 ms: no answer', retryable: true },
      { code: 'max_attempts_exceeded', message: 'x'.repeat(1000), retryable: false },
    ]) {
      const confirming = ActionError.parse(confirmingError(reason));
      assert.ok(isConfirmingNoEffect(confirming));
      assert.equal(confirming.retryable, true, 'the second question is still to come');
      const back = reasonBeingConfirmed(confirming);
      assert.equal(back.code, reason.code);
      assert.equal(back.retryable, false, 'once confirmed, the action is dead');
      assert.ok(reason.message.startsWith(back.message.slice(0, 900)));
    }
  });

  void it('waits at least the attempt timeout and 5 s, unless the schedule says otherwise', () => {
    const base = { initialDelayMs: 1, maxDelayMs: 2 };
    assert.equal(confirmNoEffectAfterMs({ ...base, attemptTimeoutMs: 1000 }), 5000);
    assert.equal(confirmNoEffectAfterMs({ ...base, attemptTimeoutMs: 15_000 }), 15_000);
    assert.equal(
      confirmNoEffectAfterMs({ ...base, attemptTimeoutMs: 15_000, confirmNoEffectAfterMs: 10 }),
      10,
    );
  });

  void it('treats only its own code as confirming', () => {
    assert.equal(isConfirmingNoEffect(null), false);
    assert.equal(
      isConfirmingNoEffect({ code: 'outcome_unknown', message: 'm', retryable: true }),
      false,
    );
  });
});
