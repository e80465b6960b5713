/**
 * A local server that speaks ElevenLabs' streaming TTS endpoint
 * (`POST /v1/text-to-speech/{voice_id}/stream?output_format=…`), for tests and demos without an
 * ElevenLabs account. It checks the `xi-api-key` header, the JSON body and the output format like
 * the vendor (401 `invalid_api_key`, 422 FastAPI-style `detail[]`, 404 `voice_not_found`), then
 * streams a deterministic waveform in chunks whose sizes ignore sample boundaries. Scripted
 * failures: 401, 422, 429 with Retry-After, 500, a stall before the first chunk, a reset
 * mid-stream, a 200 that carries JSON instead of audio.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { encodeMulaw } from '../../../../data/pipeline/audio/g711.ts';

export type FakeElevenLabsFailure =
  | 'unauthorized'
  | 'unprocessable'
  | 'rate-limited'
  | 'server-error'
  | 'html-error'
  | 'stall-before-headers'
  | 'stall-after-headers'
  | 'reset-mid-stream'
  | 'json-instead-of-audio';

export interface FakeElevenLabsOptions {
  /** @default 'fake-elevenlabs-key' */
  apiKey?: string;
  /** Audio per character of text. @default 60 */
  msPerChar?: number;
  /** Bytes per HTTP chunk; odd on purpose, so chunks split samples. @default 4001 */
  chunkBytes?: number;
  /** Pause between chunks. @default 2 */
  chunkDelayMs?: number;
  /** `Retry-After` seconds sent with 429. @default 3 */
  retryAfterSeconds?: number;
}

export interface FakeElevenLabsRequest {
  voiceId: string;
  outputFormat: string | null;
  body: Record<string, unknown>;
}

export interface FakeElevenLabsServer {
  /** `http://127.0.0.1:<port>`, to pass as the adapter's `baseUrl`. */
  baseUrl: string;
  /** Requests that passed validation, in arrival order. */
  requests: FakeElevenLabsRequest[];
  /** Responses not yet finished or closed: returns to 0 once clients release their requests. */
  openResponses(): number;
  /** Responses the client closed before the audio was complete (abort, stop reading). */
  readonly cancelledResponses: number;
  /** The next requests fail like this, one failure per request, in order. */
  failNext(...failures: FakeElevenLabsFailure[]): void;
  close(): Promise<void>;
}

const formats: Record<string, { rateHz: number; encoding: 'pcm16' | 'mulaw' }> = {
  pcm_16000: { rateHz: 16000, encoding: 'pcm16' },
  pcm_22050: { rateHz: 22050, encoding: 'pcm16' },
  pcm_24000: { rateHz: 24000, encoding: 'pcm16' },
  pcm_44100: { rateHz: 44100, encoding: 'pcm16' },
  ulaw_8000: { rateHz: 8000, encoding: 'mulaw' },
};
const voiceIdPattern = /^[A-Za-z0-9]{20}$/;

/**
 * The audio the fake speaks for `text` at `rateHz`: a gliding tone under a syllable-rate envelope,
 * `msPerChar` per character. Exported so tests can compare what the adapter delivered.
 */
export function fakeSpeech(text: string, rateHz: number, msPerChar = 60): Int16Array {
  const samples = Math.round((text.length * msPerChar * rateHz) / 1000);
  const audio = new Int16Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / rateHz;
    const envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    audio[i] = Math.round(9000 * envelope * Math.sin(2 * Math.PI * (140 + 20 * Math.sin(t)) * t));
  }
  return audio;
}

