import { z } from 'zod';

/** One field-level problem: where (a JSON path such as `$.items[3].price`) and what. */
export const ProblemField = z
  .strictObject({ path: z.string(), message: z.string() })
  .meta({ id: 'ProblemField' });
export type ProblemField = z.infer<typeof ProblemField>;

/** An RFC 9457 problem document, the body of every 4xx/5xx of the control API. */
export const Problem = z
  .strictObject({
    type: z.string().meta({ description: 'A URN naming the kind of problem' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request path' }),
    requestId: z.string(),
    errors: z.array(ProblemField).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const problemContentType = 'application/problem+json';

/** Problem kinds: `type` is `urn:voxeron:problem:<slug>`; docs/api.md lists them all. */
const titles = {
  'bad-request': 'Bad request',
  'token-missing': 'Authentication required',
  'token-malformed': 'Malformed API token',
  'token-unknown': 'Unknown API token',
  'token-expired': 'API token expired',
  'token-revoked': 'API token revoked',
  'role-forbidden': 'Role not permitted',
  'scope-missing': 'Token scope missing',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'Precondition failed',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'validation-failed': 'Validation failed',
  'precondition-required': 'Precondition required',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
} as const;
export type ProblemKind = keyof typeof titles;

/** Thrown by handlers and hooks; the error handler renders it as application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemKind,
    detail: string,
    readonly errors?: readonly ProblemField[],
    /** Extra response headers, e.g. WWW-Authenticate on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function renderProblem(problem: HttpProblem, instance: string, requestId: string): Problem {
  return {
    type: `urn:voxeron:problem:${problem.kind}`,
    title: titles[problem.kind],
    status: problem.status,
    detail: problem.message,
    instance,
    requestId,
    ...(problem.errors && problem.errors.length > 0 ? { errors: [...problem.errors] } : {}),
  };
}

/** zod issues as field problems, rooted at `root` (`$` for a body, `query` for a query). */
export function zodProblems(error: z.ZodError, root = '$'): ProblemField[] {
  return error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (path, segment) =>
        typeof segment === 'number' ? `${path}[${segment}]` : `${path}.${String(segment)}`,
      root,
    ),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message,
  }));
}

export const notFound = (what: string) => new HttpProblem(404, 'not-found', `${what} not found`);
