import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../platform/clock.ts';
import { decodeMulaw, encodeMulaw } from '../audio/g711.ts';
import { sine, soxConvertPcm16, synthesizeSpeech, withTempDir } from '../audio/testing/sox.ts';
import { readWav, writeWav } from '../audio/wav.ts';
import type { TransportEvent } from './audio-transport.ts';
import { FileAudioTransport } from './file-transport.ts';

/** A compact log of events: `audio` frames as `.`, marks as `mark:name:played`. */
function describeEvent(event: TransportEvent): string {
  if (event.type === 'audio') return '.';
  if (event.type === 'mark') return `mark:${event.name}:${event.played}`;
  return event.type;
}

function silentWav(durationMs: number, sampleRateHz = 8000): Uint8Array {
  return writeWav(new Int16Array((sampleRateHz * durationMs) / 1000), sampleRateHz);
}

describe('FileAudioTransport', () => {
  it('emits a μ-law file as 20 ms PCM16 frames, then trailing silence, then closed', async () => {
    const speech = await synthesizeSpeech('one large pepperoni', 8000);
    const wav = await soxConvertPcm16(speech, 8000, ['-t', 'wav', '-e', 'mu-law'], 'caller.wav');
    const transport = FileAudioTransport.fromWav(wav, { realtime: false, trailingSilenceMs: 100 });
    assert.equal(transport.sampleRateHz, 8000);
    const frames: Int16Array[] = [];
    let closed: TransportEvent | undefined;
    for await (const event of transport.events()) {
      if (event.type === 'audio') frames.push(event.pcm16);
      if (event.type === 'closed') closed = event;
    }
    const speechFrames = Math.ceil(speech.length / 160);
    assert.equal(frames.length, speechFrames + 5);
    assert.ok(frames.every((frame) => frame.length === 160));
    const received = new Int16Array(frames.length * 160);
    frames.forEach((frame, i) => received.set(frame, i * 160));
    assert.deepEqual(received.subarray(0, speech.length), decodeMulaw(encodeMulaw(speech)));
    assert.ok(received.subarray(speech.length).every((sample) => sample === 0));
    assert.deepEqual(closed, { type: 'closed', reason: 'input ended' });
  });

  it('converts the file to the transport rate', async () => {
    const transport = FileAudioTransport.fromWav(writeWav(sine(440, 8000, 1000), 8000), {
      sampleRateHz: 16000,
      realtime: false,
      trailingSilenceMs: 0,
    });
    const sizes = new Set<number>();
    let count = 0;
    for await (const event of transport.events()) {
      if (event.type === 'audio') {
        sizes.add(event.pcm16.length);
        count++;
      }
    }
    assert.deepEqual([...sizes], [320]);
    assert.equal(count, 50);
    // A 22.05 kHz file defaults to 16 kHz.
    assert.equal(
      FileAudioTransport.fromWav(writeWav(sine(440, 22050, 100), 22050)).sampleRateHz,
      16000,
    );
  });

  it('echoes a mark once the audio queued before it has been played, one frame per 20 ms', async () => {
    const transport = FileAudioTransport.fromWav(silentWav(1000), { realtime: false });
    transport.play(sine(440, 8000, 50));
    transport.mark('first');
    transport.play(sine(440, 8000, 30));
    transport.mark('second');
    assert.equal(transport.bufferedMs, 80);
    const log: string[] = [];
    const buffered: number[] = [];
    for await (const event of transport.events()) {
      log.push(describeEvent(event));
      if (event.type === 'audio') buffered.push(transport.bufferedMs);
      if (log.length === 8) break;
    }
    // 50 ms needs three frames; 80 ms four.
    assert.deepEqual(log, ['.', '.', '.', 'mark:first:true', '.', 'mark:second:true', '.', '.']);
    // Each frame comes after its 20 ms of playback.
    assert.deepEqual(buffered, [60, 40, 20, 0, 0, 0]);
  });

  it('echoes a mark set with nothing queued at the next frame', async () => {
    const transport = FileAudioTransport.fromWav(silentWav(100), { realtime: false });
    transport.mark('now');
    const log: string[] = [];
    for await (const event of transport.events()) {
      log.push(describeEvent(event));
      if (log.length === 3) break;
    }
    assert.deepEqual(log, ['.', 'mark:now:true', '.']);
  });

  it('clear drops queued audio and returns pending marks unplayed (barge-in)', async () => {
    const transport = FileAudioTransport.fromWav(silentWav(400), {
      realtime: false,
      trailingSilenceMs: 0,
    });
    const tone = sine(440, 8000, 1000);
    transport.play(tone);
    transport.mark('reply-end');
    const log: string[] = [];
    let frames = 0;
    for await (const event of transport.events()) {
      log.push(describeEvent(event));
      if (event.type === 'audio' && ++frames === 2) {
        transport.clear();
        assert.equal(transport.bufferedMs, 0);
      }
    }
    assert.deepEqual(log.slice(0, 4), ['.', '.', 'mark:reply-end:false', '.']);
    assert.equal(log.at(-1), 'closed');
    // The recording holds exactly the 40 ms that were played, then silence.
    const recording = transport.recording();
    assert.equal(recording.length, 20 * 160);
    assert.deepEqual(recording.subarray(0, 320), tone.subarray(0, 320));
    assert.ok(recording.subarray(320).every((sample) => sample === 0));
  });

  it('records the agent track time-aligned with the input and writes it as a WAV', async () => {
    const transport = FileAudioTransport.fromWav(silentWav(600), {
      realtime: false,
      trailingSilenceMs: 200,
    });
    const reply = sine(300, 8000, 100);
    let frames = 0;
    for await (const event of transport.events()) {
      // The agent answers after the caller's tenth frame (200 ms into the call).
      if (event.type === 'audio' && ++frames === 10) transport.play(reply);
    }
    const recording = transport.recording();
    assert.equal(recording.length, (600 + 200) * 8);
    assert.ok(recording.subarray(0, 1600).every((sample) => sample === 0));
    assert.deepEqual(recording.subarray(1600, 2400), reply);
    assert.ok(recording.subarray(2400).every((sample) => sample === 0));
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'agent.wav');
      await transport.writeRecording(file);
      assert.deepEqual(readWav(await readFile(file)), {
        sampleRateHz: 8000,
        encoding: 'pcm16',
        pcm16: recording,
      });
      // The recording can be replayed as a caller.
      const replay = await FileAudioTransport.open(file, { realtime: false });
      assert.equal(replay.inputDurationMs, 800);
    });
  });

  it('paces frames in real time on its clock', async () => {
    const clock = new ManualClock();
    const sleeps: number[] = [];
    const transport = FileAudioTransport.fromWav(silentWav(100), {
      clock,
      trailingSilenceMs: 40,
      sleep: (durationMs) => {
        sleeps.push(durationMs);
        clock.advance(durationMs);
        return Promise.resolve();
      },
    });
    const emittedAtMs: number[] = [];
    for await (const event of transport.events()) {
      if (event.type === 'audio') {
        emittedAtMs.push(clock.monotonicMs());
        clock.advance(3); // the consumer's processing time counts against the next wait
      }
    }
    assert.deepEqual(emittedAtMs, [20, 40, 60, 80, 100, 120, 140]);
    assert.deepEqual(sleeps, [20, 17, 17, 17, 17, 17, 17]);
  });

  it('close ends the stream while waiting, returns pending marks unplayed, and is idempotent', async () => {
    // The caller hangs up while the transport waits for the third frame's time (a sleep that,
    // like the real one, ends only by abort): no further frame comes.
    let waits = 0;
    const transport = FileAudioTransport.fromWav(silentWav(60_000), {
      sleep: (_durationMs, signal) => {
        waits += 1;
        if (waits < 3) return Promise.resolve();
        void transport.close('caller hung up');
        return new Promise((_resolve, reject) => {
          if (signal.aborted) reject(new Error('aborted'));
          else signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        });
      },
    });
    transport.play(sine(440, 8000, 500));
    transport.mark('greeting-end');
    const log: string[] = [];
    for await (const event of transport.events()) log.push(describeEvent(event));
    await transport.close('again');
    assert.deepEqual(log, ['.', '.', 'mark:greeting-end:false', 'closed']);
    transport.play(sine(440, 8000, 100));
    assert.equal(transport.bufferedMs, 0);
    assert.throws(() => transport.events(), /once/);
  });

  it('rejects a file that is not a WAV', () => {
    assert.throws(() => FileAudioTransport.fromWav(new Uint8Array(64)), /not a usable WAV file/);
  });
});