export async function startFakeElevenLabsServer(
  options: FakeElevenLabsOptions = {},
): Promise<FakeElevenLabsServer> {
  const apiKey = options.apiKey ?? 'fake-elevenlabs-key';
  const failures: FakeElevenLabsFailure[] = [];
  const open = new Set<ServerResponse>();
  const state = { cancelled: 0 };
  const requests: FakeElevenLabsRequest[] = [];

  const http: Server = createServer((request, response) => {
    open.add(response);
    response.on('close', () => {
      open.delete(response);
      if (!response.writableFinished) state.cancelled += 1;
    });
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const match = /^\/v1\/text-to-speech\/([^/]+)\/stream$/.exec(url.pathname);
    const raw = await readBody(request);
    if (request.method !== 'POST' || !match) {
      return json(response, 404, { detail: 'Not Found' });
    }
    const failure = failures.shift();
    if (request.headers['xi-api-key'] !== apiKey || failure === 'unauthorized') {
      return json(response, 401, {
        detail: { status: 'invalid_api_key', message: 'Invalid API key' },
      });
    }
    const voiceId = decodeURIComponent(match[1] ?? '');
    if (!voiceIdPattern.test(voiceId)) {
      return json(response, 404, {
        detail: {
          status: 'voice_not_found',
          message: `A voice with voice_id ${voiceId} was not found.`,
        },
      });
    }
    const outputFormat = url.searchParams.get('output_format');
    const format = formats[outputFormat ?? 'mp3_44100_128'];
    const body = parseJson(raw);
    const problems: { type: string; loc: (string | number)[]; msg: string }[] = [];
    if (!(request.headers['content-type'] ?? '').startsWith('application/json') || !body) {
      problems.push({ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' });
    } else if (typeof body.text !== 'string') {
      problems.push({ type: 'missing', loc: ['body', 'text'], msg: 'Field required' });
    } else if (body.text.trim().length === 0) {
      problems.push({ type: 'value_error', loc: ['body', 'text'], msg: 'Text must not be empty' });
    }
    if (body && 'model_id' in body && typeof body.model_id !== 'string') {
      problems.push({
        type: 'string_type',
        loc: ['body', 'model_id'],
        msg: 'Input should be a valid string',
      });
    }
    if (!format) {
      problems.push({
        type: 'enum',
        loc: ['query', 'output_format'],
        msg: `Input should be one of ${Object.keys(formats).join(', ')}`,
      });
    }
    if (failure === 'unprocessable') {
      problems.push({
        type: 'value_error',
        loc: ['body', 'voice_settings', 'stability'],
        msg: 'out of range',
      });
    }
    if (problems.length > 0 || !body || !format) return json(response, 422, { detail: problems });
    requests.push({ voiceId, outputFormat, body });

    switch (failure) {
      case 'rate-limited':
        response.setHeader('retry-after', String(options.retryAfterSeconds ?? 3));
        return json(response, 429, {
          detail: {
            status: 'too_many_concurrent_requests',
            message: 'Too many concurrent requests for your subscription.',
          },
        });
      case 'server-error':
        return json(response, 500, { detail: { status: 'internal_error', message: 'Oops' } });
      case 'html-error':
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'json-instead-of-audio':
        return json(response, 200, { audio: null, note: 'not what a stream endpoint sends' });
      case 'stall-before-headers':
        return; // never answers; the client's deadline or abort ends it
      default:
        break;
    }
    response.writeHead(200, {
      'content-type': format.encoding === 'mulaw' ? 'audio/basic' : 'audio/pcm',
      'request-id': `fake-${requests.length}`,
    });
    if (failure === 'stall-after-headers') {
      response.flushHeaders();
      return;
    }
    const text = String(body.text);
    const pcm16 = fakeSpeech(text, format.rateHz, options.msPerChar ?? 60);
    const bytes =
      format.encoding === 'mulaw'
        ? Buffer.from(encodeMulaw(pcm16))
        : Buffer.from(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength);
    const chunkBytes = options.chunkBytes ?? 4001;
    for (let offset = 0, chunk = 0; offset < bytes.length; offset += chunkBytes, chunk += 1) {
      if (response.destroyed) return;
      if (failure === 'reset-mid-stream' && chunk === 2) {
        response.socket?.destroy();
        return;
      }
      response.write(bytes.subarray(offset, offset + chunkBytes));
      await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs ?? 2));
    }
    response.end();
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    openResponses: () => open.size,
    get cancelledResponses() {
      return state.cancelled;
    },
    failNext: (...next) => {
      failures.push(...next);
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
