/** Pieces shared by the review screens: the page frame (menu entry 'facility-review'), badges, amounts. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { periodText } from '../form-pdf.js';

export const NAV_KEY = 'facility-review';

export function reviewPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return renderStaffPage(req, { title, main, active: NAV_KEY });
}

export const statusBadge = (lang: Lang, status: string): SafeHtml =>
  html`<span class="badge badge--${status}">${codeLabel('status', status, lang)}</span>`;

export const yen = (amount: number | null | undefined, lang: Lang): string =>
  (amount ?? 0).toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP');

export const num = (n: number | null | undefined, lang: Lang, digits = 2): string =>
  n === null || n === undefined ? '' : n.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: digits });

/** 令和8年11月分 / 令和8年度 in Japanese; the period as it is (2026-11, FY2026) in English. */
export const periodLabel = (period: string, lang: Lang): string =>
  lang === 'ja' ? periodText(period) : /^\d{4}$/.test(period) ? `FY${period}` : period;

export const detailHref = (id: string) => `/staff/facility-claims/${id}`;
