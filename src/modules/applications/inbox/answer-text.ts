/**
 * Answers as the inbox shows and exports them, and which answers a list or an export masks.
 * Sensitive (要配慮), identity-document and My Number answers are masked in every list; an export
 * includes them only for a department administrator.
 */
import type { Lang } from '../../../platform/i18n.js';
import type { FieldDefinition, PrivacyClass } from '../procedures/definition.js';

const MASKED: ReadonlySet<PrivacyClass> = new Set(['sensitive', 'identity_document', 'my_number']);

export const isMaskedPrivacy = (privacy: PrivacyClass): boolean => MASKED.has(privacy);

/** A stored answer as text: choice values as their labels, several answers joined, nothing for no answer. */
export function answerText(field: FieldDefinition, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  const values = (Array.isArray(value) ? value : [value]).map((v) => String(v));
  if (field.type === 'choice' && field.options) {
    const label = (v: string) => {
      const o = field.options?.find((x) => x.value === v);
      return o ? (lang === 'en' && o.label.en) || o.label.ja : v;
    };
    return values.map(label).join(lang === 'en' ? ', ' : '、');
  }
  return values.join(lang === 'en' ? ', ' : '、');
}
