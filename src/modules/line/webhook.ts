/**
 * POST /line/webhook. The X-Line-Signature is checked against the raw body with the channel secret
 * (official SDK) before anything is parsed or stored: a bad or missing signature gets 401 and leaves
 * nothing but a security log line. Accepted events are recorded by webhookEventId (primary key: a
 * redelivery takes effect once) and handled by a job, so LINE gets its 200 at once.
 */
import { validateSignature } from '@line/bot-sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { enqueue } from '../../platform/jobs.js';
import { AppError, problemTypes } from '../../http/errors.js';
import { acceptWebhookEvent } from './line.repository.js';

export const LINE_EVENT_QUEUE = 'line.webhook-event';

/** The part of a webhook event madoguchi reads; the rest is ignored. */
export const webhookEvent = z.object({
  type: z.string().max(40),
  webhookEventId: z.string().min(1).max(100),
  timestamp: z.number().optional(),
  mode: z.string().optional(),
  replyToken: z.string().max(200).optional(),
  source: z
    .object({
      type: z.string(),
      userId: z
        .string()
        .regex(/^U[0-9a-f]{32}$/)
        .optional(),
    })
    .optional(),
  message: z.object({ type: z.string(), text: z.string().max(5000).optional() }).optional(),
  postback: z.object({ data: z.string().max(300) }).optional(),
});
export type WebhookEvent = z.output<typeof webhookEvent>;

const webhookBody = z.object({ destination: z.string().optional(), events: z.array(z.unknown()).max(100) });

const unauthorized = () => new AppError('line_signature_invalid', 401, problemTypes.line_signature_invalid.title);

export async function registerWebhook(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Own encapsulated scope: the raw-body parser applies to this route only.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.post('/line/webhook', async (req, reply) => {
      const secret = ctx.config.line.channelSecret;
      if (!secret) throw new AppError('line_not_configured', 503, problemTypes.line_not_configured.title);
      const signature = req.headers['x-line-signature'];
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (typeof signature !== 'string' || signature === '' || !validateSignature(raw, secret, signature)) {
        ctx.log.warn(
          {
            event: 'line_webhook_signature_rejected',
            reason: typeof signature === 'string' && signature ? 'invalid' : 'missing',
            clientIp: req.ip,
            reqId: req.id,
          },
          'LINE webhook refused: bad or missing signature',
        );
        throw unauthorized();
      }
      let parsed: z.output<typeof webhookBody>;
      try {
        parsed = webhookBody.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        throw new AppError('bad_request', 400, problemTypes.bad_request.title);
      }
      const now = ctx.clock.now();
      let accepted = 0;
      await ctx.db.transaction(async (tx) => {
        for (const item of parsed.events) {
          const ev = webhookEvent.safeParse(item);
          if (!ev.success) {
            ctx.log.warn({ event: 'line_webhook_event_ignored' }, 'LINE webhook event without the expected shape ignored');
            continue;
          }
          if (!(await acceptWebhookEvent(tx, ev.data.webhookEventId, ev.data.type, now))) continue;
          await enqueue(tx, LINE_EVENT_QUEUE, { event: ev.data }, { runAt: now, dedupeKey: ev.data.webhookEventId, maxAttempts: 3 });
          accepted++;
        }
      });
      ctx.log.info({ event: 'line_webhook_received', events: parsed.events.length, accepted }, 'LINE webhook');
      return reply.code(200).send({});
    });
  });
}
