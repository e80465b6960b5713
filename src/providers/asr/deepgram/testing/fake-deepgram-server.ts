/**
 * A local server that speaks Deepgram's live-streaming protocol (`/v1/listen`), for tests and
 * demos without a Deepgram account. It checks the `Authorization: Token` header and the query
 * parameters like the vendor, answers raw PCM16 audio with interim then final `Results` from a
 * script of utterances, implements `KeepAlive`, `Finalize` and `CloseStream`, closes idle streams
 * with 1011 `NET-0001`, and can refuse the upgrade (401/402/429/5xx with `dg-error`), reject the
 * audio (1008 `DATA-0000`), drop the connection mid-stream or send garbage.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface FakeDeepgramOptions {
  /** The key the server accepts. @default 'fake-deepgram-key' */
  apiKey?: string;
  /**
   * What the caller "says", one entry per utterance (one per flush). An utterance is a string or
   * its segments: Deepgram finalises long utterances in segments (`is_final` + `speech_final`).
   */
  utterances?: readonly (string | readonly string[])[];
  /** Audio (ms) per recognised word: each reveals one more word as an interim result. @default 100 */
  audioMsPerWord?: number;
  /** No audio or KeepAlive for this long → close 1011 `NET-0001`. @default 10000 */
  idleTimeoutMs?: number;
  /** Refuse every upgrade with this status (and `Retry-After` seconds for 429). */
  refuseUpgrade?: { status: number; retryAfterSeconds?: number };
  /** Close 1008 `DATA-0000` on the first audio frame, as for audio Deepgram cannot decode. */
  rejectAudio?: boolean;
  /** After this much audio, drop the stream: a close `code`, or a TCP reset without one. */
  dropAfterAudioMs?: { afterMs: number; code?: number; reason?: string };
  /** Never answer Finalize, as Deepgram does when it judged nothing was left to finalise. */
  ignoreFinalize?: boolean;
  /** Never close after CloseStream (a stuck vendor): the client must bound its wait. */
  ignoreCloseStream?: boolean;
  /** After this much audio, send a frame that is not JSON (`'text'`) or a malformed Results. */
  garbageAfterAudioMs?: { afterMs: number; kind: 'text' | 'malformed-results' };
}

/** What one client connection did, for assertions. */
export interface FakeDeepgramConnection {
  params: URLSearchParams;
  audioFrames: number;
  audioBytes: number;
  emptyFrames: number;
  keepAlives: number;
  finalizes: number;
  closeStreams: number;
  /** Text frames the server did not understand. */
  unknownMessages: string[];
  /** Resolves with the close code once the connection is gone (1006 when the client dropped it). */
  closed: Promise<{ code: number; reason: string }>;
}

export interface FakeDeepgramServer {
  /** `ws://127.0.0.1:<port>`, to pass as the adapter's `baseUrl`. */
  baseUrl: string;
  connections: FakeDeepgramConnection[];
  /** Upgrade attempts, including refused ones. */
  upgradeAttempts: number;
  close(): Promise<void>;
}

const supportedEncodings = new Set(['linear16', 'mulaw', 'alaw', 'opus', 'flac']);

