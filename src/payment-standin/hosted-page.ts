/**
 * The stand-in's hosted payment page (Stripe Checkout's place): GET /pay/:sessionId shows the amount
 * and the line item, "Apple Pay" and "PayPay" buttons (for the session's payment method types), a card
 * form for Stripe's test cards, and a link back to cancel_url. POST /pay/:sessionId pays: on success it
 * redirects to success_url with {CHECKOUT_SESSION_ID} replaced, as Stripe does; a refused card shows
 * why and keeps the session open. Phone-sized, server-rendered, no JavaScript; card numbers are used
 * to decide the outcome and never kept (the charge keeps brand and last four digits, as Stripe's does).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Lang } from '../platform/i18n.js';
import { html, type SafeHtml } from '../web/html.js';
import { StripeApiError, type PayInput, type PayRefusal } from './standin-state.js';
import type { PaymentStandin } from './standin.js';
import { standinMessages } from './standin.messages.js';
import type { CheckoutSession } from './stripe-objects.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Noto Sans JP",sans-serif;background:#f6f9fc;color:#1a1f36;line-height:1.5}
main{max-width:480px;margin:0 auto;padding:1rem}
.merchant{display:flex;justify-content:space-between;align-items:center;gap:.5rem;flex-wrap:wrap}
.merchant h1{font-size:1.1rem;margin:0}
.badge{background:#ffde92;color:#5a3a00;border-radius:.3rem;padding:.1rem .5rem;font-size:.8rem;font-weight:600}
.hint{font-size:.85rem;color:#4f566b}
.amount{font-size:2rem;font-weight:700;margin:.2rem 0 0}
.item{display:flex;justify-content:space-between;gap:1rem;border-top:1px solid #e3e8ee;padding:.6rem 0;margin-top:.6rem}
.item small{display:block;color:#4f566b}
section{background:#fff;border:1px solid #e3e8ee;border-radius:.5rem;padding:1rem;margin:1rem 0}
h2{font-size:1rem;margin:0 0 .75rem}
.wallet{display:block;width:100%;min-height:48px;margin:0 0 .6rem;border:0;border-radius:.4rem;font-size:1rem;font-weight:600;cursor:pointer}
.wallet--apple{background:#000;color:#fff}
.wallet--paypay{background:#d1002a;color:#fff}
.or{text-align:center;color:#4f566b;font-size:.85rem;margin:.4rem 0 .8rem}
label{display:block;font-size:.9rem;margin:.6rem 0 .2rem}
input{width:100%;min-height:44px;padding:.5rem .6rem;font-size:1rem;border:1px solid #a3acb9;border-radius:.4rem}
.row{display:flex;gap:.6rem}.row>div{flex:1}
.pay{display:block;width:100%;min-height:48px;margin-top:1rem;border:0;border-radius:.4rem;background:#0055d4;color:#fff;font-size:1.05rem;font-weight:600;cursor:pointer}
.error{border:2px solid #c0123c;background:#fff5f7;color:#7a0b26;border-radius:.4rem;padding:.6rem .8rem;margin:1rem 0}
.error h2{margin:0 0 .2rem;color:#7a0b26}
a{color:#0055d4}
.plain{min-height:44px;padding:.5rem .8rem;border:1px solid #4f566b;border-radius:.4rem;background:#fff;color:#1a1f36;font-size:.95rem;cursor:pointer}
.back{display:inline-block;margin:.5rem 0;min-height:44px;padding:.6rem 0}
`;

export function registerHostedPage(app: FastifyInstance, standin: PaymentStandin): void {
  const { state } = standin;

  app.get('/pay.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(CSS),
  );

  const find = (id: string): CheckoutSession | undefined => {
    try {
      return state.session(id);
    } catch (err) {
      if (err instanceof StripeApiError) return undefined;
      throw err;
    }
  };

  app.get('/pay/:sessionId', async (req, reply) => {
    const session = find((req.params as { sessionId: string }).sessionId);
    return render(reply, standin, session);
  });

  app.post('/pay/:sessionId', async (req, reply) => {
    const session = find((req.params as { sessionId: string }).sessionId);
    if (!session) return render(reply, standin, undefined);
    const form = typeof req.body === 'string' ? new URLSearchParams(req.body) : new URLSearchParams();
    const action = form.get('action');
    if (action === 'expire') {
      // The tester lets the session expire without waiting for expires_at (checkout.session.expired is sent).
      if (session.status === 'open') state.expireSession(session.id, { id: null, idempotency_key: null });
      return reply.redirect(`/pay/${session.id}`, 303);
    }
    let input: PayInput;
    if (action === 'apple_pay') input = { method: 'apple_pay' };
    else if (action === 'paypay') input = { method: 'paypay' };
    else {
      const exp = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(form.get('exp') ?? '');
      input = {
        method: 'card',
        number: form.get('number') ?? '',
        expMonth: exp ? Number(exp[1]) : 0,
        expYear: exp ? Number(exp[2]) : 0,
        cvc: (form.get('cvc') ?? '').trim(),
      };
    }
    const result = state.pay(session.id, input);
    if (result.ok) return reply.redirect((session.success_url ?? '').replaceAll('{CHECKOUT_SESSION_ID}', session.id), 303);
    return render(reply, standin, session, result.refusal, form.get('exp') ?? '');
  });
}

function langOfSession(session: CheckoutSession | undefined): Lang {
  return session?.locale === 'en' ? 'en' : 'ja';
}

/** JPY is zero-decimal (¥300); other currencies have two decimals. */
function money(amount: number, currency: string, lang: Lang): string {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
  const zeroDecimal = currency === 'jpy' || currency === 'krw';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(zeroDecimal ? amount : amount / 100);
}

