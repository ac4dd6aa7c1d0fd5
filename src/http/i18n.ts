/** Languages and bilingual texts. Japanese is the default; English on request. */
import type { FastifyRequest } from 'fastify';

export type Lang = 'ja' | 'en';
export type Text = { ja: string; en: string };

export const LANG_COOKIE = 'lang';

/** Japanese unless the person chose English (cookie or ?lang=en) or their browser prefers it first. */
export function requestLang(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
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

/** Fills {name} placeholders. */
export function fill(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function tr(lang: Lang, text: Text, vars?: Record<string, string | number>): string {
  return fill(text[lang], vars);
}

/** Declares a module's messages once; returns them typed so a missing key is a compile error. */
export function defineMessages<K extends string>(messages: Record<K, Text>): Record<K, Text> {
  return messages;
}