export async function startFakeDeepgramServer(
  options: FakeDeepgramOptions = {},
): Promise<FakeDeepgramServer> {
  const apiKey = options.apiKey ?? 'fake-deepgram-key';
  const http: Server = createServer((_request, response) => {
    response.writeHead(426).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const server: FakeDeepgramServer = {
    baseUrl: '',
    connections: [],
    upgradeAttempts: 0,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      http.closeAllConnections();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    server.upgradeAttempts += 1;
    const url = new URL(request.url ?? '/', 'http://fake');
    const refusal = refuseReason(url, request, apiKey, options);
    if (refusal) {
      refuse(socket, refusal.status, refusal.error, refusal.retryAfterSeconds);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      server.connections.push(runConnection(ws, url.searchParams, options));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  server.baseUrl = `ws://127.0.0.1:${address.port}`;
  return server;
}

function refuseReason(
  url: URL,
  request: IncomingMessage,
  apiKey: string,
  options: FakeDeepgramOptions,
): { status: number; error: string; retryAfterSeconds?: number } | undefined {
  if (url.pathname !== '/v1/listen') return { status: 404, error: 'Not found.' };
  if (request.headers.authorization !== `Token ${apiKey}`) {
    return { status: 401, error: 'Invalid credentials.' };
  }
  if (options.refuseUpgrade) {
    const { status, retryAfterSeconds } = options.refuseUpgrade;
    const error =
      status === 402
        ? 'Project does not have enough credits for an API request.'
        : status === 429
          ? 'Too many requests. Please try again later.'
          : 'Internal server error.';
    return { status, error, retryAfterSeconds };
  }
  const params = url.searchParams;
  const encoding = params.get('encoding');
  if (encoding !== null && !supportedEncodings.has(encoding)) {
    return { status: 400, error: `Unsupported encoding: ${encoding}` };
  }
  // Raw (headerless) audio cannot be decoded without its rate.
  if (encoding !== null && !/^\d+$/.test(params.get('sample_rate') ?? '')) {
    return { status: 400, error: 'sample_rate is required when encoding is set.' };
  }
  const channels = params.get('channels');
  if (channels !== null && !/^[1-9]\d*$/.test(channels)) {
    return { status: 400, error: 'channels must be a positive integer.' };
  }
  for (const flag of ['interim_results', 'smart_format', 'vad_events']) {
    const value = params.get(flag);
    if (value !== null && value !== 'true' && value !== 'false') {
      return { status: 400, error: `${flag} must be true or false.` };
    }
  }
  if (params.has('keyterm') && !(params.get('model') ?? '').startsWith('nova-3')) {
    return { status: 400, error: 'Keyterm Prompting is only available with Nova-3.' };
  }
  return undefined;
}

function refuse(socket: Duplex, status: number, error: string, retryAfterSeconds?: number): void {
  const requestId = randomUUID();
  const body = JSON.stringify({
    err_code: `HTTP_${status}`,
    err_msg: error,
    request_id: requestId,
  });
  const headers = [
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `dg-error: ${error}`,
    `dg-request-id: ${requestId}`,
    ...(retryAfterSeconds === undefined ? [] : [`Retry-After: ${retryAfterSeconds}`]),
    'Connection: close',
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}

function runConnection(
  ws: WebSocket,
  params: URLSearchParams,
  options: FakeDeepgramOptions,
): FakeDeepgramConnection {
  const requestId = randomUUID();
  const sampleRateHz = Number(params.get('sample_rate') ?? 16000);
  const audioMsPerWord = options.audioMsPerWord ?? 100;
  const utterances = (options.utterances ?? []).map((utterance) =>
    (typeof utterance === 'string' ? [utterance] : [...utterance]).map((segment) =>
      segment.split(/\s+/).filter(Boolean),
    ),
  );
  const record: FakeDeepgramConnection = {
    params,
    audioFrames: 0,
    audioBytes: 0,
    emptyFrames: 0,
    keepAlives: 0,
    finalizes: 0,
    closeStreams: 0,
    unknownMessages: [],
    closed: new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
  };

  // Position in the script: utterance, segment within it, words of that segment revealed.
  let utteranceIndex = 0;
  let segmentIndex = 0;
  let wordsRevealed = 0;
  let audioMsInUtterance = 0;
  let audioMsTotal = 0;
  let streamOffsetSeconds = 0;
  let dropped = false;
  let garbageSent = false;

  const idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
  const idleTimer = setTimeout(() => {
    ws.close(1011, 'NET-0001');
  }, idleTimeoutMs);
  ws.once('close', () => clearTimeout(idleTimer));

  const currentSegments = () => utterances[utteranceIndex] ?? [];
  const sendResults = (
    words: string[],
    isFinal: boolean,
    speechFinal: boolean,
    fromFinalize: boolean,
  ) => {
    const durationSeconds = Math.max(audioMsInUtterance / 1000, 0.02);
    const message = {
      type: 'Results',
      channel_index: [0, 1],
      duration: durationSeconds,
      start: streamOffsetSeconds,
      is_final: isFinal,
      speech_final: speechFinal,
      channel: {
        alternatives: [
          {
            transcript: words.join(' '),
            confidence: words.length === 0 ? 0 : 0.9 + 0.01 * (words.length % 10),
            words: words.map((word, index) => ({
              word: word.toLowerCase(),
              start: streamOffsetSeconds + index * (audioMsPerWord / 1000),
              end: streamOffsetSeconds + (index + 1) * (audioMsPerWord / 1000),
              confidence: 0.95,
              punctuated_word: word,
            })),
          },
        ],
      },
      metadata: {
        request_id: requestId,
        model_info: { name: params.get('model') ?? 'general', version: 'fake', arch: 'fake' },
        model_uuid: '00000000-0000-0000-0000-000000000000',
      },
      ...(fromFinalize ? { from_finalize: true } : {}),
    };
    ws.send(JSON.stringify(message));
  };

  /** Final results for everything left in the current utterance, then on to the next. */
  const finishUtterance = (fromFinalize: boolean) => {
    if (audioMsInUtterance === 0) return false;
    const remaining = currentSegments().slice(segmentIndex).flat();
    sendResults(remaining, true, !fromFinalize, fromFinalize);
    streamOffsetSeconds += audioMsInUtterance / 1000;
    utteranceIndex += 1;
    segmentIndex = 0;
    wordsRevealed = 0;
    audioMsInUtterance = 0;
    return true;
  };

  const onAudio = (bytes: number) => {
    const frameMs = (bytes / 2 / sampleRateHz) * 1000;
    audioMsInUtterance += frameMs;
    audioMsTotal += frameMs;
    const drop = options.dropAfterAudioMs;
    if (drop && !dropped && audioMsTotal >= drop.afterMs) {
      dropped = true;
      if (drop.code === undefined) ws.terminate();
      else ws.close(drop.code, drop.reason ?? '');
      return;
    }
    const garbage = options.garbageAfterAudioMs;
    if (garbage && !garbageSent && audioMsTotal >= garbage.afterMs) {
      garbageSent = true;
      ws.send(
        garbage.kind === 'text'
          ? '<html>502 Bad Gateway</html>'
          : JSON.stringify({ type: 'Results', channel: { alternatives: 'none' } }),
      );
      return;
    }
    const segments = currentSegments();
    const wordsDue = Math.floor(audioMsInUtterance / audioMsPerWord);
    let wordsSoFar = segments.slice(0, segmentIndex).flat().length + wordsRevealed;
    while (wordsSoFar < wordsDue) {
      const segment = segments[segmentIndex];
      if (segment === undefined) return;
      if (wordsRevealed === segment.length) {
        // The segment is complete and the caller goes on: Deepgram finalises it (endpointing).
        if (segmentIndex + 1 >= segments.length) return;
        sendResults(segment, true, true, false);
        segmentIndex += 1;
        wordsRevealed = 0;
        continue;
      }
      wordsRevealed += 1;
      wordsSoFar += 1;
      sendResults(segment.slice(0, wordsRevealed), false, false, false);
    }
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (isBinary) {
      idleTimer.refresh();
      if (bytes.length === 0) {
        record.emptyFrames += 1;
        return;
      }
      record.audioFrames += 1;
      record.audioBytes += bytes.length;
      if (options.rejectAudio) {
        ws.close(1008, 'DATA-0000');
        return;
      }
      onAudio(bytes.length);
      return;
    }
    let type: unknown;
    try {
      type = (JSON.parse(bytes.toString('utf8')) as { type?: unknown }).type;
    } catch {
      type = undefined;
    }
    if (type === 'KeepAlive') {
      record.keepAlives += 1;
      idleTimer.refresh();
    } else if (type === 'Finalize') {
      record.finalizes += 1;
      // Like Deepgram: no answer at all when there was no audio left to finalise.
      if (!options.ignoreFinalize) finishUtterance(true);
    } else if (type === 'CloseStream') {
      record.closeStreams += 1;
      if (options.ignoreCloseStream) return;
      finishUtterance(false);
      ws.send(
        JSON.stringify({
          type: 'Metadata',
          transaction_key: 'deprecated',
          request_id: requestId,
          sha256: '0'.repeat(64),
          created: new Date().toISOString(),
          duration: audioMsTotal / 1000,
          channels: 1,
        }),
      );
      ws.close(1000, '');
    } else {
      record.unknownMessages.push(bytes.toString('utf8').slice(0, 200));
    }
  });
  return record;
}
