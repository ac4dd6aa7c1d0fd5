/**
 * Stripe's HTTP API, the subset madoguchi's adapter uses, as the official SDK speaks it: form-encoded
 * bodies with bracketed keys, `expand[]` in the query, `Authorization: Bearer sk_test_…`,
 * `Idempotency-Key` on POSTs (same key and same parameters replay the first answer with
 * `Idempotent-Replayed: true`; same key with other parameters or another endpoint is an
 * `idempotency_error`), errors as `{ error: { type, message, code?, param? } }` with Stripe's statuses,
 * lists as `{ object: 'list', data, has_more, url }`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FormParamsError, parseFormParams, type FormParams, type FormValue } from './form-params.js';
import { invalidRequest, StripeApiError, type CreateSessionInput } from './standin-state.js';
import type { PaymentStandin } from './standin.js';
import { lineItemObject, list, newId, type StripeEvent } from './stripe-objects.js';

type Parsed = { params: FormParams; query: FormParams; requestId: string; idempotencyKey: string | null };
const parsedOf = new WeakMap<FastifyRequest, Parsed>();

export function registerApi(app: FastifyInstance, standin: PaymentStandin): void {
  const { state, idempotent } = standin;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('preHandler', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return;
    const requestId = newId('req', 14);
    reply.header('request-id', requestId);
    reply.header('stripe-version', String(req.headers['stripe-version'] ?? standin.apiVersion));
    const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    let params: FormParams = {};
    let query: FormParams = {};
    let malformed: string | undefined;
    try {
      query = parseFormParams(qs);
      params = typeof req.body === 'string' ? parseFormParams(req.body) : {};
    } catch (err) {
      if (!(err instanceof FormParamsError)) throw err;
      malformed = err.message;
    }
    const key = req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : null;
    standin.recordCall({ method: req.method, path: req.url.split('?')[0] as string, query, params, idempotencyKey });
    parsedOf.set(req, { params, query, requestId, idempotencyKey });

    const auth = authError(req.headers.authorization, standin.options.secretKey);
    if (auth) return send(reply, auth);
    if (standin.outage && standin.outage.remaining > 0) {
      standin.outage.remaining--;
      return send(reply, new StripeApiError(standin.outage.status, { type: 'api_error', message: 'An unknown error occurred' }));
    }
    if (malformed) return send(reply, invalidRequest(malformed));
    if (req.method === 'POST' && idempotencyKey) {
      const prior = idempotent.get(idempotencyKey);
      const endpoint = `${req.method} ${req.url.split('?')[0]}`;
      if (prior) {
        if (prior.endpoint !== endpoint)
          return send(
            reply,
            new StripeApiError(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${prior.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          );
        if (prior.params !== canonical(params))
          return send(
            reply,
            new StripeApiError(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          );
        return reply.code(prior.status).header('idempotent-replayed', 'true').type('application/json').send(prior.body);
      }
    }
  });

  // Stripe keeps the result of a request that began executing under its key (24 hours; the stand-in: while it runs).
  const post = (path: string, handler: (p: Parsed, req: FastifyRequest) => unknown) =>
    app.post(path, async (req, reply) => {
      const p = parsedOf.get(req) as Parsed;
      try {
        const body = handler(p, req);
        if (p.idempotencyKey) {
          idempotent.set(p.idempotencyKey, { endpoint: `POST ${req.url.split('?')[0]}`, params: canonical(p.params), status: 200, body });
          state.onChange();
        }
        return reply.type('application/json').send(body);
      } catch (err) {
        if (err instanceof StripeApiError) return send(reply, err);
        throw err;
      }
    });
  const get = (path: string, handler: (p: Parsed, req: FastifyRequest) => unknown) =>
    app.get(path, async (req, reply) => {
      try {
        return reply.type('application/json').send(handler(parsedOf.get(req) as Parsed, req));
      } catch (err) {
        if (err instanceof StripeApiError) return send(reply, err);
        throw err;
      }
    });
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  const eventRequest = (p: Parsed): StripeEvent['request'] => ({ id: p.requestId, idempotency_key: p.idempotencyKey });

  post('/v1/checkout/sessions', (p) => {
    const input = sessionInput(p.params);
    checkExpand(p.params, 'checkout.session');
    if (input.expiresAt !== null) {
      const now = state.nowSeconds();
      if (input.expiresAt < now + 30 * 60)
        throw invalidRequest('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
      if (input.expiresAt > now + 24 * 3600)
        throw invalidRequest('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
    }
    return expanded(standin, state.createSession(input), expandPaths(p.params));
  });
  get('/v1/checkout/sessions', (p) => {
    const q = p.query;
    const pi = str(q.payment_intent);
    const status = str(q.status);
    const data = [...state.sessions.values()]
      .map((s) => state.session(s.id))
      .filter((s) => (!pi || s.payment_intent === pi) && (!status || s.status === status))
      .reverse();
    return listPage(data, q, '/v1/checkout/sessions', (s) => expanded(standin, s, itemExpandPaths(q)));
  });
  get('/v1/checkout/sessions/:id', (p, req) => expanded(standin, state.session(idOf(req)), expandPaths(p.query)));
  post('/v1/checkout/sessions/:id/expire', (p, req) =>
    expanded(standin, state.expireSession(idOf(req), eventRequest(p)), expandPaths(p.params)),
  );
  get('/v1/checkout/sessions/:id/line_items', (_p, req) => {
    const id = state.session(idOf(req)).id;
    return list((state.lineItems.get(id) ?? []).map(lineItemObject), `/v1/checkout/sessions/${id}/line_items`);
  });

  get('/v1/payment_intents/:id', (p, req) => expanded(standin, state.paymentIntent(idOf(req)), expandPaths(p.query)));
  get('/v1/charges/:id', (p, req) => expanded(standin, state.charge(idOf(req)), expandPaths(p.query)));

  post('/v1/refunds', (p) => {
    const b = p.params;
    const known = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand', 'instructions_email', 'origin']);
    for (const k of Object.keys(b)) if (!known.has(k)) throw invalidRequest(`Received unknown parameter: ${k}`, k);
    const amount = b.amount === undefined ? undefined : positiveInt(b.amount, 'amount');
    const reason = str(b.reason);
    if (reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason))
      throw invalidRequest(`Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`, 'reason');
    const refund = state.refund({ paymentIntent: str(b.payment_intent), charge: str(b.charge), amount, reason }, eventRequest(p));
    return expanded(standin, refund, expandPaths(b));
  });
  get('/v1/refunds/:id', (p, req) => {
    const r = state.refunds.get(idOf(req));
    if (!r)
      throw new StripeApiError(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: `No such refund: '${idOf(req)}'`,
      });
    return expanded(standin, r, expandPaths(p.query));
  });

  get('/v1/events', (p) => {
    const q = p.query;
    const type = str(q.type);
    const types = Array.isArray(q.types) ? q.types.map(String) : undefined;
    const created = q.created;
    const range = typeof created === 'object' && !Array.isArray(created) ? created : {};
    const exact = typeof created === 'string' ? Number(created) : undefined;
    const bound = (k: string) => (typeof range[k] === 'string' ? Number(range[k]) : undefined);
    const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
    const matchesType = (t: string) =>
      (!type || (type.endsWith('.*') ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types || types.includes(t));
    const data = state.events
      .filter(
        (e) =>
          matchesType(e.type) &&
          (exact === undefined || e.created === exact) &&
          (gt === undefined || e.created > gt) &&
          (gte === undefined || e.created >= gte) &&
          (lt === undefined || e.created < lt) &&
          (lte === undefined || e.created <= lte),
      )
      .slice()
      .reverse();
    return listPage(data, q, '/v1/events', (e) => e);
  });
  get('/v1/events/:id', (_p, req) => {
    const e = state.events.find((x) => x.id === idOf(req));
    if (!e)
      throw new StripeApiError(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: `No such event: '${idOf(req)}'`,
      });
    return e;
  });

  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      new StripeApiError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${req.method}: ${req.url.split('?')[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      }),
    ),
  );
}

function send(reply: FastifyReply, err: StripeApiError) {
  return reply.code(err.status).type('application/json').send({ error: err.error });
}

function authError(header: string | undefined, secretKey: string): StripeApiError | undefined {
  let key: string | undefined;
  if (header?.startsWith('Bearer ')) key = header.slice(7).trim();
  else if (header?.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
  if (!key)
    return new StripeApiError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  if (key !== secretKey)
    return new StripeApiError(401, {
      type: 'invalid_request_error',
      message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
    });
  return undefined;
}

/** Parameters compared for idempotency: the same parameters in any order are the same request. */
function canonical(v: FormValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(v[k] as FormValue)}`)
    .join(',')}}`;
}

