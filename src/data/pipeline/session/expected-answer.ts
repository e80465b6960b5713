/**
 * What the caller's next turn probably answers, from the dialogue state after the agent's reply:
 * the state's phase is what the agent is waiting for (data/session/state.ts). The voice session
 * hands it to the recogniser as a hint (`AsrStream.expect`), so a local recogniser can weight the
 * words of that answer ("pickup", digits, a name) over the menu.
 */
import type { DialogueState } from '../../session/state.ts';
import { Phase } from '../../session/state.ts';
import type { AsrExpectation } from '../asr/asr-provider.ts';
import { AsrAnswerKind } from '../asr/asr-provider.ts';

export function expectedAnswer(state: Readonly<DialogueState>): AsrExpectation {
  switch (state.phase) {
    case Phase.ordering:
      // Nothing ordered yet, or a change after a "no" to the read-back: the order itself;
      // after a misheard "Anything else?" the yes/no "Is that everything for your order?";
      // otherwise the agent asked "Anything else?".
      if (state.lines.length === 0 || state.orderComplete) return { kind: AsrAnswerKind.order };
      return state.doneAsked ? { kind: AsrAnswerKind.yesNo } : { kind: AsrAnswerKind.moreOrDone };
    case Phase.chooseOption:
      return { kind: AsrAnswerKind.option };
    case Phase.fulfilment:
      return { kind: AsrAnswerKind.fulfilment };
    case Phase.offerPickup:
      return { kind: AsrAnswerKind.yesNo };
    case Phase.belowMinimum:
      // "Would you like to add something, or pick it up instead?": an item, pickup or no.
      return { kind: AsrAnswerKind.free };
    case Phase.name:
      return { kind: AsrAnswerKind.name };
    case Phase.phone:
      return { kind: AsrAnswerKind.phone };
    case Phase.address:
      return { kind: AsrAnswerKind.address };
    case Phase.confirm:
      return { kind: AsrAnswerKind.yesNo };
    case Phase.ended:
      return { kind: AsrAnswerKind.free };
  }
}