function render(
  reply: FastifyReply,
  standin: PaymentStandin,
  session: CheckoutSession | undefined,
  refusal?: PayRefusal,
  exp = '',
): FastifyReply {
  const lang = langOfSession(session);
  const t = standinMessages.in(lang);
  const shell = (body: SafeHtml) => html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('pageTitle')}</title><link rel="stylesheet" href="/pay.css"></head>
<body><main>
<div class="merchant"><h1>${t('merchant')}</h1><span class="badge">${t('testMode')}</span></div>
<p class="hint">${t('standinHint')}</p>
${body}
</main></body></html>`;
  const send = (status: number, body: SafeHtml) =>
    reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(shell(body).toString());
  if (!session) return send(404, html`<section><h2>${t('notFound')}</h2></section>`);
  if (session.status !== 'open') {
    const back = session.status === 'complete' ? session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : session.cancel_url;
    return send(
      session.status === 'complete' ? 200 : 410,
      html`<section><h2>${t(session.status === 'complete' ? 'complete' : 'expired')}</h2>
${back ? html`<a class="back" href="${back}">${t('backToSite')}</a>` : ''}</section>`,
    );
  }
  const amount = money(session.amount_total, session.currency, lang);
  const action = `/pay/${session.id}`;
  const methods = session.payment_method_types;
  const body = html`
${session.cancel_url ? html`<a class="back" href="${session.cancel_url}">← ${t('cancel')}</a>` : ''}
<p class="hint">${t('amountDue')}</p>
<p class="amount" id="amount">${amount}</p>
${itemsOf(standin, session, lang)}
${refusal ? html`<div class="error" role="alert" tabindex="-1"><h2>${t('errorTitle')}</h2><p>${t(refusal)}</p></div>` : ''}
<section aria-labelledby="methods"><h2 id="methods">${t('payWith')}</h2>
${
  methods.includes('card')
    ? html`<form method="post" action="${action}"><input type="hidden" name="action" value="apple_pay"><button class="wallet wallet--apple">${t('applePay')}</button></form>`
    : ''
}
${
  methods.includes('paypay')
    ? html`<form method="post" action="${action}"><input type="hidden" name="action" value="paypay"><button class="wallet wallet--paypay">${t('payPay')}</button></form>`
    : ''
}
${
  methods.includes('card')
    ? html`<p class="or">${t('orCard')}</p>
<form method="post" action="${action}" novalidate>
<input type="hidden" name="action" value="card">
<label for="number">${t('cardNumber')}</label>
<input id="number" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" maxlength="23" required>
<div class="row"><div><label for="exp">${t('expiry')}</label>
<input id="exp" name="exp" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" maxlength="7" value="${exp}" required></div>
<div><label for="cvc">${t('cvc')}</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4" required></div></div>
<button class="pay">${t('pay', { amount })}</button>
</form>
<p class="hint">${t('testCards')}</p>`
    : ''
}
</section>
<section aria-labelledby="test-actions"><h2 id="test-actions">${t('testActions')}</h2>
<form method="post" action="${action}"><input type="hidden" name="action" value="expire"><button class="plain">${t('expireNow')}</button></form>
</section>`;
  return send(refusal ? 402 : 200, body);
}

function itemsOf(standin: PaymentStandin, session: CheckoutSession, lang: Lang): SafeHtml {
  const items = standin.state.lineItems.get(session.id) ?? [];
  const t = standinMessages.in(lang);
  return html`${items.map(
    (i) =>
      html`<div class="item"><span>${i.name}<small>${t('quantity', { quantity: i.quantity })}</small></span><span>${money(i.unitAmount * i.quantity, i.currency, lang)}</span></div>`,
  )}`;
}
