/**
 * Renderers of the citizens' pages on personal data: the list of every public procedure and service,
 * and one scope's page (each item in plain words: what, why, how long, who else receives what, who in
 * the city reads it, how it is stored; the contact point and the person's rights). Pure: the data
 * comes from read-transparency.ts, the texts from the catalogues.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import type { Bilingual, PersonalItem, Readers } from '../../../platform/personal-data.js';
import { citizenShell, summaryList } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { privacyMessages } from '../privacy.messages.js';
import type { PublicScope, TransparencyPage } from './read-transparency.js';
import { pathOfScope } from './scope-paths.js';
import { transparencyMessages } from './transparency.messages.js';

const inLang = (b: Bilingual, lang: Lang) => b[lang] || b.ja;

/** A page of the transparency site, in the citizen frame with the language switch. */
export function transparencyShell(req: FastifyRequest, title: string, main: SafeHtml): string {
  const t = transparencyMessages.in(req.lang);
  return citizenShell({
    lang: req.lang,
    title,
    main,
    path: req.url,
    siteName: t('siteName'),
    nav: {
      label: t('menu'),
      items: [
        { href: '/', label: t('navBookings') },
        { href: '/apply', label: t('navApplications') },
        { href: '/privacy', label: t('navPrivacy'), isCurrent: req.url.split('?')[0] === '/privacy' },
      ],
    },
  }).toString();
}

const KINDS = ['service', 'procedure', 'facility', 'module'] as const;
const kindOf = (scopeId: string) => KINDS.find((k) => scopeId.startsWith(`${k}:`)) ?? 'module';

/** `/privacy`: every public scope, grouped by kind (bookings, applications, …), each a link to its page. */
export function indexMain(lang: Lang, scopes: readonly PublicScope[]): SafeHtml {
  const t = transparencyMessages.in(lang);
  const linked = scopes.flatMap((s) => {
    const href = pathOfScope(s.scope.id);
    return href ? [{ ...s, href }] : [];
  });
  const groups = KINDS.map((k) => ({ kind: k, list: linked.filter((s) => kindOf(s.scope.id) === k) })).filter((g) => g.list.length);
  return html`<h1 class="page-title">${t('indexTitle')}</h1>
<p>${t('indexIntro')}</p>
${groups.map(
  (g) => html`<section aria-labelledby="kind-${g.kind}"><h2 id="kind-${g.kind}">${t(`kind.${g.kind}`)}</h2>
<ul>${g.list.map(
    (s) =>
      html`<li><a href="${s.href}">${inLang(s.scope.label, lang)}</a>${s.department ? html` <span class="muted">${t('departmentAfter', { department: inLang(s.department, lang) })}</span>` : ''}</li>`,
  )}</ul></section>`,
)}
${linked.length ? '' : html`<p>${t('indexEmpty')}</p>`}
${rightsSection(lang)}`;
}

/** Who in the city reads an item, in words: 「市民課の担当職員・所属長、システム管理者（…）、ご本人」. */
export function readersText(lang: Lang, r: Readers, department: Bilingual | null): string {
  const t = transparencyMessages.in(lang);
  const roles = r.roles
    .filter((x) => x !== 'sys-admin')
    .map((x) => (x === 'staff' || x === 'dept-admin' || x === 'payment_admin' ? t(`role.${x}`) : x))
    .join(t('roleSeparator'));
  const parts: string[] = [];
  if (roles && r.departments === 'owning')
    parts.push(t('readersOwning', { department: department ? inLang(department, lang) : t('readersDepartmentUnknown'), roles }));
  if (roles && r.departments === 'all') parts.push(t('readersAll', { roles }));
  if (r.roles.includes('sys-admin') && r.departments !== 'none') parts.push(t('readersSysAdmin'));
  if (r.others) parts.push(inLang(r.others, lang));
  return parts.length ? parts.join(t('readersSeparator')) : t('readersNone');
}

