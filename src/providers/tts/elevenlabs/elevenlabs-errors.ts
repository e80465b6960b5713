import { z } from 'zod';
import {
  ConfigError,
  UnavailableError,
  ValidationError,
  type VoxeronError,
} from '../../../platform/errors.ts';

/** Longest part of an error body kept for the message. */
const maxErrorBodyChars = 2000;

/**
 * ElevenLabs' error bodies: `{"detail": {"status": "invalid_api_key", "message": "…"}}` for most
 * errors, FastAPI's `{"detail": [{"loc": ["body", "text"], "msg": "…"}]}` for 422 validation.
 * Anything else (an HTML page from a proxy) is quoted as text.
 */
const ErrorBody = z.object({
  detail: z.union([
    z.looseObject({ status: z.string().optional(), message: z.string().optional() }),
    z.array(
      z.looseObject({
        loc: z.array(z.union([z.string(), z.number()])).optional(),
        msg: z.string().optional(),
      }),
    ),
    z.string(),
  ]),
});

/** The typed error for a non-2xx answer; its class carries the retry semantics. */
export async function statusError(response: Response): Promise<VoxeronError> {
  const text = (await response.text().catch(() => '')).slice(0, maxErrorBodyChars);
  const { summary, issues } = describeBody(text);
  const status = response.status;
  const message = `ElevenLabs answered ${status}${summary ? `: ${summary}` : ''}`;
  const details = { status, requestId: response.headers.get('request-id') ?? undefined };
  if (status === 429 || status === 408 || status >= 500) {
    return new UnavailableError(message, {
      details,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }
  if (status === 401 || status === 403) {
    // Also how ElevenLabs reports an exhausted quota (`quota_exceeded`): an account problem.
    return new ConfigError(`${message} (check ELEVENLABS_API_KEY and the account's quota)`, {
      details,
    });
  }
  if (status === 404) {
    return new ConfigError(`${message} (check the voice id)`, { details });
  }
  return new ValidationError(message, issues, { details });
}

function describeBody(text: string): {
  summary: string;
  issues: { path: string; message: string }[];
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { summary: text.replace(/\s+/g, ' ').trim().slice(0, 200), issues: [] };
  }
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) return { summary: text.slice(0, 200), issues: [] };
  const detail = parsed.data.detail;
  if (typeof detail === 'string') return { summary: detail, issues: [] };
  if (Array.isArray(detail)) {
    const issues = detail.map((item) => ({
      path: (item.loc ?? []).join('.'),
      message: item.msg ?? 'invalid',
    }));
    return {
      summary: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
      issues,
    };
  }
  return { summary: [detail.status, detail.message].filter(Boolean).join(' — '), issues: [] };
}

export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
