/** A valid, readable UUID for examples and tests: `exampleUuid(7)` → `…-000000000007`. */
export function exampleUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Ids the examples share, so an example event refers to an example action and location. */
export const exampleIds = {
  tenant: exampleUuid(1),
  location: exampleUuid(2),
  session: exampleUuid(3),
  correlation: exampleUuid(4),
  action: exampleUuid(5),
  job: exampleUuid(6),
  device: exampleUuid(7),
  event: exampleUuid(8),
  message: exampleUuid(9),
  endpoint: exampleUuid(10),
} as const;
