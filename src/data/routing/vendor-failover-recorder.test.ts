import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VendorFailoverPayload } from '../../contracts/events/index.ts';
import { exampleIds } from '../../contracts/testing/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { UnavailableError } from '../../platform/errors.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import type { FailoverEvent } from './failover-types.ts';
import { VendorFailoverMetrics } from './vendor-failover-metrics.ts';
import { VendorFailoverRecorder } from './vendor-failover-recorder.ts';

const ref = (vendor: string) => ({ stage: 'tts' as const, vendor, model: 'm' });
const failover = (from: string, to: string | undefined, error?: unknown): FailoverEvent => ({
  stage: 'tts',
  from: ref(from),
  to: to === undefined ? undefined : ref(to),
  reason: error === undefined ? 'first_token_timeout' : 'error',
  ...(error === undefined ? {} : { error }),
});
const session = (turns: number) => ({
  ref: {
    tenantId: exampleIds.tenant,
    locationId: exampleIds.location,
    sessionId: exampleIds.session,
    correlationId: exampleIds.correlation,
  },
  state: { turns },
});

void describe('VendorFailoverRecorder', () => {
  void it('counts every failover and records those of the session with its turn and time', async () => {
    const clock = new ManualClock();
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const written: [string, VendorFailoverPayload][] = [];
    const recorder = new VendorFailoverRecorder({
      sink: (ref, payload) => {
        written.push([ref.sessionId, payload]);
        return Promise.resolve();
      },
      metrics: new VendorFailoverMetrics(registry),
      secrets: ['el-secret-key-1'],
      clock,
    });
    // A pre-call provider check: no session yet.
    recorder.onFailover(failover('cloud', 'local'));
    clock.advance(5000);
    const call = session(0);
    recorder.attach(call);
    clock.advance(1200);
    recorder.onFailover(failover('cloud', 'local', new UnavailableError('401 el-secret-key-1')));
    call.state.turns = 3;
    clock.advance(800);
    recorder.onFailover(failover('local', undefined));
    await recorder.flush();

    assert.deepEqual(
      written.map(([sessionId, payload]) => [
        sessionId,
        payload.to?.provider ?? null,
        payload.reason,
        payload.error,
        payload.turn,
        payload.elapsed_ms,
      ]),
      [
        [exampleIds.session, 'local', 'error', '401 [redacted]', 0, 1200],
        [exampleIds.session, null, 'first_token_timeout', null, 3, 2000],
      ],
    );
    const metrics = await registry.metrics();
    assert.match(
      metrics,
      /voxeron_vendor_failovers_total\{stage="tts",from="cloud\/m",to="local\/m",reason="first_token_timeout"\} 1/,
    );
    assert.match(
      metrics,
      /voxeron_vendor_failovers_total\{stage="tts",from="local\/m",to="none",reason="first_token_timeout"\} 1/,
    );
  });

  void it('writes one at a time in order, and a failed write is reported, not thrown', async () => {
    const order: string[] = [];
    const problems: string[] = [];
    let release: () => void = () => undefined;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const recorder = new VendorFailoverRecorder({
      sink: async (_ref, payload) => {
        if (order.length === 0) {
          order.push(`start ${payload.from.provider}`);
          await firstWrite;
          throw new Error('database gone');
        }
        order.push(`write ${payload.from.provider}`);
      },
      onRecordError: (error) => problems.push(error instanceof Error ? error.message : 'other'),
    });
    recorder.attach(session(1));
    recorder.onFailover(failover('cloud', 'local'));
    recorder.onFailover(failover('local', 'backup'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, ['start cloud'], 'the second waits for the first');
    release();
    await recorder.flush();
    assert.deepEqual(order, ['start cloud', 'write local']);
    assert.deepEqual(problems, ['database gone']);
  });

  void it('reports a failover it cannot describe in the contract and goes on', async () => {
    const problems: unknown[] = [];
    const written: VendorFailoverPayload[] = [];
    const recorder = new VendorFailoverRecorder({
      sink: (_ref, payload) => {
        written.push(payload);
        return Promise.resolve();
      },
      onRecordError: (error) => problems.push(error),
    });
    recorder.attach(session(0));
    assert.doesNotThrow(() => recorder.onFailover(failover('Not A Vendor Name', 'local')));
    recorder.onFailover(failover('cloud', 'local'));
    await recorder.flush();
    assert.equal(problems.length, 1);
    assert.deepEqual(
      written.map((payload) => payload.from.provider),
      ['cloud'],
    );
  });
});
