import { isContractViolation } from '../../contracts/common/contract-violation.ts';
import { OutcomeUnknownError, throwIfAborted } from '../../platform/errors.ts';
import type {
  ActionTarget,
  Reconciliation,
  TargetActionType,
  TargetCallContext,
} from './action-target.ts';
import {
  parseTargetInput,
  parseTargetOutput,
  type TargetInput,
  type TargetOutput,
} from './target-contracts.ts';

/**
 * The cross-cutting work every target shares, so a vendor adapter implements only `send` and
 * `lookup`: the input is validated before the call, the answer after it. An answer that fails
 * its contract came from a target that may well have applied the effect, so it is an
 * unknown outcome (reconcile), never a plain failure.
 */
export abstract class ActionTargetBase<
  Type extends TargetActionType,
> implements ActionTarget<Type> {
  abstract readonly actionType: Type;
  abstract readonly name: string;

  protected abstract send(payload: TargetInput<Type>, context: TargetCallContext): Promise<unknown>;
  /** The answer the target gave for this key, or undefined when the effect never happened. */
  protected abstract lookup(
    payload: TargetInput<Type>,
    context: TargetCallContext,
  ): Promise<unknown>;

  async execute(
    payload: TargetInput<Type>,
    context: TargetCallContext,
  ): Promise<TargetOutput<Type>> {
    const input = parseTargetInput(this.actionType, payload) as TargetInput<Type>;
    throwIfAborted(context.signal);
    const answer = await this.send(input, context);
    return this.validated(answer);
  }

  async reconcile(
    payload: TargetInput<Type>,
    context: TargetCallContext,
  ): Promise<Reconciliation<TargetOutput<Type>>> {
    throwIfAborted(context.signal);
    const input = parseTargetInput(this.actionType, payload) as TargetInput<Type>;
    const answer = await this.lookup(input, context);
    return answer === undefined
      ? { found: false }
      : { found: true, result: this.validated(answer) };
  }

  private validated(answer: unknown): TargetOutput<Type> {
    try {
      return parseTargetOutput(this.actionType, answer) as TargetOutput<Type>;
    } catch (error) {
      if (!isContractViolation(error)) throw error;
      throw new OutcomeUnknownError(`${this.name} answered outside its contract`, {
        cause: error,
        details: { target: this.name },
      });
    }
  }
}
