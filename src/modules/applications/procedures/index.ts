/**
 * Procedures (手続): the door the other parts of the applications module use.
 *
 * - `validateAnswers(def, raw, { steps?, now? })` → `{ answers, errors }`: normalised answers of the
 *   visible fields and field-level errors (both languages); `isFieldVisible(field, answers)`;
 *   `computeFee(def, answers)` → `{ amount, quantity } | null`; `displayAnswer(field, value, lang)`.
 * - Type `Answers`; the definition types come from definition.ts.
 *
 * Also ready in their own files, to be exported here when another part uses them (knip refuses unused
 * exports): fillAddress (fill-address.ts), getProcedureVersion / listOpenProcedures (read-procedures.ts),
 * fieldControl (field-control.ts), checkDefinition / parseDefinition.
 */
export {
  type Answers,
  computeFee,
  displayAnswer,
  isFieldVisible,
  validateAnswers,
} from './validate-answers.js';
