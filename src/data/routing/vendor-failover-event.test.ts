import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvent } from '../../contracts/events/index.ts';
import { exampleIds } from '../../contracts/testing/index.ts';
import { UnavailableError } from '../../platform/errors.ts';
import { vendorFailoverPayload } from './vendor-failover-event.ts';

const deepgram = { stage: 'asr' as const, vendor: 'deepgram', model: 'nova-3' };
const pocketsphinx = { stage: 'asr' as const, vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k' };

void describe('vendorFailoverPayload', () => {
  void it('names the stage, both vendors, the reason and the moment, and is a valid v1 event', () => {
    const payload = vendorFailoverPayload(
      { stage: 'asr', from: deepgram, to: pocketsphinx, reason: 'first_token_timeout' },
      { turn: 2, elapsedMs: 21_480.4 },
    );
    assert.deepEqual(payload, {
      stage: 'asr',
      from: { provider: 'deepgram', model: 'nova-3' },
      to: { provider: 'pocketsphinx', model: 'hub4wsj_sc_8k' },
      reason: 'first_token_timeout',
      error: null,
      turn: 2,
      elapsed_ms: 21_480,
    });
    const event = parseEvent({
      id: exampleIds.event,
      version: 1,
      tenant_id: exampleIds.tenant,
      session_id: exampleIds.session,
      correlation_id: exampleIds.correlation,
      causation_id: null,
      occurred_at: '2026-01-01T12:00:00Z',
      type: 'VendorFailover',
      payload,
    });
    assert.equal(event.type, 'VendorFailover');
  });

  void it('keeps the vendor error without its credentials; no vendor left is `to: null`', () => {
    const key = 'el-0123456789';
    const payload = vendorFailoverPayload(
      {
        stage: 'tts',
        from: { stage: 'tts', vendor: 'elevenlabs', model: 'eleven_flash_v2_5' },
        to: undefined,
        reason: 'error',
        error: new UnavailableError(`elevenlabs answered 401 for key ${key}`),
      },
      { turn: 0, elapsedMs: 350 },
      [key],
    );
    assert.equal(payload.to, null);
    assert.equal(payload.error, 'elevenlabs answered 401 for key [redacted]');
  });
});