const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function positiveInt(v: FormValue | undefined, param: string, min = 1): number {
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v) || Number(v) < min) throw invalidRequest(`Invalid positive integer`, param);
  return Number(v);
}

function url(v: FormValue | undefined, param: string): string {
  if (typeof v !== 'string' || !/^https?:\/\/[^\s]+$/.test(v) || v.length > 5000)
    throw invalidRequest('Not a valid URL', param, 'url_invalid');
  return v;
}

// Parameters of POST /v1/checkout/sessions (Stripe's API reference). The stand-in keeps and answers
// the ones madoguchi could send (and customer_email/metadata, so a test would see personal data leave);
// the others are accepted as Stripe accepts them and recorded in calls().
// biome-ignore format: a word list
const SESSION_PARAMS = new Set([
  'adaptive_pricing', 'after_expiration', 'allow_promotion_codes', 'allowed_payment_method_types', 'automatic_tax', 'billing_address_collection', 'branding_settings',
  'cancel_url', 'client_reference_id', 'consent_collection', 'currency', 'custom_fields', 'custom_text', 'customer', 'customer_account',
  'customer_creation', 'customer_email', 'customer_update', 'discounts', 'excluded_payment_method_types', 'expand', 'expires_at',
  'invoice_creation', 'line_items', 'locale', 'metadata', 'mode', 'name_collection', 'optional_items', 'origin_context',
  'payment_intent_data', 'payment_method_collection', 'payment_method_configuration', 'payment_method_data', 'payment_method_options',
  'permissions', 'phone_number_collection', 'redirect_on_completion', 'return_url',
  'saved_payment_method_options', 'setup_intent_data', 'shipping_address_collection', 'shipping_options', 'submit_type',
  'subscription_data', 'success_url', 'tax_id_collection', 'ui_mode', 'wallet_options',
]);

