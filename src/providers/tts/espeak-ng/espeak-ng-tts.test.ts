import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { TtsChunk } from '../../../data/pipeline/tts/tts-provider.ts';
import { describeTtsConformance } from '../../../data/pipeline/tts/testing/index.ts';
import { AbortedError, ConfigError } from '../../../platform/errors.ts';
import { EspeakNgFailedError } from './espeak-ng-errors.ts';
import { EspeakNgTts, type EspeakNgTtsOptions } from './espeak-ng-tts.ts';

/**
 * espeak-ng child processes of this test process, zombies included. Filtered by name because
 * tsx starts an esbuild service process of its own at moments of its choosing.
 */
function childProcessIds(): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parentId = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (parentId === process.pid && name.includes('espeak')) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/** espeak-ng children that were not there before (those may have exited since: that is fine). */
const newChildren = (before: number[]) => childProcessIds().filter((pid) => !before.includes(pid));

const openFileDescriptors = () => readdirSync('/proc/self/fd').length;

async function collect(stream: AsyncIterable<TtsChunk>): Promise<TtsChunk[]> {
  const chunks: TtsChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const sampleCount = (chunks: readonly TtsChunk[]) =>
  chunks.reduce((sum, chunk) => sum + chunk.pcm16.length, 0);

describeTtsConformance(
  'espeak-ng',
  async () => {
    const provider = new EspeakNgTts();
    return { provider, liveHandles: () => provider.activeSyntheses, close: () => provider.close() };
  },
  { languages: ['en-US', 'en-GB', 'nl-NL'] },
);

describe('EspeakNgTts', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'voxeron-espeak-'));
  const providers: EspeakNgTts[] = [];
  /** A provider whose spare processes are killed after the tests. */
  const newTts = (options?: EspeakNgTtsOptions): EspeakNgTts => {
    const tts = new EspeakNgTts(options);
    providers.push(tts);
    return tts;
  };
  after(async () => {
    await Promise.all(providers.map((tts) => tts.close()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('streams a long text in several chunks', async () => {
    const text =
      'Thank you for calling Pizzeria Roma. Your order of one large Margherita and two Cokes ' +
      'comes to twenty-one euros fifty, and it will be ready for pick-up in twenty minutes.';
    const chunks = await collect(
      newTts().synthesize({ text, language: 'en-US', sampleRateHz: 16000 }),
    );
    assert.ok(chunks.length >= 2, `${chunks.length} chunk(s)`);
  });

  it('speaks text that looks like options or shell as plain words', async () => {
    const marker = join(scratch, 'pwned');
    const text = `--version -v nl -w ${marker} $(touch ${marker}) \`touch ${marker}\`; touch ${marker} "quoted" 'single'`;
    const chunks = await collect(
      newTts().synthesize({ text, language: 'en-US', sampleRateHz: 8000 }),
    );
    assert.ok(sampleCount(chunks) / 8000 > 3, 'the text was not spoken');
    assert.equal(existsSync(marker), false);
  });

  it('refuses a voice name that could be read as an option', () => {
    const tts = newTts();
    const stream = tts.synthesize({
      text: 'hello',
      language: 'en-US',
      voice: '--stdin',
      sampleRateHz: 8000,
    });
    return assert.rejects(collect(stream), /not an espeak-ng voice name/);
  });

  it('says which Debian package to install when the binary is missing', async () => {
    const tts = newTts({ binaryPath: join(scratch, 'no-such-espeak') });
    await assert.rejects(
      collect(tts.synthesize({ text: 'hello', language: 'en-US', sampleRateHz: 8000 })),
      (error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /apt-get install espeak-ng/);
        return true;
      },
    );
    assert.equal(tts.runningProcesses, 0);
  });

  it('reports a non-zero exit with espeak-ng’s own message', async () => {
    const tts = newTts();
    const stream = tts.synthesize({
      text: 'hello',
      language: 'en-US',
      voice: 'xx-nosuchvoice',
      sampleRateHz: 8000,
    });
    await assert.rejects(collect(stream), (error) => {
      assert.ok(error instanceof EspeakNgFailedError);
      assert.equal(error.retryable, false);
      assert.match(error.message, /exited with status 1: .*voice does not exist/);
      return true;
    });
  });

  it('kills a process that ignores SIGTERM after the grace period', async () => {
    // A stand-in that writes a WAV header and some audio, then hangs and ignores SIGTERM.
    const stubborn = join(scratch, 'stubborn-espeak');
    writeFileSync(
      stubborn,
      `#!${process.execPath}
process.on('SIGTERM', () => {});
const header = Buffer.alloc(44);
header.write('RIFF', 0); header.writeUInt32LE(0x7ffff024, 4); header.write('WAVEfmt ', 8);
header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
header.writeUInt32LE(22050, 24); header.writeUInt32LE(44100, 28); header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34); header.write('data', 36); header.writeUInt32LE(0x7ffff000, 40);
process.stdout.write(Buffer.concat([header, Buffer.alloc(44100, 1)]));
setInterval(() => {}, 1000);
`,
    );
    chmodSync(stubborn, 0o755);
    const childrenBefore = childProcessIds();
    const tts = newTts({ binaryPath: stubborn, killGraceMs: 50, standby: false });
    const controller = new AbortController();
    const stream = tts.synthesize({
      text: 'hello',
      language: 'en-US',
      sampleRateHz: 8000,
      signal: controller.signal,
    });
    const iterator = stream[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).done, false);
    controller.abort();
    await assert.rejects(iterator.next(), AbortedError);
    assert.equal(tts.runningProcesses, 0);
    assert.deepEqual(newChildren(childrenBefore), []);
  });

  it('leaves no child process or file descriptor behind after 200 aborted syntheses', async () => {
    const descriptorsBefore = openFileDescriptors();
    const childrenBefore = childProcessIds();
    const tts = newTts();
    const text = 'I have one large Margherita and two Cokes for delivery. Is that right? '.repeat(
      4,
    );
    for (let batch = 0; batch < 20; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, index) => {
          const controller = new AbortController();
          const stream = tts.synthesize({
            text,
            language: 'en-US',
            sampleRateHz: 8000,
            signal: controller.signal,
          });
          // Abort before the first chunk, right after it, or a few chunks in.
          const abortAfter = index % 3;
          if (abortAfter === 0) setImmediate(() => controller.abort());
          let seen = 0;
          try {
            for await (const _chunk of stream) {
              seen += 1;
              if (seen >= abortAfter) controller.abort();
            }
          } catch (error) {
            assert.ok(error instanceof AbortedError, String(error));
          }
        }),
      );
    }
    assert.equal(tts.activeSyntheses, 0);
    assert.ok(tts.runningProcesses <= 1, `${tts.runningProcesses} processes: more than the spare`);
    await tts.close();
    assert.equal(tts.runningProcesses, 0);
    assert.deepEqual(newChildren(childrenBefore), []);
    // At most: spares of earlier tests' providers may have been replaced meanwhile.
    assert.ok(openFileDescriptors() <= descriptorsBefore, 'file descriptors leaked');
  });

  it('keeps one spare process per voice that does not hold Node open, and closes it', async () => {
    const childrenBefore = childProcessIds();
    const tts = newTts();
    tts.warmUp('en-US');
    tts.warmUp('en-US');
    tts.warmUp('nl-NL');
    assert.equal(tts.runningProcesses, 2);
    const chunks = await collect(
      tts.synthesize({ text: 'Hello there.', language: 'en-US', sampleRateHz: 8000 }),
    );
    assert.ok(chunks.length > 0);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tts.runningProcesses, 2, 'the spare that was used is replaced');
    await tts.close();
    assert.equal(tts.runningProcesses, 0);
    assert.deepEqual(newChildren(childrenBefore), []);
  });

  it('replaces a spare that died while waiting', async () => {
    const childrenBefore = childProcessIds();
    const tts = newTts();
    tts.warmUp('en-US');
    const [spare, ...others] = newChildren(childrenBefore);
    assert.ok(spare !== undefined && others.length === 0);
    process.kill(spare, 'SIGKILL');
    for (let attempt = 0; attempt < 500 && tts.runningProcesses > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(tts.runningProcesses, 0, 'the dead spare is still counted');
    const chunks = await collect(
      tts.synthesize({ text: 'Still here.', language: 'en-US', sampleRateHz: 8000 }),
    );
    assert.ok(chunks.length > 0);
    await tts.close();
  });
});
