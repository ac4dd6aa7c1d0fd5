/**
 * A local stand-in for the LINE platform, so the LINE channel can be tried and tested without a LINE
 * account. It speaks the subset of the Messaging API madoguchi uses (reply, push with
 * X-Line-Retry-Key, profile, rich menu create / list / delete / set default / image upload), the
 * LIFF ID-token verify endpoint (POST /oauth2/v2.1/verify), LIFF URL opening and liff.init() as LINE
 * documents them (liff-sdk.ts), signs the webhooks it sends with the
 * channel secret, records what the bot sent, and serves a chat simulator page (simulator.ts).
 *
 * Runs on its own port (startLineStandin): started by `npm start` in demo mode and by the tests. Its
 * API paths sit at the root, as on api.line.me (the SDK resolves paths against the base URL's origin).
 */
import crypto from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerLiffSdk } from './liff-sdk.js';
import { registerSimulator } from './simulator.js';
import { newEventId, StandinState, type BotMessage } from './standin-state.js';
import { standinMessages } from './standin.messages.js';
import { z } from 'zod';

// Request bodies as LINE's API documents them; what does not parse gets LINE's own 400 answer.
const messages = z
  .array(z.custom<BotMessage>((m) => typeof m === 'object' && m !== null))
  .min(1)
  .max(5);
const replyBody = z.object({ replyToken: z.string(), messages }).passthrough();
const pushBody = z.object({ to: z.string().min(1), messages }).passthrough();
const richMenuBody = z
  .object({
    size: z.unknown().refine((v) => v != null),
    areas: z.array(z.unknown()).min(1).max(20),
    chatBarText: z.string().min(1),
    name: z.string().optional(),
    selected: z.boolean().optional(),
  })
  .passthrough();
const verifyBody = z.object({ id_token: z.string().optional(), client_id: z.string().optional() }).passthrough();
const userIdParams = z.object({ userId: z.string() });
const idParams = z.object({ id: z.string() });
const BAD_BODY = 'The request body has 1 error(s)';

export type StandinOptions = {
  channelSecret: string;
  channelAccessToken: string;
  /** Where webhooks go (madoguchi's POST /line/webhook). Settable later with setWebhookUrl. */
  webhookUrl?: string;
  /** madoguchi's LIFF endpoint URL (…/line/liff): where liff.line.me links open in the simulator. */
  liffEndpointUrl?: string;
  /** Path prefix under which the stand-in is mounted ('' when it runs on its own server). */
  prefix?: string;
  now?: () => number;
};

export type EventInput = { type: 'follow' } | { type: 'unfollow' } | { type: 'message'; text: string } | { type: 'postback'; data: string };

export class LineStandin {
  readonly state = new StandinState();
  webhookUrl: string | undefined;
  liffEndpointUrl: string | undefined;

