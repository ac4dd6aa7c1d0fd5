/** Pieces shared by the inbox screens: the page frame, status and payment badges, localised texts. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import type { ApplicationStatus } from '../../application-status.js';
import { paymentLabels, statusLabels } from '../inbox.messages.js';

export const NAV_KEY = 'applications';

export function inboxPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return renderStaffPage(req, { title, main, active: NAV_KEY });
}

export const localised = (t: { ja: string; en?: string }, lang: Lang): string => (lang === 'en' && t.en) || t.ja;

export const statusBadge = (lang: Lang, status: ApplicationStatus): SafeHtml =>
  html`<span class="badge badge--${status}">${statusLabels.t(lang, status)}</span>`;

/** Paid / unpaid / the payment's own state; nothing for an application without a fee. */
export function paymentBadge(
  lang: Lang,
  p: { feeAmount: number | null; isPaid: boolean; paymentStatus: string | null },
): SafeHtml | string {
  if (p.feeAmount === null) return '';
  if (p.isPaid) return html`<span class="badge badge--paid">${paymentLabels.t(lang, 'paid')}</span>`;
  const key =
    p.paymentStatus && Object.hasOwn(paymentLabels.messages, p.paymentStatus)
      ? (p.paymentStatus as keyof typeof paymentLabels.messages)
      : 'unpaid';
  return html`<span class="badge badge--unpaid">${paymentLabels.t(lang, key === 'paid' ? 'unpaid' : key)}</span>`;
}

export const yen = (amount: number, lang: Lang): string => amount.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP');
