/**
 * Procedures (手続): the door the other parts of the applications module use.
 *
 * - `validateAnswers(def, raw, { steps?, now? })` → `{ answers, errors }`: normalised answers of the
 *   visible fields and field-level errors (both languages); `isFieldVisible(field, answers)`;
 *   `computeFee(def, answers)` → `{ amount, quantity } | null`; `displayAnswer(field, value, lang)`.
 * - Types `Answers`, `AnswerValue`, `AnswerError`; the definition types come from definition.ts.
 */
export {
  type AnswerError,
  type Answers,
  type AnswerValue,
  computeFee,
  displayAnswer,
  isFieldVisible,
  validateAnswers,
} from './validate-answers.js';
