import { describeTtsConformance } from '../../../data/pipeline/tts/testing/index.ts';
import { ElevenLabsTtsProvider } from './elevenlabs-tts-provider.ts';
import { startFakeElevenLabsServer } from './testing/fake-elevenlabs-server.ts';

describeTtsConformance('elevenlabs (local fake server)', async () => {
  const server = await startFakeElevenLabsServer({ apiKey: 'conformance-key' });
  const provider = new ElevenLabsTtsProvider({
    apiKey: 'conformance-key',
    baseUrl: server.baseUrl,
    languages: ['en-US', 'nl-NL'],
  });
  return {
    provider,
    // Requests the fake server still has open: an aborted synthesis must cancel its request.
    liveHandles: () => server.openResponses(),
    close: () => server.close(),
  };
});
