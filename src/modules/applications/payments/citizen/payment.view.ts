/**
 * The citizen frame and the pieces of the payment pages (return page, pay refusals). The link back to
 * the status page carries the application's secret only when this browser proved it (the cookie
 * set by the pay action, checked against the application): the return URL itself never holds it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { citizenShell, linkButton, summaryList } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { normaliseReference } from '../application-token.js';
import { paymentMessages } from '../payments.messages.js';

export function paymentPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  const t = paymentMessages.in(req.lang);
  return citizenShell({ lang: req.lang, title, main, path: req.url.split('?')[0], siteName: t('siteName') }).toString();
}

/** The status page of an application, with its secret (the link the citizen keeps). */
export const statusHref = (referenceNumber: string, token: string) => `/applications/${referenceNumber}?t=${encodeURIComponent(token)}`;

const COOKIE = 'madoguchi_pay';
const cookieName = (ctx: AppContext) => (ctx.config.env === 'production' ? `__Host-${COOKIE}` : COOKIE);

/** Remembers, for the return page, which application this browser is paying (its number and secret). */
export function rememberPayer(ctx: AppContext, reply: FastifyReply, referenceNumber: string, token: string): void {
  reply.setCookie(cookieName(ctx), `${referenceNumber}.${token}`, {
    path: '/',
    httpOnly: true,
    // Lax: sent on the provider's top-level redirect back to us, never on another site's sub-requests.
    sameSite: 'lax',
    secure: ctx.config.env === 'production',
    maxAge: (ctx.config.payments.sessionMinutes + 60) * 60,
  });
}

/** The number and secret this browser remembered, when they are for `referenceNumber`. */
export function rememberedToken(ctx: AppContext, req: FastifyRequest, referenceNumber: string): string | null {
  const v = req.cookies?.[cookieName(ctx)];
  const m = typeof v === 'string' ? /^([^.]{1,40})\.([A-Za-z0-9_-]{16,128})$/.exec(v) : null;
  if (!m || normaliseReference(m[1] as string) !== referenceNumber) return null;
  return m[2] as string;
}

/** The way back to the status page: a link when this browser holds the secret, else where to find it. */
export function statusLinkBlock(req: FastifyRequest, referenceNumber: string, token: string | null): SafeHtml {
  const t = paymentMessages.in(req.lang);
  return token
    ? html`<p>${linkButton({ href: statusHref(referenceNumber, token), label: t('statusLink') })}</p>`
    : html`<p>${t('statusByMail')}</p>`;
}

export function paymentFacts(req: FastifyRequest, p: { referenceNumber: string; amount: number; method?: string | null }): SafeHtml {
  const t = paymentMessages.in(req.lang);
  const method = p.method && ['card', 'apple_pay', 'paypay', 'other'].includes(p.method) ? p.method : null;
  return summaryList({
    items: [
      { term: t('referenceLabel'), value: p.referenceNumber },
      { term: t('amountLabel'), value: t('amountValue', { amount: p.amount.toLocaleString('ja-JP') }) },
      ...(method ? [{ term: t('methodLabel'), value: t(`method.${method as 'card' | 'apple_pay' | 'paypay' | 'other'}`) }] : []),
    ],
  });
}
