/**
 * The request's language. Catalogues, `Lang`, `Text` and `fill` live in src/platform/i18n.ts (the one
 * i18n mechanism); they are re-exported here so older imports keep working while callers move.
 */
import type { FastifyRequest } from 'fastify';
import { fill, type Lang, type Text } from '../platform/i18n.js';
import { stringField } from './request-fields.js';

export type { Lang, Text } from '../platform/i18n.js';

export const LANG_COOKIE = 'lang';

/** Japanese unless the person chose English (cookie or ?lang=en) or their browser prefers it first. */
export function requestLang(req: FastifyRequest): Lang {
  const q = stringField(req.query, 'lang');
  if (q === 'en' || q === 'ja') return q;
  const cookie = req.cookies?.[LANG_COOKIE];
  if (cookie === 'en' || cookie === 'ja') return cookie;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string') {
    const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return 'ja';
}

export function tr(lang: Lang, text: Text, vars?: Record<string, string | number>): string {
  return fill(text[lang], vars);
}

/**
 * @deprecated Use `defineCatalogue` from src/platform/i18n.ts (typed placeholders, `t`/`text`).
 * Kept until its last callers move.
 */
export function defineMessages<K extends string>(messages: Record<K, Text>): Record<K, Text> {
  return messages;
}
