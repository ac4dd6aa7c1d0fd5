/** The frame shared by the payment administration screens: the section's menu, the data rule, the staff page. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import { navList } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';

export type Section = 'stats' | 'report' | 'alerts' | 'refunds';

const SECTIONS: { key: Section; href: string; label: 'statsTitle' | 'reportTitle' | 'alertsTitle' | 'refundsTitle' }[] = [
  { key: 'stats', href: '/staff/payments', label: 'statsTitle' },
  { key: 'report', href: '/staff/payments/report', label: 'reportTitle' },
  { key: 'alerts', href: '/staff/payments/alerts', label: 'alertsTitle' },
  { key: 'refunds', href: '/staff/payments/refunds', label: 'refundsTitle' },
];

export function renderPaymentAdminPage(req: FastifyRequest, o: { title: string; section: Section; main: SafeHtml }): string {
  const t = paymentAdminMessages.in(req.lang);
  const main = html`${navList({
    label: t('sectionNav'),
    items: SECTIONS.map((s) => ({ href: s.href, label: t(s.label), isCurrent: s.key === o.section })),
  })}
<h1 class="page-title">${o.title}</h1>
<p class="hint">${t('noPersonalData')}</p>
${o.main}`;
  return renderStaffPage(req, { title: o.title, main, active: 'payments' });
}

/** An instant in a table: <time> with the machine value. */
export function when(d: Date, lang: Lang): SafeHtml {
  return html`<time datetime="${d.toISOString()}">${formatJstDateTime(d, lang)}</time>`;
}

/** 整理番号, in a <code> (as the citizen and the provider see it). */
export function reference(ref: string | null): SafeHtml {
  return ref ? html`<code class="reference-number">${ref}</code>` : html`—`;
}
