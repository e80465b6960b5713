import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../platform/errors.ts';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from './g711.ts';
import {
  pcm16FromBytes,
  rawPcm16Args,
  sox,
  soxConvertPcm16,
  synthesizeSpeech,
  withTempDir,
} from './testing/sox.ts';
import { readWav, writeWav } from './wav.ts';

describe('readWav', () => {
  it('reads a PCM16 WAV that sox wrote', async () => {
    const speech = await synthesizeSpeech('hello, is this the pizza place?', 8000);
    const wav = await soxConvertPcm16(
      speech,
      8000,
      ['-t', 'wav', '-e', 'signed-integer', '-b', '16'],
      'x.wav',
    );
    const decoded = readWav(wav);
    assert.equal(decoded.sampleRateHz, 8000);
    assert.equal(decoded.encoding, 'pcm16');
    assert.deepEqual(decoded.pcm16, speech);
  });

  for (const [encoding, soxEncoding, encode, decode] of [
    ['mulaw', 'mu-law', encodeMulaw, decodeMulaw],
    ['alaw', 'a-law', encodeAlaw, decodeAlaw],
  ] as const) {
    it(`decodes a ${encoding} WAV that sox wrote to PCM16`, async () => {
      const speech = await synthesizeSpeech('one large pepperoni', 8000);
      const wav = await soxConvertPcm16(
        speech,
        8000,
        ['-t', 'wav', '-e', soxEncoding, '-b', '8'],
        'x.wav',
      );
      const decoded = readWav(wav);
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.sampleRateHz, 8000);
      assert.deepEqual(decoded.pcm16, decode(encode(speech)));
    });
  }

  it('down-mixes a stereo file to mono', async () => {
    const decoded = await withTempDir(async (dir) => {
      const left = path.join(dir, 'left.raw');
      await writeFile(left, new Uint8Array(new Int16Array([1000, -2000, 3000, 400]).buffer));
      const stereo = path.join(dir, 'stereo.wav');
      // Left channel = the samples, right channel = silence.
      await sox([...rawPcm16Args(16000), left, '-t', 'wav', '-c', '2', stereo, 'remix', '1', '0']);
      return readWav(await readFile(stereo));
    });
    assert.equal(decoded.sampleRateHz, 16000);
    assert.deepEqual(decoded.pcm16, new Int16Array([500, -1000, 1500, 200]));
  });

  it('reads 24-bit and float WAVs as PCM16', async () => {
    const speech = await synthesizeSpeech('thank you', 16000);
    for (const args of [
      ['-e', 'signed-integer', '-b', '24'],
      ['-e', 'floating-point', '-b', '32'],
    ]) {
      const wav = await soxConvertPcm16(speech, 16000, ['-t', 'wav', ...args], 'x.wav');
      const decoded = readWav(wav);
      assert.equal(decoded.pcm16.length, speech.length);
      const maxError = decoded.pcm16.reduce(
        (max, v, i) => Math.max(max, Math.abs(v - (speech[i] as number))),
        0,
      );
      assert.ok(maxError <= 1, `${args.join(' ')}: max error ${maxError}`);
    }
  });

  it('rejects a truncated file, naming the problem', async () => {
    const speech = await synthesizeSpeech('hello', 8000);
    const wav = await soxConvertPcm16(speech, 8000, ['-t', 'wav'], 'x.wav');
    assert.throws(
      () => readWav(wav.subarray(0, wav.length - 100)),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, /truncated/);
        return true;
      },
    );
    assert.throws(() => readWav(wav.subarray(0, 30)), /truncated/);
  });

  it('rejects files that are not WAV or use an unsupported layout', async () => {
    assert.throws(
      () => readWav(new TextEncoder().encode('ID3 this is an mp3')),
      /no RIFF\/WAVE header/,
    );
    const threeChannels = await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'in.raw'), new Uint8Array(600));
      await sox([
        ...rawPcm16Args(8000),
        path.join(dir, 'in.raw'),
        '-t',
        'wav',
        '-c',
        '3',
        path.join(dir, 'x.wav'),
      ]);
      return readFile(path.join(dir, 'x.wav'));
    });
    assert.throws(() => readWav(threeChannels), /3 channels/);
    const adpcm = await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'in.raw'), new Uint8Array(1600));
      await sox([
        ...rawPcm16Args(8000),
        path.join(dir, 'in.raw'),
        '-t',
        'wav',
        '-e',
        'ima-adpcm',
        path.join(dir, 'x.wav'),
      ]);
      return readFile(path.join(dir, 'x.wav'));
    });
    assert.throws(() => readWav(adpcm), /unsupported encoding/);
  });
});

describe('writeWav', () => {
  for (const [encoding, soxName] of [
    ['pcm16', 'Signed Integer PCM'],
    ['mulaw', 'u-law'],
    ['alaw', 'A-law'],
  ] as const) {
    it(`writes a ${encoding} WAV that sox reads back to the same samples`, async () => {
      const speech = await synthesizeSpeech('your order will be ready in twenty minutes', 8000);
      const wav = writeWav(speech, 8000, encoding);
      const { info, samples } = await withTempDir(async (dir) => {
        const file = path.join(dir, 'x.wav');
        await writeFile(file, wav);
        const raw = path.join(dir, 'x.raw');
        await sox([file, ...rawPcm16Args(8000), raw]);
        const soxInfo = await new Promise<string>((resolve, reject) =>
          execFile('soxi', [file], (error, stdout) => (error ? reject(error) : resolve(stdout))),
        );
        return { info: soxInfo, samples: pcm16FromBytes(await readFile(raw)) };
      });
      assert.match(info, /Sample Rate\s*:\s*8000/);
      assert.match(info, new RegExp(`Sample Encoding\\s*:.*${soxName}`));
      const expected = encoding === 'pcm16' ? speech : readWav(wav).pcm16;
      assert.deepEqual(samples, expected);
    });
  }

  it('round-trips through readWav at 16 kHz, odd length included', () => {
    const pcm16 = new Int16Array([0, 1, -1, 32767, -32768]);
    const decoded = readWav(writeWav(pcm16, 16000));
    assert.deepEqual(decoded, { sampleRateHz: 16000, encoding: 'pcm16', pcm16 });
    const mulaw = readWav(writeWav(pcm16, 8000, 'mulaw'));
    assert.equal(mulaw.encoding, 'mulaw');
    assert.equal(mulaw.pcm16.length, 5);
  });
});