function protectionText(lang: Lang, item: PersonalItem): string {
  const p = item.storedAt[0]?.protection ?? 'plain';
  if (p === 'plain') return transparencyMessages.t(lang, 'storedPlain');
  return transparencyMessages.t(lang, 'stored', { protection: privacyMessages.t(lang, `protection.${p}`) });
}

const recipientLine = (lang: Lang, r: PersonalItem['recipients'][number]) =>
  transparencyMessages.t(lang, 'recipientReceives', {
    recipient: privacyMessages.t(lang, `recipient.${r.to}`),
    what: inLang(r.receives, lang),
  });

function itemCard(lang: Lang, item: PersonalItem, department: Bilingual | null, n: number): SafeHtml {
  const t = transparencyMessages.in(lang);
  const recipients = item.recipients.length
    ? html`<ul>${item.recipients.map((r) => html`<li>${recipientLine(lang, r)}</li>`)}</ul>`
    : t('recipientsNone');
  return html`<section class="card" aria-labelledby="item-${n}">
<h3 id="item-${n}">${inLang(item.label, lang)}${item.isSensitive ? html` <span class="badge">${t('sensitiveBadge')}</span>` : ''}</h3>
${item.isSensitive ? html`<p>${t('sensitiveNote')}</p>` : ''}
${summaryList({
  items: [
    { term: t('termCategory'), value: privacyMessages.t(lang, `category.${item.category}`) },
    { term: t('termPurpose'), value: inLang(item.purpose, lang) },
    { term: t('termRetention'), value: inLang(item.retention, lang) },
    { term: t('termRecipients'), value: recipients },
    { term: t('termReaders'), value: readersText(lang, item.readers, department) },
    { term: t('termProtection'), value: protectionText(lang, item) },
  ],
})}
</section>`;
}

function rightsSection(lang: Lang): SafeHtml {
  const t = transparencyMessages.in(lang);
  return html`<section aria-labelledby="rights"><h2 id="rights">${t('rightsHeading')}</h2><p>${t('rightsText')}</p></section>`;
}

/** One procedure's or service's page. */
export function scopeMain(lang: Lang, page: TransparencyPage): SafeHtml {
  const t = transparencyMessages.in(lang);
  const name = inLang(page.scope.label, lang);
  // what leaves the city: each recipient once with everything it receives, in the order the items name them
  const shared = new Map<PersonalItem['recipients'][number]['to'], string[]>();
  for (const r of page.items.flatMap((i) => i.recipients)) {
    const list = shared.get(r.to) ?? [];
    const what = inLang(r.receives, lang);
    if (!list.includes(what)) list.push(what);
    shared.set(r.to, list);
  }
  const department = page.department ? inLang(page.department, lang) : t('contactUnknown');
  return html`<p><a href="/privacy">${t('allPages')}</a></p>
<h1 class="page-title">${t('scopeTitle', { name })}</h1>
<p>${t('scopeIntro')}</p>
<section aria-labelledby="shared"><h2 id="shared">${t('sharedHeading')}</h2>
${
  shared.size
    ? html`<p>${t('sharedIntro')}</p><ul>${[...shared].map(
        ([to, what]) => html`<li>${privacyMessages.t(lang, `recipient.${to}`)}<ul>${what.map((w) => html`<li>${w}</li>`)}</ul></li>`,
      )}</ul>`
    : html`<p>${t('sharedNone')}</p>`
}
</section>
<section aria-labelledby="items"><h2 id="items">${t('itemsHeading')}</h2>
${page.items.length ? page.items.map((item, n) => itemCard(lang, item, page.department, n + 1)) : html`<p>${t('noItems')}</p>`}
</section>
<section aria-labelledby="contact"><h2 id="contact">${t('contactHeading')}</h2><p>${t('contactText', { department })}</p></section>
${rightsSection(lang)}`;
}
