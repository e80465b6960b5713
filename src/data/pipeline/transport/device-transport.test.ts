import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../platform/clock.ts';
import { AbortedError } from '../../../platform/errors.ts';
import { concatPcm16, rawPcm16Args, sine, withTempDir } from '../audio/testing/sox.ts';
import { readWav, writeWav } from '../audio/wav.ts';
import type { TransportEvent } from './audio-transport.ts';
import { PacedPlayback } from './device-transport-playback.ts';
import {
  DeviceAudioTransport,
  isAudioDeviceUnavailable,
  type AudioCommand,
  type DeviceTransportOptions,
} from './device-transport.ts';

const rateHz = 8000;

/** sox reading `file` as fast as it can: a recorder whose "microphone" is a file. */
function fileCapture(file: string): AudioCommand {
  return ['sox', '-D', file, ...rawPcm16Args(rateHz), '-'];
}

/** A recorder that delivers two frames of silence, then stays open without a sound. */
const quietCapture: AudioCommand = ['sh', '-c', 'head -c 640 /dev/zero && exec sleep 60'];

/** sox writing what it is played to `file` as a WAV (on end of input). */
function filePlayback(file: string): AudioCommand {
  return ['sox', '-D', ...rawPcm16Args(rateHz), '-', file];
}

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command lines of this process's children that these tests spawn (not tsx's esbuild). */
function ownChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((line) => /^(sox|sleep|sh) /.test(line));
}

function assertStopped(transport: DeviceAudioTransport): void {
  const { capture, playback } = transport.processIds;
  assert.equal(isRunning(capture), false, `capture process ${capture} still running`);
  assert.equal(isRunning(playback), false, `playback process ${playback} still running`);
}

/** Events until (and with) the one `until` accepts; `closed` always ends the wait. */
async function collect(
  events: AsyncIterator<TransportEvent>,
  until: (event: TransportEvent) => boolean,
): Promise<TransportEvent[]> {
  const seen: TransportEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return seen;
    seen.push(next.value);
    if (until(next.value) || next.value.type === 'closed') return seen;
  }
}

function markLog(events: readonly TransportEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'mark' ? [`${event.name}:${event.played}`] : [],
  );
}

function options(overrides: DeviceTransportOptions): DeviceTransportOptions {
  return { sampleRateHz: rateHz, stopGraceMs: 500, ...overrides };
}

