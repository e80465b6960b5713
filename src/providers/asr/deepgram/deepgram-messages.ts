import { z } from 'zod';

/**
 * The server → client messages of Deepgram's live `/v1/listen` API that the adapter acts on.
 * Schemas are loose (unknown fields pass) so additions on Deepgram's side do not break a call;
 * a message of a known type with the wrong shape, or a frame that is not JSON, is a protocol
 * error the stream reports instead of crashing.
 */
const Word = z.looseObject({
  word: z.string(),
  /** Seconds of the stream's audio, from its start. */
  end: z.number(),
});

const Alternative = z.looseObject({
  transcript: z.string(),
  confidence: z.number().optional(),
  words: z.array(Word).optional(),
});

const ResultsMessage = z.looseObject({
  type: z.literal('Results'),
  is_final: z.boolean().default(false),
  speech_final: z.boolean().default(false),
  /** True on the result that answers a `Finalize` message. */
  from_finalize: z.boolean().default(false),
  start: z.number().optional(),
  duration: z.number().optional(),
  channel: z.looseObject({ alternatives: z.array(Alternative) }),
});

const MetadataMessage = z.looseObject({
  type: z.literal('Metadata'),
  request_id: z.string().optional(),
});

const UtteranceEndMessage = z.looseObject({
  type: z.literal('UtteranceEnd'),
  last_word_end: z.number().optional(),
});

const SpeechStartedMessage = z.looseObject({
  type: z.literal('SpeechStarted'),
  timestamp: z.number().optional(),
});

const ErrorMessage = z.looseObject({
  type: z.literal('Error'),
  description: z.string().optional(),
  message: z.string().optional(),
  variant: z.string().optional(),
});

const KnownMessage = z.discriminatedUnion('type', [
  ResultsMessage,
  MetadataMessage,
  UtteranceEndMessage,
  SpeechStartedMessage,
  ErrorMessage,
]);

export type DeepgramResults = z.infer<typeof ResultsMessage>;
export type DeepgramMessage = z.infer<typeof KnownMessage> | { type: 'Unknown'; raw: string };

export type ParsedDeepgramMessage =
  { ok: true; message: DeepgramMessage } | { ok: false; problem: string };

const knownTypes = new Set(['Results', 'Metadata', 'UtteranceEnd', 'SpeechStarted', 'Error']);

export function parseDeepgramMessage(text: string): ParsedDeepgramMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `a frame that is not JSON: ${excerpt(text)}` };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') {
    return { ok: false, problem: `a message without a type: ${excerpt(text)}` };
  }
  if (!knownTypes.has(type)) return { ok: true, message: { type: 'Unknown', raw: excerpt(text) } };
  const parsed = KnownMessage.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    return { ok: false, problem: `a ${type} message of an unknown shape (${where})` };
  }
  return { ok: true, message: parsed.data };
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
