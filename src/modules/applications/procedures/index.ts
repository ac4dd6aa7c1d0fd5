/**
 * Procedures (手続): the door the other parts of the applications module use.
 *
 * - `validateAnswers(def, raw, { steps?, now? })` → `{ answers, errors }`: normalised answers of the
 *   visible fields and field-level errors (both languages); `isFieldVisible(field, answers)`;
 *   `computeFee(def, answers)` → `{ amount, quantity } | null`; `displayAnswer(field, value, lang)`.
 * - `fillAddress(def, answers)`: empty address fields filled from their postal codes (住所を検索).
 * - `getProcedureVersion(db, procedureId, version)`: the version an application keeps (no access check);
 *   `listOpenProcedures(db, now, { departmentId? })` and `getOpenProcedure(db, id, now)`: published,
 *   not archived, within opensAt/closesAt.
 * - `fieldControl(field, { lang, value?, errors? })`: one field as a form control from the component layer.
 * - `checkDefinition(def)` and `parseDefinition(input)` (schema + cross-field rules, 422 on refusal).
 * - Types `Answers`, `AnswerValue`, `AnswerError`, `PublishedProcedure`; the definition types come from definition.ts.
 */
export { checkDefinition } from './check-definition.js';
export { fieldControl } from './field-control.js';
export { fillAddress } from './fill-address.js';
export { parseDefinition } from './parse-definition.js';
export { getOpenProcedure, getProcedureVersion, listOpenProcedures, type PublishedProcedure } from './read-procedures.js';
export {
  type AnswerError,
  type Answers,
  type AnswerValue,
  computeFee,
  displayAnswer,
  isFieldVisible,
  validateAnswers,
} from './validate-answers.js';