const LOCALES = new Set(
  'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'.split(
    ' ',
  ),
);
// Method names Stripe knows (a subset: the stand-in offers card and paypay; others are valid names it never offers).
const KNOWN_METHODS = new Set([
  'card',
  'paypay',
  'konbini',
  'customer_balance',
  'link',
  'alipay',
  'wechat_pay',
  'kakao_pay',
  'naver_pay',
  'payco',
  'kr_card',
  'samsung_pay',
]);

function sessionInput(p: FormParams): CreateSessionInput {
  for (const k of Object.keys(p)) if (!SESSION_PARAMS.has(k)) throw invalidRequest(`Received unknown parameter: ${k}`, k);
  if (p.mode === undefined) throw invalidRequest('Missing required param: mode.', 'mode', 'parameter_missing');
  if (p.mode !== 'payment') throw invalidRequest(`The payment stand-in supports mode=payment only (got ${String(p.mode)}).`, 'mode');
  if (p.ui_mode !== undefined && p.ui_mode !== 'hosted')
    throw invalidRequest('The payment stand-in serves hosted Checkout only.', 'ui_mode');
  const items = p.line_items;
  if (!Array.isArray(items) || items.length === 0)
    throw invalidRequest('Missing required param: line_items.', 'line_items', 'parameter_missing');
  const lineItems = items.map((raw, i) => {
    const param = `line_items[${i}]`;
    if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidRequest('Invalid object', param);
    if (raw.price !== undefined) throw invalidRequest(`No such price: '${String(raw.price)}'`, `${param}[price]`, 'resource_missing');
    const pd = raw.price_data;
    if (typeof pd !== 'object' || Array.isArray(pd))
      throw invalidRequest(`You must specify either \`price\` or \`price_data\` in ${param}.`, param, 'parameter_missing');
    const quantity = positiveInt(raw.quantity, `${param}[quantity]`);
    const currency = str(pd.currency);
    if (!currency || !/^[a-z]{3}$/.test(currency)) throw invalidRequest('Invalid currency', `${param}[price_data][currency]`);
    const unitAmount = positiveInt(pd.unit_amount, `${param}[price_data][unit_amount]`, 0);
    const product = pd.product_data;
    const name = typeof product === 'object' && !Array.isArray(product) ? str(product.name) : undefined;
    if (!name)
      throw invalidRequest(
        'Missing required param: line_items[0][price_data][product_data][name].',
        `${param}[price_data][product_data][name]`,
      );
    return { name, unitAmount, quantity, currency };
  });
  const currency = (lineItems[0] as { currency: string }).currency;
  if (lineItems.some((l) => l.currency !== currency)) throw invalidRequest('All line items must share one currency.', 'line_items');
  const total = lineItems.reduce((s, l) => s + l.unitAmount * l.quantity, 0);
  if (currency === 'jpy' && total < 50)
    throw invalidRequest("The Checkout Session's total amount due must add up to at least ¥50", 'line_items');
  if (currency === 'jpy' && total > 99_999_999)
    throw invalidRequest("The Checkout Session's total amount due must be no more than ¥99,999,999", 'line_items');
  // The API version the SDK pins has no payment_method_types: the session offers the methods eligible
  // for its currency (here card, and PayPay for JPY), filtered by allowed_payment_method_types.
  const eligible = currency === 'jpy' ? ['card', 'paypay'] : ['card'];
  const allowed = p.allowed_payment_method_types;
  if (allowed !== undefined && (!Array.isArray(allowed) || allowed.length === 0 || allowed.some((m) => typeof m !== 'string')))
    throw invalidRequest('Invalid array', 'allowed_payment_method_types');
  for (const m of (allowed ?? []) as string[])
    if (!KNOWN_METHODS.has(m))
      throw invalidRequest(
        `Invalid allowed_payment_method_types[]: must be one of ${[...KNOWN_METHODS].join(', ')}`,
        'allowed_payment_method_types',
      );
  const methods = allowed === undefined ? eligible : eligible.filter((m) => (allowed as string[]).includes(m));
  if (methods.length === 0)
    throw invalidRequest('None of the allowed payment method types can be used for this Checkout Session.', 'allowed_payment_method_types');
  const locale = str(p.locale) ?? null;
  if (locale !== null && !LOCALES.has(locale)) throw invalidRequest(`Invalid locale: ${locale}`, 'locale');
  const ref = str(p.client_reference_id) ?? null;
  if (ref !== null && ref.length > 200) throw invalidRequest('client_reference_id must be at most 200 characters', 'client_reference_id');
  const metadata: Record<string, string> = {};
  if (p.metadata !== undefined) {
    if (typeof p.metadata !== 'object' || Array.isArray(p.metadata)) throw invalidRequest('Invalid object', 'metadata');
    for (const [k, v] of Object.entries(p.metadata)) if (typeof v === 'string') metadata[k] = v;
  }
  if (p.success_url === undefined) throw invalidRequest('Missing required param: success_url.', 'success_url', 'parameter_missing');
  return {
    lineItems,
    currency,
    clientReferenceId: ref,
    successUrl: url(p.success_url, 'success_url'),
    cancelUrl: p.cancel_url === undefined ? null : url(p.cancel_url, 'cancel_url'),
    expiresAt: p.expires_at === undefined ? null : positiveInt(p.expires_at, 'expires_at'),
    locale,
    paymentMethodTypes: methods,
    allowedPaymentMethodTypes: (allowed as string[] | undefined) ?? null,
    customerEmail: str(p.customer_email) ?? null,
    metadata,
  };
}

