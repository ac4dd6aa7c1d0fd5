/** The names of uploaded files by id (decrypted), for showing "attached: <name>" on the citizen's own pages. */
import type { AppContext } from '../../../platform/context.js';
import { FILENAME_CONTEXT } from './crypto-contexts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function fileNamesOf(ctx: AppContext, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((x) => UUID.test(x)))];
  if (!wanted.length) return {};
  const r = await ctx.db.query<{ id: string; filename_enc: string }>('SELECT id, filename_enc FROM app_files WHERE id = ANY($1::uuid[])', [
    wanted,
  ]);
  return Object.fromEntries(r.rows.map((f) => [f.id, ctx.crypto.decrypt(f.filename_enc, FILENAME_CONTEXT)]));
}