  constructor(readonly options: StandinOptions) {
    this.webhookUrl = options.webhookUrl;
    this.liffEndpointUrl = options.liffEndpointUrl;
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  sign(body: string): string {
    return crypto.createHmac('sha256', this.options.channelSecret).update(body).digest('base64');
  }

  /** Builds the webhook event a LINE user's action produces; returns it with its reply token. */
  buildEvent(userId: string, input: EventInput): Record<string, unknown> {
    const base = {
      webhookEventId: newEventId(),
      timestamp: this.now(),
      mode: 'active',
      source: { type: 'user', userId },
      deliveryContext: { isRedelivery: false },
    };
    const replyToken = input.type === 'unfollow' ? undefined : this.state.issueReplyToken(userId);
    switch (input.type) {
      case 'follow':
        return { ...base, type: 'follow', replyToken, follow: { isUnblocked: false } };
      case 'unfollow':
        return { ...base, type: 'unfollow' };
      case 'message':
        return {
          ...base,
          type: 'message',
          replyToken,
          message: { type: 'text', id: String(Date.now()), text: input.text, quoteToken: newEventId() },
        };
      case 'postback':
        return { ...base, type: 'postback', replyToken, postback: { data: input.data } };
    }
  }

  /** Signs and POSTs one webhook delivery; returns the HTTP status madoguchi answered. */
  async deliver(events: Record<string, unknown>[], signature?: string | null): Promise<number> {
    if (!this.webhookUrl) throw new Error('LINE stand-in: no webhook URL set');
    const body = JSON.stringify({ destination: 'Ustandin00000000000000000000000000', events });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const sig = signature === undefined ? this.sign(body) : signature;
    if (sig !== null) headers['x-line-signature'] = sig;
    const res = await fetch(this.webhookUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    for (const e of events) this.state.deliveries.push({ webhookEventId: String(e.webhookEventId), body, status: res.status });
    return res.status;
  }

  /** Sends the same event again, marked as a redelivery (as LINE does when a webhook failed). */
  async redeliver(webhookEventId: string): Promise<number> {
    const d = this.state.deliveries.find((x) => x.webhookEventId === webhookEventId);
    if (!d) throw new Error(`no delivery ${webhookEventId}`);
    const parsed = JSON.parse(d.body) as { events: Record<string, unknown>[] };
    const ev = parsed.events.find((e) => e.webhookEventId === webhookEventId) as Record<string, unknown>;
    return this.deliver([{ ...ev, deliveryContext: { isRedelivery: true } }]);
  }

  /** A LINE user's action: updates the talk, sends the signed webhook; returns the event. */
  async act(userId: string, input: EventInput, shown?: string): Promise<Record<string, unknown>> {
    const u = this.state.user(userId);
    if (input.type === 'follow') {
      u.following = true;
      this.state.addUserLine(userId, 'system', standinMessages.t('ja', 'followed', { name: u.displayName }));
    } else if (input.type === 'unfollow') {
      u.following = false;
      this.state.addUserLine(userId, 'system', standinMessages.t('ja', 'blocked', { name: u.displayName }));
    } else if (input.type === 'message') this.state.addUserLine(userId, 'user', input.text);
    else if (shown) this.state.addUserLine(userId, 'user', shown);
    const ev = this.buildEvent(userId, input);
    await this.deliver([ev]);
    return ev;
  }

  /** Waits until the bot has answered the event's reply token (or the timeout passes). */
  async waitForReply(event: Record<string, unknown>, timeoutMs = 5000): Promise<boolean> {
    const token = event.replyToken as string | undefined;
    if (!token) return false;
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.state.replyTokens.get(token)?.used) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /** Everything the bot sent to a user (replies and delivered pushes), oldest first. */
  sentTo(userId: string) {
    return this.state.sent.filter((s) => s.to === userId);
  }
}

function lineError(reply: FastifyReply, status: number, message: string, details?: unknown) {
  return reply
    .code(status)
    .type('application/json')
    .send({ message, ...(details ? { details } : {}) });
}

/** Registers the API, verify endpoint and simulator routes on a Fastify instance (under its prefix). */
export async function registerStandinRoutes(app: FastifyInstance, standin: LineStandin): Promise<void> {
  const { state } = standin;
  const authed = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (req.headers.authorization !== `Bearer ${standin.options.channelAccessToken}`) {
      void lineError(reply, 401, 'Authentication failed. Confirm that the access token in the authorization header is valid.');
      return false;
    }
    return true;
  };
  // LINE accepts an empty body on POSTs such as "set default rich menu".
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser(['image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/v2/bot/message/reply', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const token = z.object({ replyToken: z.string() }).passthrough().safeParse(req.body);
    const t = token.success ? state.replyTokens.get(token.data.replyToken) : undefined;
    if (!t || t.used) return lineError(reply, 400, 'Invalid reply token');
    const parsed = replyBody.safeParse(req.body);
    if (!parsed.success) return lineError(reply, 400, BAD_BODY);
    const body = parsed.data;
    t.used = true;
    const rec = state.recordSent({ via: 'reply', to: t.userId, replyToken: body.replyToken, messages: body.messages, delivered: true });
    return { sentMessages: body.messages.map((_, i) => ({ id: `${rec.seq}${i}`, quoteToken: newEventId() })) };
  });

  app.post('/v2/bot/message/push', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const retryKey = req.headers['x-line-retry-key'];
    if (typeof retryKey === 'string') {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(retryKey))
        return lineError(reply, 400, 'The retry key is invalid');
      const prior = state.retryKeys.get(retryKey);
      if (prior) {
        reply.header('x-line-accepted-request-id', String(prior.seq));
        return lineError(reply, 409, 'The retry key is already accepted');
      }
    }
    const parsed = pushBody.safeParse(req.body);
    if (!parsed.success) return lineError(reply, 400, BAD_BODY);
    const body = parsed.data;
    const user = state.users.get(body.to);
    if (!user) return lineError(reply, 400, 'Failed to send messages');
    // LINE accepts a push to a user who blocked the account but does not deliver it.
    const rec = state.recordSent({
      via: 'push',
      to: body.to,
      retryKey: typeof retryKey === 'string' ? retryKey : undefined,
      messages: body.messages,
      delivered: user.following,
    });
    if (typeof retryKey === 'string') state.retryKeys.set(retryKey, rec);
    return { sentMessages: body.messages.map((_, i) => ({ id: `${rec.seq}${i}` })) };
  });

  app.get('/v2/bot/profile/:userId', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const u = state.users.get(userIdParams.parse(req.params).userId);
    if (!u || !u.following) return lineError(reply, 404, 'Not found');
    return { userId: u.userId, displayName: u.displayName, language: 'ja' };
  });

  app.post('/v2/bot/richmenu', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const parsed = richMenuBody.safeParse(req.body);
    if (!parsed.success) return lineError(reply, 400, BAD_BODY);
    const body: RichMenuBody = parsed.data;
    const richMenuId = `richmenu-${crypto.randomBytes(16).toString('hex')}`;
    state.richMenus.set(richMenuId, { richMenuId, body });
    return { richMenuId };
  });
  app.get('/v2/bot/richmenu/list', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    return { richmenus: [...state.richMenus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.body })) };
  });
  app.delete('/v2/bot/richmenu/:id', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const { id } = idParams.parse(req.params);
    if (!state.richMenus.delete(id)) return lineError(reply, 404, 'Not found');
    if (state.defaultRichMenuId === id) state.defaultRichMenuId = undefined;
    return {};
  });
  app.post('/v2/bot/user/all/richmenu/:id', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const m = state.richMenus.get(idParams.parse(req.params).id);
    if (!m) return lineError(reply, 404, 'Not found');
    if (!m.image) return lineError(reply, 400, 'must upload richmenu image before applying it to user');
    state.defaultRichMenuId = m.richMenuId;
    return {};
  });
  app.get('/v2/bot/user/all/richmenu', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    if (!state.defaultRichMenuId) return lineError(reply, 404, 'no default richmenu');
    return { richMenuId: state.defaultRichMenuId };
  });
  // api-data.line.me
  app.post('/v2/bot/richmenu/:id/content', async (req, reply) => {
    if (!authed(req, reply)) return reply;
    const m = state.richMenus.get(idParams.parse(req.params).id);
    if (!m) return lineError(reply, 404, 'Not found');
    if (m.image) return lineError(reply, 400, 'An image has already been uploaded to the richmenu');
    const type = String(req.headers['content-type'] ?? '');
    if (!Buffer.isBuffer(req.body) || !/^image\/(png|jpeg)/.test(type)) return lineError(reply, 415, 'Unsupported media type');
    m.image = { type, data: req.body };
    return {};
  });

  app.post('/oauth2/v2.1/verify', async (req, reply) => {
    // LINE's verify endpoint reads a form body; anything else is treated as no token.
    const v = verifyBody.safeParse(req.body ?? {});
    const body = v.success ? v.data : {};
    const t = body.id_token ? state.idTokens.get(body.id_token) : undefined;
    if (!t) return reply.code(400).send({ error: 'invalid_request', error_description: 'Invalid IdToken.' });
    if (t.aud !== body.client_id) return reply.code(400).send({ error: 'invalid_request', error_description: 'Invalid IdToken Audience.' });
    if (t.exp * 1000 <= standin.now()) return reply.code(400).send({ error: 'invalid_request', error_description: 'IdToken expired.' });
    const u = state.users.get(t.sub);
    return { iss: 'https://access.line.me', sub: t.sub, aud: t.aud, exp: t.exp, iat: t.iat, amr: ['linesso'], name: u?.displayName };
  });

  registerLiffSdk(app, standin);
  registerSimulator(app, standin);
}

type RichMenuBody = { size?: unknown; areas?: unknown[]; chatBarText?: string; name?: string; selected?: boolean };

/** Runs the stand-in on its own port (tests); returns it with its base URL and a close function. */
export async function startLineStandin(
  options: StandinOptions & { port?: number; host?: string },
): Promise<{ standin: LineStandin; url: string; close(): Promise<void> }> {
  const standin = new LineStandin({ ...options, prefix: '' });
  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    );
    reply.header('X-Content-Type-Options', 'nosniff');
    return payload;
  });
  await registerStandinRoutes(app, standin);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  return { standin, url, close: () => app.close() };
}