// What each object lets expand (a path's first segment); deeper segments expand the expanded object.
const EXPANDABLE: Record<string, string[]> = {
  'checkout.session': ['payment_intent', 'line_items'],
  payment_intent: ['latest_charge'],
  charge: ['payment_intent'],
  refund: ['charge', 'payment_intent'],
};

const expandPaths = (p: FormParams): string[] => {
  const e = p.expand;
  if (e === undefined) return [];
  if (!Array.isArray(e) || e.some((x) => typeof x !== 'string')) throw invalidRequest('Invalid array', 'expand');
  return e as string[];
};
// On lists, `expand[]=data.payment_intent` expands each item.
const itemExpandPaths = (p: FormParams): string[] =>
  expandPaths(p).map((x) => {
    if (!x.startsWith('data.')) throw invalidRequest(`This property cannot be expanded (${x}).`, 'expand');
    return x.slice(5);
  });

function checkExpand(p: FormParams, object: string): void {
  for (const path of expandPaths(p))
    if (!EXPANDABLE[object]?.includes(path.split('.')[0] as string))
      throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}

/** A copy of the object with the expand paths replaced by the objects they name. */
function expanded(standin: PaymentStandin, object: { object: string; id: string }, paths: string[]): unknown {
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const path of paths) expandInto(standin, copy, path.split('.'), path);
  return copy;
}

function expandInto(standin: PaymentStandin, obj: Record<string, unknown>, path: string[], full: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (!EXPANDABLE[String(obj.object)]?.includes(head)) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
  if (obj.object === 'checkout.session' && head === 'line_items') {
    const id = String(obj.id);
    obj.line_items = list((standin.state.lineItems.get(id) ?? []).map(lineItemObject), `/v1/checkout/sessions/${id}/line_items`);
    if (rest.length) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
    return;
  }
  let value = obj[head];
  if (typeof value === 'string') {
    const { state } = standin;
    const found = value.startsWith('pi_')
      ? state.paymentIntents.get(value)
      : value.startsWith('ch_')
        ? state.charges.get(value)
        : undefined;
    value = found ? structuredClone(found) : value;
    obj[head] = value;
  }
  if (rest.length && value && typeof value === 'object') expandInto(standin, value as Record<string, unknown>, rest, full);
}

function listPage<T extends { id: string }>(all: T[], q: FormParams, url: string, map: (x: T) => unknown) {
  const limitRaw = str(q.limit);
  const limit = limitRaw === undefined ? 10 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidRequest('Invalid integer: limit must be between 1 and 100', 'limit');
  const after = str(q.starting_after);
  let start = 0;
  if (after) {
    const i = all.findIndex((x) => x.id === after);
    if (i < 0) throw invalidRequest(`No such object: '${after}'`, 'starting_after', 'resource_missing');
    start = i + 1;
  }
  const page = all.slice(start, start + limit);
  return list(page.map(map), url, start + limit < all.length);
}
