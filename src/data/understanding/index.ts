/**
 * Menu-grounded order understanding: the platform's local, deterministic "LLM".
 * `compileMenu(menu)` once per menu, then `understand(utterance, lexicon)` per caller turn.
 */
export { compileMenu } from './lexicon.ts';
export type { MenuLexicon, LexTarget, ItemInfo } from './lexicon.ts';
export { understand } from './understand.ts';
export { applyEdit } from './edits.ts';
export { saysAddition, saysAddVerb } from './add-cue.ts';
export {
  englishDigitWords,
  englishTeenWords,
  englishTensWords,
  numberWordValue,
} from './numbers.ts';
export { capitaliseName, longestDigitRun, nameAsSpoken } from './contact.ts';
export { countAnswer } from './count-answer.ts';
export { foldText } from './text.ts';
export type {
  DialogueAct,
  DialogueActType,
  EditAct,
  EditTarget,
  Language,
  ModifierChange,
  QuestionTopic,
  Understanding,
} from './acts.ts';
export { linesMatch, defaultSizes, accuracy } from './score.ts';
export type { ExpectedLine, ScoredRecord } from './score.ts';
