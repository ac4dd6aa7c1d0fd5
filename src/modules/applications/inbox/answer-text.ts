/**
 * Answers as the inbox shows and exports them (the procedures part's displayAnswer: choice labels,
 * 和暦 or 西暦 dates, phones grouped), and which answers a list or an export masks. Sensitive (要配慮),
 * identity-document and My Number answers are masked in every list; an export includes identity-document
 * and My Number answers only for a department administrator, and sensitive ones never (they are read one
 * application at a time, with a reason: get-application.ts).
 */
import type { Lang } from '../../../platform/i18n.js';
import type { FieldDefinition, PrivacyClass } from '../procedures/definition.js';
import { displayAnswer } from '../procedures/index.js';

const MASKED: ReadonlySet<PrivacyClass> = new Set(['sensitive', 'identity_document', 'my_number']);

export const isMaskedPrivacy = (privacy: PrivacyClass): boolean => MASKED.has(privacy);

/** A stored answer as text; nothing for no answer. */
export function answerText(field: FieldDefinition, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  return displayAnswer(field, Array.isArray(value) ? value.map(String) : String(value), lang);
}
