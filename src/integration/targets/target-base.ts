import { isContractViolation } from '../../contracts/common/contract-violation.ts';
import {
  parseToolInput,
  parseToolOutput,
  type ToolInput,
  type ToolOutput,
} from '../../contracts/tools/registry.ts';
import { OutcomeUnknownError, throwIfAborted } from '../../platform/errors.ts';
import type {
  ActionTarget,
  Reconciliation,
  TargetActionType,
  TargetCallContext,
} from './action-target.ts';

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

  protected abstract send(payload: ToolInput<Type>, context: TargetCallContext): Promise<unknown>;
  /** The answer the target gave for this key, or undefined when the effect never happened. */
  protected abstract lookup(payload: ToolInput<Type>, context: TargetCallContext): Promise<unknown>;

  async execute(payload: ToolInput<Type>, context: TargetCallContext): Promise<ToolOutput<Type>> {
    const input = parseToolInput(this.actionType, payload) as ToolInput<Type>;
    throwIfAborted(context.signal);
    const answer = await this.send(input, context);
    return this.validated(answer);
  }

  async reconcile(
    payload: ToolInput<Type>,
    context: TargetCallContext,
  ): Promise<Reconciliation<ToolOutput<Type>>> {
    throwIfAborted(context.signal);
    const input = parseToolInput(this.actionType, payload) as ToolInput<Type>;
    const answer = await this.lookup(input, context);
    return answer === undefined
      ? { found: false }
      : { found: true, result: this.validated(answer) };
  }

  private validated(answer: unknown): ToolOutput<Type> {
    try {
      return parseToolOutput(this.actionType, answer) as ToolOutput<Type>;
    } catch (error) {
      if (!isContractViolation(error)) throw error;
      throw new OutcomeUnknownError(`${this.name} answered outside its contract`, {
        cause: error,
        details: { target: this.name },
      });
    }
  }
}
