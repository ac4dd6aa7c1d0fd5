/** Private to the LINE module: followers, accepted webhook events, pushes made. */
import type { Queryable } from '../../platform/db.js';
import { listServices } from '../reservations/index.js';
import type { CatalogueDepartment } from './conversation.js';

export async function setFollowing(tx: Queryable, lineUserId: string, following: boolean, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO line_users (line_user_id, is_following, followed_at, unfollowed_at, updated_at)
     VALUES ($1, $2, CASE WHEN $2 THEN $3::timestamptz END, CASE WHEN $2 THEN NULL ELSE $3::timestamptz END, $3)
     ON CONFLICT (line_user_id) DO UPDATE SET is_following = $2,
       followed_at = CASE WHEN $2 THEN $3::timestamptz ELSE line_users.followed_at END,
       unfollowed_at = CASE WHEN $2 THEN line_users.unfollowed_at ELSE $3::timestamptz END,
       updated_at = $3`,
    [lineUserId, following, now],
  );
}

/** A user who never sent a follow event (e.g. befriended before the bot existed) counts as following. */
export async function isFollowing(tx: Queryable, lineUserId: string): Promise<boolean> {
  const r = await tx.query<{ is_following: boolean }>('SELECT is_following FROM line_users WHERE line_user_id = $1', [lineUserId]);
  return r.rows[0]?.is_following ?? true;
}

/** Records an event id; false when it was already recorded (a redelivery). */
export async function acceptWebhookEvent(tx: Queryable, webhookEventId: string, type: string, now: Date): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO line_webhook_events (webhook_event_id, event_type, received_at) VALUES ($1, $2, $3)
     ON CONFLICT (webhook_event_id) DO NOTHING`,
    [webhookEventId, type, now],
  );
  return r.rowCount === 1;
}

/** Claims a push's retry key; false when a push with this key was already made. */
export async function claimPush(
  tx: Queryable,
  p: { retryKey: string; lineUserId: string; purpose: string; status: 'sent' | 'skipped_unfollowed'; now: Date },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO line_pushes (retry_key, line_user_id, purpose, status, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (retry_key) DO NOTHING`,
    [p.retryKey, p.lineUserId, p.purpose, p.status, p.now],
  );
  return r.rowCount === 1;
}

/** Departments with their active services, for the guided choice (ids and public names only). */
export async function loadCatalogue(tx: Queryable): Promise<CatalogueDepartment[]> {
  const out: CatalogueDepartment[] = [];
  for (const s of await listServices(tx, { activeOnly: true })) {
    let d = out.find((x) => x.id === s.departmentId);
    if (!d) out.push((d = { id: s.departmentId, name: s.departmentName, nameEn: s.departmentNameEn, services: [] }));
    d.services.push({ id: s.id, name: s.name, nameEn: s.nameEn });
  }
  return out;
}
