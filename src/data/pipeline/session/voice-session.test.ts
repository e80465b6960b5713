import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetricsRegistry } from '../../../platform/metrics/index.ts';
import { VoiceLatencyMetrics } from '../latency/latency-metrics.ts';
import type { CallerStep } from './testing/timeline-transport.ts';
import { ToneTts } from './testing/tone-tts.ts';
import {
  answerEach,
  committedTexts,
  pickupOrderTurns,
  runVoiceCall,
} from './testing/voice-call-harness.ts';

const order = pickupOrderTurns.map((text) => ({ text }));
/** The caller answers every question before the read-back and then waits for it to start. */
const untilReadBack: CallerStep[] = [...answerEach(order.length - 1), { silenceMs: 2000 }];

describe('voice session', () => {
  it('takes a whole order by voice and ends after the goodbye was played', async () => {
    const { result, frames, asr, tts, transport } = await runVoiceCall({
      script: answerEach(order.length),
      utterances: order,
    });
    assert.equal(result.outcome, 'order_created');
    assert.equal(result.endReason, 'dialogue_ended');
    assert.deepEqual(committedTexts(frames), [...pickupOrderTurns]);
    const order0 = result.callSession?.order?.documents.draft.lines[0];
    assert.equal(order0?.quantity, 2);
    // The goodbye was heard to its end before the line closed.
    const agentText = result.callSession?.transcript.filter((entry) => entry.speaker === 'agent');
    assert.match(agentText?.at(-1)?.text ?? '', /goodbye/i);
    assert.equal(transport.bufferedMs, 0);
    assert.ok((tts as ToneTts).texts.some((text) => /goodbye/i.test(text)));
    // Greeting + a turn per answer, each with a time to first audio.
    assert.equal(result.turns.length, order.length + 1);
    assert.equal(result.turns[0]?.kind, 'greeting');
    for (const turn of result.turns) assert.ok(turn.ttfaMs !== undefined && turn.ttfaMs >= 0);
    assert.equal(asr.openStreams, 0, 'the ASR stream is closed');
    assert.equal((tts as ToneTts).running, 0, 'no synthesis left running');
    assert.equal(result.interruptions, 0);
  });

  it('tells the recogniser what each answer will be, from the question just asked', async () => {
    const { result, asr } = await runVoiceCall({
      script: answerEach(order.length),
      utterances: order,
    });
    assert.equal(result.outcome, 'order_created');
    assert.deepEqual(
      asr.expectations.map((expectation) => expectation.kind),
      ['order', 'more_or_done', 'fulfilment', 'name', 'phone', 'yes_no', 'yes_no', 'free'],
    );
  });

  it('stops the agent when the caller barges in and keeps only what was heard', async () => {
    const { result, frames, transport } = await runVoiceCall({
      script: [...untilReadBack, { speechMs: 800 }, { silenceMs: 3000 }],
      utterances: order,
    });
    assert.equal(result.interruptions, 1);
    assert.ok(frames.some((frame) => frame.kind === 'interruption'));
    assert.ok(transport.log.some((entry) => entry.type === 'clear'));
    const readBack = result.callSession?.transcript.find((entry) => entry.interrupted);
    assert.ok(readBack, 'the read-back is marked interrupted');
    assert.match(readBack.text, /^Let me read that back/);
    assert.doesNotMatch(readBack.text, /Shall I place the order/);
    // The "yes" said over the read-back is the caller's turn: the order is placed.
    assert.equal(committedTexts(frames).at(-1), 'yes');
    assert.equal(result.outcome, 'order_created');
  });

  it('keeps talking through a backchannel ("uh huh")', async () => {
    const { result, frames, transport, asr } = await runVoiceCall({
      script: [...untilReadBack, { speechMs: 600 }, { untilAgentQuietMs: 300 }, { speechMs: 800 }],
      utterances: [...order.slice(0, -1), { text: 'uh huh' }, { text: 'yes' }],
    });
    assert.equal(result.interruptions, 0);
    assert.equal(result.falseInterruptions, 1);
    assert.ok(!transport.log.some((entry) => entry.type === 'clear'));
    assert.ok(!committedTexts(frames).includes('uh huh'));
    assert.equal(asr.flushes, order.length + 1, 'the backchannel was flushed and dropped');
    assert.ok(!result.callSession?.transcript.some((entry) => entry.interrupted));
    assert.equal(result.outcome, 'order_created');
  });

  it('resumes the unplayed remainder after a false barge-in (a cough heard as nothing)', async () => {
    const { result, tts } = await runVoiceCall({
      script: [...untilReadBack, { speechMs: 500 }, { untilAgentQuietMs: 300 }, { speechMs: 800 }],
      utterances: [...order.slice(0, -1), { text: '' }, { text: 'yes' }],
    });
    assert.equal(result.interruptions, 1);
    assert.equal(result.falseInterruptions, 1);
    const texts = (tts as ToneTts).texts;
    const asked = texts.filter((text) => /Shall I place the order/.test(text));
    assert.equal(asked.length, 2, 'the question was cut, then said again');
    assert.ok(!result.callSession?.transcript.some((entry) => entry.interrupted));
    assert.equal(result.outcome, 'order_created');
  });

  it('ignores speech shorter than the barge-in minimum', async () => {
    const { result, transport } = await runVoiceCall({
      script: [...untilReadBack, { speechMs: 200 }, { untilAgentQuietMs: 300 }, { speechMs: 800 }],
      utterances: [...order.slice(0, -1), { text: 'hm' }, { text: 'yes' }],
    });
    assert.equal(result.interruptions, 0);
    assert.ok(!transport.log.some((entry) => entry.type === 'clear'));
    assert.equal(result.outcome, 'order_created');
  });

  it('with barge-in off, caller speech over the agent is not a turn', async () => {
    const { result, frames, asr } = await runVoiceCall({
      // Over the read-back, then once it has ended (it lasts about 7 s here).
      script: [...untilReadBack, { speechMs: 800 }, { silenceMs: 6000 }, { speechMs: 800 }],
      utterances: order,
      runtime: { bargeIn: false },
    });
    assert.equal(result.interruptions, 0);
    assert.equal(asr.flushes, order.length, 'speech over the agent never reached the recogniser');
    assert.deepEqual(committedTexts(frames), [...pickupOrderTurns]);
    assert.equal(result.outcome, 'order_created');
  });

  it('hands silence to the dialogue, which re-prompts and then ends the call', async () => {
    const { result, frames } = await runVoiceCall({
      script: [],
      utterances: [],
      maxCallMs: 60_000,
    });
    const silences = committedTexts(frames).filter((text) => text === '');
    assert.ok(silences.length >= 2, `silence turns: ${silences.length}`);
    assert.equal(result.endReason, 'dialogue_ended');
    assert.ok(result.callSession?.isEnded);
  });

  it('passes DTMF digits as text', async () => {
    const digits = '0612345678'.split('').map((digit) => ({ dtmf: digit }));
    const { result, frames } = await runVoiceCall({
      script: [
        ...answerEach(4),
        { untilAgentQuietMs: 300 },
        ...digits,
        { dtmf: '#' },
        ...answerEach(2),
      ],
      // "yes" to the number read back, then to the order.
      utterances: [...order.slice(0, 4), { text: 'yes' }, { text: 'yes' }],
    });
    assert.ok(committedTexts(frames).includes('0612345678'));
    assert.equal(result.callSession?.state.phone, '+31612345678');
    assert.equal(result.outcome, 'order_created');
  });

  it('escalates with an apology when the recogniser keeps failing', async () => {
    const { result, tts } = await runVoiceCall({
      script: answerEach(4),
      utterances: Array.from({ length: 4 }, () => ({ text: 'pizza', fail: 'error' as const })),
    });
    assert.equal(result.outcome, 'escalated');
    assert.ok(result.failures.some((failure) => failure.startsWith('asr')));
    assert.ok((tts as ToneTts).texts.some((text) => /trouble hearing you/.test(text)));
    assert.equal(result.endReason, 'dialogue_ended');
  });

  it('goes on when the recogniser stalls on one utterance (the caller says it again)', async () => {
    const { result, frames } = await runVoiceCall({
      script: [
        ...answerEach(1),
        { silenceMs: 4000 },
        { speechMs: 800 },
        ...answerEach(order.length - 1),
      ],
      utterances: [{ text: 'two large margherita pizzas', fail: 'stall' as const }, ...order],
    });
    assert.ok(result.failures.some((failure) => /no final/.test(failure)));
    assert.deepEqual(committedTexts(frames), [...pickupOrderTurns]);
    assert.equal(result.outcome, 'order_created');
  });

  it('never hangs when synthesis fails for good', async () => {
    const tts = new ToneTts({ failOn: (index) => (index >= 1 ? 'error' : undefined) });
    const { result } = await runVoiceCall({ script: answerEach(2), utterances: order, tts });
    assert.equal(result.outcome, 'escalated');
    assert.ok(result.failures.some((failure) => failure.startsWith('tts')));
    assert.equal(tts.running, 0);
  });

  it('apologises and escalates when the VAD cannot load', async () => {
    const { result, tts } = await runVoiceCall({
      script: answerEach(1),
      utterances: order,
      session: { vad: () => Promise.reject(new Error('no model')) },
    });
    assert.equal(result.outcome, 'escalated');
    assert.ok(result.failures.some((failure) => failure.startsWith('vad')));
    assert.ok((tts as ToneTts).texts.some((text) => /technical trouble/.test(text)));
  });

  it('survives garbage audio: noise, clipping, odd frame sizes', async () => {
    const noise = new Int16Array(8000);
    for (let k = 0; k < noise.length; k++) noise[k] = ((k * 7919) % 65536) - 32768;
    const clipped = new Int16Array(4000).fill(32767);
    const { result } = await runVoiceCall({
      script: [{ pcm16: noise }, { pcm16: clipped }, { silenceMs: 1000 }, { hangUp: true }],
      utterances: [{ text: '', fail: 'garbage' }],
    });
    assert.equal(result.endReason, 'transport_closed');
    assert.equal(result.outcome, 'caller_hung_up');
  });

  it('exports each turn to the Prometheus latency histograms', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    await runVoiceCall({
      script: answerEach(order.length),
      utterances: order,
      session: { metrics: new VoiceLatencyMetrics(registry) },
    });
    const text = await registry.metrics();
    assert.match(
      text,
      new RegExp(`voxeron_voice_ttfa_seconds_count\\{kind="speech"\\} ${order.length}`),
    );
    assert.match(text, /voxeron_voice_ttfa_seconds_count\{kind="greeting"\} 1/);
    assert.match(
      text,
      new RegExp(
        `voxeron_voice_platform_overhead_seconds_count\\{kind="speech"\\} ${order.length}`,
      ),
    );
  });

  it('stops at once when its signal aborts, releasing the streams', async () => {
    const controller = new AbortController();
    let frames = 0;
    const { result, asr, tts } = await runVoiceCall({
      script: answerEach(order.length),
      utterances: order,
      tick: () => {
        if (++frames === 150) controller.abort();
        return new Promise((resolve) => setImmediate(resolve));
      },
      session: { signal: controller.signal },
    });
    assert.equal(result.endReason, 'aborted');
    assert.equal(result.outcome, 'caller_hung_up');
    assert.equal(asr.openStreams, 0);
    assert.equal((tts as ToneTts).running, 0);
  });

  it('hangs up cleanly when the caller hangs up mid-reply', async () => {
    const { result, asr, tts } = await runVoiceCall({
      script: [...answerEach(1), { silenceMs: 600 }, { hangUp: true }],
      utterances: order,
    });
    assert.equal(result.endReason, 'transport_closed');
    assert.equal(result.outcome, 'caller_hung_up');
    assert.equal(asr.openStreams, 0);
    assert.equal((tts as ToneTts).running, 0);
  });
});
