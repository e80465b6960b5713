/**
 * The audio half of a call without providers: a caller's μ-law file through the file transport,
 * the Silero segmenter and the turn detector, with the words each utterance contains handed to
 * the detector as a scripted recogniser would. Turns must come out where the caller finished.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  concatPcm16,
  mixPcm16,
  silence,
  soxConvertPcm16,
  synthesizeSpeech,
  whiteNoise,
} from '../audio/testing/sox.ts';
import { FileAudioTransport } from '../transport/file-transport.ts';
import { TurnDetector, type TurnCommit } from '../turn/turn-detector.ts';
import { createSpeechSegmenter } from './speech-segmenter.ts';

describe('VAD and turn detection on a caller file', () => {
  it('commits each of the caller’s turns once, joining a phone number said in two parts', async () => {
    const utterances = [
      'two large pepperoni pizzas',
      'my number is five five five one two',
      'three four five six seven',
      'yes',
    ];
    const pausesMs = [1500, 700, 2000, 1500];
    const parts: Int16Array[] = [silence(500, 8000)];
    for (const [i, text] of utterances.entries()) {
      parts.push(await synthesizeSpeech(text, 8000), silence(pausesMs[i] as number, 8000));
    }
    const clean = concatPcm16(parts);
    const noisy = mixPcm16(clean, await whiteNoise((clean.length * 1000) / 8000, 8000, 0.01));
    const wav = await soxConvertPcm16(noisy, 8000, ['-t', 'wav', '-e', 'mu-law'], 'caller.wav');

    const transport = FileAudioTransport.fromWav(wav, { realtime: false, trailingSilenceMs: 500 });
    const segmenter = await createSpeechSegmenter({ sampleRateHz: 8000 });
    const detector = new TurnDetector();
    const commits: (TurnCommit & { atMs: number })[] = [];
    let mediaMs = 0;
    let spoken = 0;
    for await (const event of transport.events()) {
      if (event.type !== 'audio') continue;
      for (const vad of segmenter.push(event.pcm16, mediaMs)) {
        if (vad.type === 'speech_start') detector.speechStarted(vad.atMs);
        else {
          // A scripted recogniser: the final for each utterance arrives at the VAD's end.
          detector.transcript(utterances[spoken++] ?? '', true, vad.emittedAtMs);
          detector.speechEnded(vad.atMs);
        }
      }
      mediaMs += 20;
      const commit = detector.due(mediaMs);
      if (commit) commits.push({ ...commit, atMs: mediaMs });
    }
    segmenter.close();

    assert.equal(spoken, 4, 'four utterances heard');
    assert.deepEqual(
      commits.map(({ text, reason }) => ({ text, reason })),
      [
        { text: 'two large pepperoni pizzas', reason: 'silence' },
        { text: 'my number is five five five one two three four five six seven', reason: 'early' },
        { text: 'yes', reason: 'early' },
      ],
    );
    for (const commit of commits) {
      const silenceMs = commit.atMs - commit.speechEndedAtMs;
      // Early commits happen as soon as the VAD is sure (its 300 ms hangover); others at 700 ms.
      assert.ok(
        silenceMs <= (commit.reason === 'early' ? 340 : 720),
        `${commit.text}: ${silenceMs} ms`,
      );
    }
  });
});
