import { HttpProblem } from './problem.ts';

/** A strong ETag from a resource kind and its revision, e.g. `"location.4"`. */
export function etagOf(kind: string, revision: number | string): string {
  return `"${kind}.${revision}"`;
}

/**
 * Optimistic concurrency for PUT/PATCH: the client must send the ETag it last read. Missing →
 * 428 (it would overwrite blindly), different → 412 (someone changed it meanwhile).
 */
export function checkIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new HttpProblem(
      428,
      'precondition-required',
      `send If-Match with the ETag you last read (current: ${current})`,
      [{ path: 'headers.if-match', message: 'required' }],
    );
  }
  const candidates = ifMatch.split(',').map((tag) => tag.trim());
  if (candidates.includes('*') || candidates.includes(current)) return;
  throw new HttpProblem(
    412,
    'precondition-failed',
    `the resource changed: its ETag is ${current}, If-Match was ${ifMatch}; read it again and retry`,
    [{ path: 'headers.if-match', message: `does not match ${current}` }],
  );
}
