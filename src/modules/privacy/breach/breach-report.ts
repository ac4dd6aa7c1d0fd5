/**
 * The draft of the leak report to the Personal Information Protection Commission (漏えい等報告) built from
 * a breach-impact report's facts, in its sections: 概要, 項目, 本人の数, 原因, 二次被害, 本人への対応, 公表,
 * 再発防止策, その他. What the facts cannot say (the cause, the measures, the notification and announcement
 * done) is what the officer typed, or a marked placeholder for them to complete. Pure: no I/O.
 */
import type { Lang } from '../../../platform/i18n.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import { privacyMessages } from '../privacy.messages.js';
import type { BreachImpact, BreachNote } from './breach-impact.js';
import { breachMessages } from './breach.messages.js';

export const SECTION_KEYS = ['overview', 'items', 'people', 'cause', 'secondary', 'response', 'publication', 'measures', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export type ReportSection = {
  key: SectionKey;
  heading: string;
  lines: string[];
  /** The section holds a placeholder the officer must complete. */
  toComplete: boolean;
};

export type BreachReport = { lang: Lang; title: string; sections: ReportSection[] };

/** What the officer typed (empty: a placeholder stays in the draft). */
export type OfficerText = { cause?: string; measures?: string };

const nf = (n: number, lang: Lang) => n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');

function noteText(n: BreachNote, lang: Lang): string {
  const t = breachMessages.in(lang);
  switch (n.kind) {
    case 'erased':
      return t('note.erased', { table: n.table, rows: nf(n.rows, lang) });
    case 'noCreatedAt':
      return t('note.noCreatedAt', { table: n.table });
    case 'gone':
      return t('note.gone', { rows: nf(n.rows, lang) });
    case 'unresolved':
      return t('note.unresolved', { action: n.action, entries: nf(n.entries, lang), records: nf(n.records, lang) });
    case 'bundle':
      return t('note.bundle', { at: formatJstDateTime(new Date(n.generatedAt), lang) });
    case 'bundlePeopleSummed':
      return t('note.bundlePeopleSummed');
  }
}

/** How the report names its scope: the register's labels, or the account, or the tables. */
export function scopeText(impact: BreachImpact, lang: Lang): string {
  const t = breachMessages.in(lang);
  if (impact.scopeKind === 'staff')
    return t('overviewStaff', {
      login: impact.scope.slice('staff:'.length),
      from: impact.window.from,
      to: impact.window.to,
      entries: nf(impact.staffActivity?.entries ?? 0, lang),
    });
  const labels = ['procedure', 'service', 'facility'].includes(impact.scopeKind) ? impact.scopes.map((s) => s.label[lang]) : [];
  return labels.length ? t('scopeWithId', { labels: labels.join(t('sep')), id: impact.scope }) : impact.scope;
}

export function buildBreachReport(impact: BreachImpact, officer: OfficerText, lang: Lang): BreachReport {
  const t = breachMessages.in(lang);
  const p = privacyMessages.in(lang);
  const todo = (what: 'cause' | 'secondary' | 'response' | 'publication' | 'measures') =>
    t('placeholder', { what: t(`placeholder.${what}`) });
  const typed = (v: string | undefined) => (v?.trim() ? v.trim().split(/\r?\n/) : undefined);
  const section = (key: SectionKey, lines: string[], toComplete = false): ReportSection => ({
    key,
    heading: t(`section.${key}`),
    lines,
    toComplete,
  });
  const departments = impact.departments.map((d) => (lang === 'en' && d.nameEn) || d.name);
  const sensitive = impact.items.filter((i) => i.sensitive).length;
  const values = impact.encryption.encrypted + impact.encryption.hashed + impact.encryption.plain;
  const n = impact.notifiable;
  const cause = typed(officer.cause);
  const measures = typed(officer.measures);
  return {
    lang,
    title: t('draftTitle'),
    sections: [
      section('overview', [
        t('overview', { from: impact.window.from, to: impact.window.to, scope: scopeText(impact, lang) }),
        departments.length ? t('departments', { names: departments.join(t('sep')) }) : t('noDepartments'),
        // Scopes cut across (a module, a zone, an account, tables): which of the register's scopes the rows belong to.
        ...(!['procedure', 'service', 'facility'].includes(impact.scopeKind) && impact.scopes.length
          ? [t('scopes', { names: impact.scopes.map((s) => s.label[lang]).join(t('sep')) })]
          : []),
        t('generatedAt', { at: formatJstDateTime(new Date(impact.generatedAt), lang) }),
      ]),
      section(
        'items',
        impact.items.length
          ? impact.items.map((i) =>
              t('itemLine', {
                label: i.label[lang],
                category: p(`category.${i.category}`),
                records: nf(i.records, lang),
                protection: p(`protection.${i.protection}`),
                sensitive: i.sensitive ? t('itemSensitive') : '',
              }),
            )
          : [t('noItems')],
      ),
      section('people', [t('peopleLine', { people: nf(impact.people, lang), records: nf(impact.records, lang) })]),
      section('cause', cause ?? [todo('cause')], !cause),
      section(
        'secondary',
        [
          t('secondaryFacts', {
            total: nf(values, lang),
            encrypted: nf(impact.encryption.encrypted, lang),
            hashed: nf(impact.encryption.hashed, lang),
            plain: nf(impact.encryption.plain, lang),
            sensitive: nf(sensitive, lang),
          }),
          todo('secondary'),
        ],
        true,
      ),
      section(
        'response',
        [
          n
            ? t('notifiable', {
                email: nf(n.email, lang),
                line: nf(n.line, lang),
                phone: nf(n.phone, lang),
                post: nf(n.post, lang),
                none: nf(n.none, lang),
              })
            : t('notifiableUnknown'),
          todo('response'),
        ],
        true,
      ),
      section('publication', [todo('publication')], true),
      section('measures', measures ?? [todo('measures')], !measures),
      section('other', [...impact.notes.map((x) => noteText(x, lang)), t('note.deleted')]),
    ],
  };
}
