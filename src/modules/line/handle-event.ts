/**
 * The job that acts on one accepted webhook event: follow/unfollow bookkeeping and the conversation,
 * answered with the event's reply token (replies are free; pushes count against the quota).
 */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { defineJob } from '../../platform/jobs.js';
import { intentOf, respond, type Links, type UserInput } from './conversation.js';
import { isHttpStatus, messagingClient } from './line-api.js';
import { isFollowing, loadCatalogue, setFollowing } from './line.repository.js';
import { lineUserLang, setLineUserLang } from './user-lang.js';
import { LINE_EVENT_QUEUE, webhookEvent, type WebhookEvent } from './webhook.js';

/** Links the bot sends: through the LIFF app when one is configured, else plain web pages. */
export function lineLinks(ctx: AppContext): Links {
  const liffId = ctx.config.line.liffId;
  const base = liffId ? `https://liff.line.me/${liffId}` : ctx.config.publicBaseUrl;
  return {
    // an English conversation opens the booking page in English, so the booking is made (and noticed) in English
    bookingPage: (serviceId, lang) => `${base}/services/${encodeURIComponent(serviceId)}${lang === 'en' ? '?lang=en' : ''}`,
    myPage: () => (liffId ? `${base}/line/my` : `${ctx.config.publicBaseUrl}/my`),
  };
}

function inputOf(ev: WebhookEvent): UserInput | undefined {
  if (ev.type === 'follow') return { kind: 'follow' };
  if (ev.type === 'postback' && ev.postback) return { kind: 'postback', data: ev.postback.data };
  if (ev.type === 'message' && ev.message) return { kind: 'text', text: ev.message.type === 'text' ? (ev.message.text ?? '') : '' };
  return undefined;
}

export async function handleEvent(ctx: AppContext, tx: Queryable, ev: WebhookEvent): Promise<void> {
  const userId = ev.source?.type === 'user' ? ev.source.userId : undefined;
  if (!userId) return; // groups and rooms are not served
  const now = ctx.clock.now();
  if (ev.type === 'unfollow') {
    await setFollowing(tx, userId, false, now);
    return;
  }
  if (ev.type === 'follow') await setFollowing(tx, userId, true, now);
  else if (!(await isFollowing(tx, userId))) return;
  const input = inputOf(ev);
  if (!input || !ev.replyToken) return;
  const intent = intentOf(input);
  if (intent.kind === 'language') await setLineUserLang(tx, userId, intent.lang, now);
  const lang = await lineUserLang(tx, userId);
  const messages = respond(input, await loadCatalogue(tx), lineLinks(ctx), { contactText: ctx.config.line.contactText }, lang);
  try {
    await messagingClient(ctx.config).replyMessage({ replyToken: ev.replyToken, messages });
  } catch (err) {
    // An expired or used reply token cannot be retried; anything else (network, 5xx) is retried by the job.
    if (isHttpStatus(err, 400)) {
      ctx.log.warn({ event: 'line_reply_refused', type: ev.type }, 'LINE refused the reply (token expired or used)');
      return;
    }
    throw err;
  }
}

export const handleEventJob = defineJob({
  queue: LINE_EVENT_QUEUE,
  payload: z.object({ event: webhookEvent }),
  maxAttempts: 3,
  async handler(ctx, tx, payload, job) {
    await handleEvent(ctx, tx, payload.event);
    // What the user typed is not kept once answered (the job row stays for inspection).
    if (payload.event.message?.text !== undefined)
      await tx.query(`UPDATE jobs SET payload = jsonb_set(payload, '{event,message,text}', '""'::jsonb) WHERE id = $1`, [job.id]);
  },
});
