import type { z } from 'zod';

/** One problem with a value, located by its path in the value (`["customer", "phone"]`). */
export interface ContractIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * A value that does not satisfy a versioned contract. `contract` names it (`event OrderCreated`,
 * `tool create_pos_order input`); `issues` lists every problem with its field path so the
 * caller, an operator, or an LLM repairing its tool call can see exactly what to fix.
 */
export class ContractViolationError extends Error {
  readonly contract: string;
  readonly issues: readonly ContractIssue[];

  constructor(contract: string, issues: readonly ContractIssue[]) {
    super(
      `${contract} is invalid: ` +
        issues
          .slice(0, 5)
          .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
          .join('; ') +
        (issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''),
    );
    this.name = 'ContractViolationError';
    this.contract = contract;
    this.issues = issues;
  }

  /** Wraps a zod error, keeping every issue's path. */
  static fromZod(contract: string, error: z.ZodError): ContractViolationError {
    return new ContractViolationError(
      contract,
      error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    );
  }
}

/** Type guard, so callers branch on the type and never on message text. */
export function isContractViolation(error: unknown): error is ContractViolationError {
  return error instanceof ContractViolationError;
}

/** `$.customer.phone`, `$.lines[0].quantity`: a JSON path for messages and logs. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${String(segment)}`,
    '$',
  );
}

/** Parses `input` with `schema` or throws a {@link ContractViolationError} naming `contract`. */
export function parseContract<S extends z.ZodType>(
  contract: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ContractViolationError.fromZod(contract, result.error);
  return result.data;
}
