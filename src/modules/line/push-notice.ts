/**
 * Pushes a booking notice to a LINE user. The retry key (X-Line-Retry-Key) is derived from the
 * caller's stable key (the notice job's id), so a retried job is delivered once: LINE answers 409
 * to a key it already accepted, which counts as delivered. Unfollowed users get nothing.
 */
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { isHttpStatus, messagingClient, retryKeyUuid, type LineMessage } from './line-api.js';
import { claimPush, isFollowing } from './line.repository.js';
import { noticeMessage, type LineNotice } from './notice-message.js';

export type PushResult = 'sent' | 'already_sent' | 'unfollowed';

export async function pushLineNotice(
  ctx: AppContext,
  tx: Queryable,
  p: { lineUserId: string; notice: LineNotice; retryKey: string },
): Promise<PushResult> {
  return pushLineMessages(ctx, tx, {
    lineUserId: p.lineUserId,
    messages: [noticeMessage(p.notice)],
    retryKey: p.retryKey,
    purpose: `notice:${p.notice.kind}`,
  });
}

/**
 * Pushes messages another module wrote (an e-application's status notice), delivered once per retry
 * key like a booking notice. `purpose` is recorded with the push (e.g. "application:completed").
 */
export async function pushLineMessages(
  ctx: AppContext,
  tx: Queryable,
  p: { lineUserId: string; messages: LineMessage[]; retryKey: string; purpose: string },
): Promise<PushResult> {
  const retryKey = retryKeyUuid(p.retryKey);
  if (!(await isFollowing(tx, p.lineUserId))) return 'unfollowed';
  // Recorded in the caller's transaction: if that rolls back, the row goes too and a retry reuses the key.
  const first = await claimPush(tx, { retryKey, lineUserId: p.lineUserId, purpose: p.purpose, status: 'sent', now: ctx.clock.now() });
  if (!first) return 'already_sent';
  try {
    await messagingClient(ctx.config).pushMessage({ to: p.lineUserId, messages: p.messages }, retryKey);
  } catch (err) {
    if (isHttpStatus(err, 409)) return 'already_sent';
    throw err;
  }
  return 'sent';
}
