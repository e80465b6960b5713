import { describeAsrConformance } from '../../../data/pipeline/asr/testing/index.ts';
import { DeepgramAsrProvider } from './deepgram-asr-provider.ts';
import { startFakeDeepgramServer } from './testing/fake-deepgram-server.ts';

/** 1.5 s of a voiced-sounding tone at 16 kHz: the fake recognises by script, not by sound. */
function speechLikeAudio(sampleRateHz: number, seconds: number): Int16Array {
  const audio = new Int16Array(sampleRateHz * seconds);
  for (let i = 0; i < audio.length; i++) {
    audio[i] = Math.round(4000 * Math.sin((2 * Math.PI * 180 * i) / sampleRateHz));
  }
  return audio;
}

let provider: DeepgramAsrProvider | undefined;

describeAsrConformance(
  'deepgram (local fake server)',
  async () => {
    const said = 'one large pepperoni pizza please';
    const server = await startFakeDeepgramServer({
      apiKey: 'conformance-key',
      utterances: [said, said],
    });
    provider = new DeepgramAsrProvider({ apiKey: 'conformance-key', baseUrl: server.baseUrl });
    return {
      provider,
      speech: {
        pcm16: speechLikeAudio(16000, 1.5),
        sampleRateHz: 16000,
        expectWords: ['large', 'pepperoni'],
      },
      close: () => server.close(),
    };
  },
  { liveHandles: () => provider?.liveStreams ?? 0 },
);