describe('DeviceAudioTransport', { timeout: 30_000 }, () => {
  it('cuts the recorder output into exact 20 ms frames, then closes when it ends', async () => {
    await withTempDir(async (dir) => {
      const caller = concatPcm16([sine(440, rateHz, 700), sine(660, rateHz, 300, 0.3)]);
      const callerFile = path.join(dir, 'caller.wav');
      await writeFile(callerFile, writeWav(caller, rateHz));
      const transport = await DeviceAudioTransport.start(
        options({
          captureCommand: fileCapture(callerFile),
          playbackCommand: filePlayback(path.join(dir, 'agent.wav')),
        }),
      );
      const frames: Int16Array[] = [];
      let closed: TransportEvent | undefined;
      for await (const event of transport.events()) {
        if (event.type === 'audio') frames.push(event.pcm16);
        if (event.type === 'closed') closed = event;
      }
      assert.ok(frames.every((frame) => frame.length === 160));
      assert.equal(frames.length, 50);
      assert.deepEqual(concatPcm16(frames), caller);
      assert.equal(closed?.type, 'closed');
      assert.match(closed.reason, /^capture command `sox -D .*caller\.wav.*` ended$/);
      await transport.close();
      assertStopped(transport);
    });
  });

  it('plays queued audio in real time and echoes marks in order once it has played', async () => {
    await withTempDir(async (dir) => {
      const agentFile = path.join(dir, 'agent.wav');
      const transport = await DeviceAudioTransport.start(
        options({ captureCommand: quietCapture, playbackCommand: filePlayback(agentFile) }),
      );
      try {
        const events = transport.events()[Symbol.asyncIterator]();
        const first = sine(440, rateHz, 300);
        const second = sine(330, rateHz, 200);
        transport.mark('before');
        const startedAtMs = performance.now();
        transport.play(first);
        transport.mark('first');
        transport.play(second);
        transport.mark('second');
        // All 500 ms queued, less what the clock has already played (a loaded machine pauses).
        const buffered = transport.bufferedMs;
        const elapsedMs = performance.now() - startedAtMs;
        assert.ok(buffered <= 501 && buffered >= 500 - elapsedMs - 1, `bufferedMs ${buffered}`);
        const arrivedAtMs: Record<string, number> = {};
        const seen = await collect(events, (event) => {
          if (event.type === 'mark') arrivedAtMs[event.name] = performance.now() - startedAtMs;
          return event.type === 'mark' && event.name === 'second';
        });
        assert.deepEqual(markLog(seen), ['before:true', 'first:true', 'second:true']);
        // Paced, not written at once: a mark comes only when the audio before it has had its time.
        assert.ok(arrivedAtMs.first! >= 290, `first after ${arrivedAtMs.first} ms`);
        assert.ok(arrivedAtMs.second! >= 490, `second after ${arrivedAtMs.second} ms`);
        assert.ok(transport.bufferedMs < 1);
      } finally {
        // Also on a failed assertion: a leftover player would fail the next tests' process checks.
        await transport.close('test over');
      }
      assert.deepEqual(
        readWav(await readFile(agentFile)).pcm16,
        concatPcm16([sine(440, rateHz, 300), sine(330, rateHz, 200)]),
      );
      assertStopped(transport);
    });
  });

  it('clear drops what is not yet written; pending marks come back unplayed (barge-in)', async () => {
    await withTempDir(async (dir) => {
      const agentFile = path.join(dir, 'agent.wav');
      const leadMs = 100;
      const transport = await DeviceAudioTransport.start(
        options({
          captureCommand: quietCapture,
          playbackCommand: filePlayback(agentFile),
          playbackLeadMs: leadMs,
        }),
      );
      const events = transport.events()[Symbol.asyncIterator]();
      const reply = sine(440, rateHz, 3000);
      transport.play(reply.subarray(0, 1600));
      transport.mark('sentence-1');
      transport.play(reply.subarray(1600));
      transport.mark('sentence-2');
      const firstMark = await collect(events, (event) => event.type === 'mark');
      assert.deepEqual(markLog(firstMark), ['sentence-1:true']);
      transport.clear();
      // What is left is what the player already holds: at most the lead.
      assert.ok(transport.bufferedMs <= leadMs + 1, `bufferedMs ${transport.bufferedMs}`);
      const cleared = await collect(events, (event) => event.type === 'mark');
      assert.deepEqual(markLog(cleared), ['sentence-2:false']);
      await transport.close();
      const played = readWav(await readFile(agentFile)).pcm16;
      // 200 ms before the first mark, the lead after it, and slack for a late timer on a busy
      // machine: far less than the 3 s queued.
      assert.ok(played.length >= 1600, `played ${played.length} samples`);
      assert.ok(played.length <= 1600 + ((leadMs + 1000) * rateHz) / 1000);
      assert.deepEqual(played, reply.subarray(0, played.length));
      assertStopped(transport);
    });
  });

  it('says which command failed when the recorder cannot be started', async () => {
    await withTempDir(async (dir) => {
      const transport = new DeviceAudioTransport(
        options({
          captureCommand: ['/nonexistent/rec', '-q', '-'],
          playbackCommand: filePlayback(path.join(dir, 'agent.wav')),
        }),
      );
      const seen = await collect(transport.events()[Symbol.asyncIterator](), () => false);
      assert.equal(seen.length, 1);
      assert.match(
        (seen[0] as { reason: string }).reason,
        /^capture command `\/nonexistent\/rec -q -` could not be started \(.*ENOENT\)$/,
      );
      await transport.close();
      assertStopped(transport);

      await assert.rejects(
        DeviceAudioTransport.start(
          options({
            captureCommand: ['/nonexistent/rec'],
            playbackCommand: filePlayback(path.join(dir, 'agent2.wav')),
          }),
        ),
        (error) => isAudioDeviceUnavailable(error) && /could not be started/.test(error.message),
      );
      assert.deepEqual(ownChildren(), []);
    });
  });

  it('ends the call with the stderr of a recorder that exits with an error', async () => {
    await withTempDir(async (dir) => {
      const failing = {
        captureCommand: fileCapture(path.join(dir, 'missing.wav')),
        playbackCommand: filePlayback(path.join(dir, 'agent.wav')),
      };
      const transport = new DeviceAudioTransport(options(failing));
      const seen = await collect(transport.events()[Symbol.asyncIterator](), () => false);
      assert.equal(seen.at(-1)?.type, 'closed');
      assert.match(
        (seen.at(-1) as { reason: string }).reason,
        /^capture command `sox -D .*missing\.wav.*` exited with code 2: .*can't open input file/,
      );
      await transport.close();
      assertStopped(transport);

      let failed: unknown;
      const started = performance.now();
      await DeviceAudioTransport.start(options(failing)).catch((error: unknown) => {
        failed = error;
      });
      assert.ok(isAudioDeviceUnavailable(failed));
      assert.match(failed.message, /exited with code 2: .*can't open input file/);
      assert.ok(performance.now() - started < 3000);
    });
  });

  it('ends the call when the player fails', async () => {
    await withTempDir(async (dir) => {
      const transport = new DeviceAudioTransport(
        options({
          captureCommand: quietCapture,
          playbackCommand: filePlayback(path.join(dir, 'no-such-dir', 'agent.wav')),
        }),
      );
      const events = transport.events()[Symbol.asyncIterator]();
      transport.play(sine(440, rateHz, 1000));
      transport.mark('reply');
      const seen = await collect(events, () => false);
      assert.deepEqual(markLog(seen), ['reply:false']);
      assert.match(
        (seen.at(-1) as { reason: string }).reason,
        /^playback command `sox -D .*agent\.wav` exited with code 2: /,
      );
      await transport.close();
      assertStopped(transport);
    });
  });

  it('start gives up on a recorder that stays silent, and on an abort', async () => {
    await withTempDir(async (dir) => {
      const silent = {
        captureCommand: ['sleep', '60'] as const,
        playbackCommand: filePlayback(path.join(dir, 'agent.wav')),
      };
      await assert.rejects(
        DeviceAudioTransport.start(options({ ...silent, startTimeoutMs: 300 })),
        (error) =>
          isAudioDeviceUnavailable(error) &&
          /^capture command `sleep 60` delivered no audio within 300 ms$/.test(error.message),
      );
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      await assert.rejects(
        DeviceAudioTransport.start(options(silent), abort.signal),
        (error) => error instanceof AbortedError,
      );
      // A start that failed leaves no child behind.
      assert.deepEqual(ownChildren(), []);
    });
  });

  it('close stops both children, even a player that ignores the end of its input', async () => {
    const transport = await DeviceAudioTransport.start(
      options({ captureCommand: quietCapture, playbackCommand: ['sleep', '60'], stopGraceMs: 200 }),
    );
    const { capture, playback } = transport.processIds;
    assert.ok(isRunning(capture) && isRunning(playback));
    transport.play(sine(440, rateHz, 2000));
    transport.mark('greeting');
    const closing = transport.close('caller hung up');
    await transport.close('again');
    await closing;
    assertStopped(transport);
    const seen = await collect(transport.events()[Symbol.asyncIterator](), () => false);
    assert.deepEqual(
      seen.filter((event) => event.type !== 'audio'),
      [
        { type: 'mark', name: 'greeting', played: false },
        { type: 'closed', reason: 'caller hung up' },
      ],
    );
    transport.play(sine(440, rateHz, 100));
    assert.equal(transport.bufferedMs, 0);
    assert.throws(() => transport.events(), /once/);
  });
});

describe('PacedPlayback', () => {
  it('writes at most the lead ahead of the clock, and marks when their audio has played', async () => {
    const clock = new ManualClock();
    const written: number[] = [];
    const marks: string[] = [];
    const playback = new PacedPlayback({
      sampleRateHz: rateHz,
      leadMs: 150,
      clock,
      write: (pcm16) => written.push(pcm16.length),
      onMark: (name, played) => marks.push(`${name}:${played}`),
    });
    const nextPump = () => new Promise((resolve) => setTimeout(resolve, 30));
    try {
      playback.play(sine(440, rateHz, 400));
      playback.mark('reply');
      assert.deepEqual(written, [1200]); // 150 ms
      assert.equal(playback.bufferedMs, 400);
      for (const stepMs of [50, 100, 100]) {
        clock.advance(stepMs);
        await nextPump();
      }
      // As the clock moved, as much more: 50 ms, 100 ms, then the last 100 ms (ends at 400 ms).
      assert.deepEqual(written, [1200, 400, 800, 800]);
      assert.equal(playback.bufferedMs, 150);
      clock.advance(100);
      await nextPump();
      assert.deepEqual(marks, []);
      clock.advance(50);
      await nextPump();
      assert.deepEqual(marks, ['reply:true']);
      assert.equal(playback.bufferedMs, 0);
      // After a silence the player starts again from the clock, not from where it ran dry.
      clock.advance(1000);
      playback.play(sine(440, rateHz, 100));
      playback.mark('short');
      assert.equal(playback.bufferedMs, 100);
    } finally {
      playback.stop();
    }
    assert.deepEqual(marks, ['reply:true', 'short:false']);
    assert.equal(playback.bufferedMs, 0);
  });
});
