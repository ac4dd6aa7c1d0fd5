/**
 * The values of an application item as people read them — 「栄養士の配置形態: 雇用、区分③ 人数A（副主任保育士等）: 2」 —
 * with the labels of the items' own form fields (items.messages.ts). One describer for every screen and printed form.
 */
import type { Lang } from '../../../http/i18n.js';
import { itemMessages } from './items.messages.js';

type Key = keyof typeof itemMessages.messages;
const has = (key: string): key is Key => Object.hasOwn(itemMessages.messages, key);

function valueLabel(field: string, value: unknown, lang: Lang): string {
  const key = `${field.split('.').at(-1)}.${String(value)}`;
  return has(key) ? itemMessages.t(lang, key as 'kind.employed') : Array.isArray(value) ? value.join(' ') : String(value);
}

export function describeItemValue(value: Record<string, unknown>, lang: Lang, prefix = ''): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = `${prefix}${k}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = describeItemValue(v as Record<string, unknown>, lang, `${path}.`);
      if (inner) parts.push(inner);
      continue;
    }
    if (v === null || v === undefined || v === '') continue;
    const field = `field.${path}`;
    const label = has(field) ? itemMessages.t(lang, field as 'field.kind') : path;
    parts.push(`${label}: ${valueLabel(path, v, lang)}`);
  }
  return parts.join(itemMessages.t(lang, 'listSeparator'));
}
