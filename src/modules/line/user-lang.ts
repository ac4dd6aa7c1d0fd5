/** The language a LINE user chose in the conversation (line_users.lang, migration 0045). */
import type { Queryable } from '../../platform/db.js';
import { langOf, type Lang } from '../../platform/i18n.js';

/** Japanese for a user who never chose (or is not known yet). */
export async function lineUserLang(q: Queryable, lineUserId: string): Promise<Lang> {
  const r = await q.query<{ lang: string | null }>('SELECT lang FROM line_users WHERE line_user_id = $1', [lineUserId]);
  return langOf(r.rows[0]?.lang);
}

/** Stores the choice; a user who befriended the account before the bot existed gets their row now. */
export async function setLineUserLang(q: Queryable, lineUserId: string, lang: Lang, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO line_users (line_user_id, is_following, followed_at, updated_at, lang) VALUES ($1, true, NULL, $2, $3)
     ON CONFLICT (line_user_id) DO UPDATE SET lang = $3, updated_at = $2`,
    [lineUserId, now, lang],
  );
}
