import type { ActionType } from '../../contracts/actions/action-type.ts';
import type { TargetInput, TargetOutput } from './target-contracts.ts';

/** The action types a target executes: every type, outbound webhooks included. */
export type TargetActionType = ActionType;

/** What a target receives with every call. */
export interface TargetCallContext {
  tenantId: string;
  actionId: string;
  /** The action's idempotency key: the same on every attempt; the target applies it once. */
  idempotencyKey: string;
  /** Aborts the call (attempt timeout, dispatcher shutdown). */
  signal: AbortSignal;
}

/** What reconciliation learned: the effect happened (with its result), or it did not. */
export type Reconciliation<Result> = { found: true; result: Result } | { found: false };

/**
 * A receiver of actions (a POS, the edge print queue, an SMS provider) behind one interface.
 * `execute` applies the effect at most once per idempotency key and returns the target's
 * answer, validated against the tool's output contract; a failure without an answer is thrown
 * as a typed error carrying its retry semantics (platform/errors.ts). `reconcile` asks the
 * target whether the effect of a key already happened, without causing it.
 */
export interface ActionTarget<Type extends TargetActionType = TargetActionType> {
  readonly actionType: Type;
  /** For logs and metrics: `console-pos`, `square`, `twilio`, `edge-print-queue`. */
  readonly name: string;
  execute(payload: TargetInput<Type>, context: TargetCallContext): Promise<TargetOutput<Type>>;
  reconcile(
    payload: TargetInput<Type>,
    context: TargetCallContext,
  ): Promise<Reconciliation<TargetOutput<Type>>>;
}

/** The targets a dispatcher process sends to, per action type and tenant. */
export interface TargetDirectory {
  /** The target for this tenant's actions of `type`, or undefined when it has none. */
  targetFor<Type extends TargetActionType>(
    tenantId: string,
    type: Type,
  ): ActionTarget<Type> | undefined;
}

/** A directory where every tenant uses the same targets (the demo, tests). */
export function staticTargets(targets: {
  [Type in TargetActionType]?: ActionTarget<Type>;
}): TargetDirectory {
  return {
    targetFor: <Type extends TargetActionType>(_tenantId: string, type: Type) =>
      targets[type] as ActionTarget<Type> | undefined,
  };
}
