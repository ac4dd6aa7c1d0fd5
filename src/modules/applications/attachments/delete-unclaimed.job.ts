/**
 * Hourly: uploads no application or draft claimed within a day are deleted (a form abandoned after
 * choosing a file, an API client that never submitted). In batches of 500 rows; idempotent (a second
 * run finds nothing). Files of applications go with them (ON DELETE CASCADE); files of a deleted
 * draft lose their draft (ON DELETE SET NULL) and are swept here.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob } from '../../../platform/jobs.js';
import { UNCLAIMED_LIFETIME_MS } from './claim-files.js';

const BATCH = 500;

export async function deleteUnclaimedUploads(tx: Queryable, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNCLAIMED_LIFETIME_MS);
  let deleted = 0;
  for (;;) {
    const r = await tx.query(
      `DELETE FROM app_files WHERE id IN (
         SELECT id FROM app_files WHERE application_id IS NULL AND draft_id IS NULL AND created_at <= $1 LIMIT ${BATCH})`,
      [before],
    );
    deleted += r.rowCount;
    if (r.rowCount < BATCH) return deleted;
  }
}

export const deleteUnclaimedJob = defineJob({
  queue: 'applications.delete-unclaimed-uploads',
  payload: z.object({}).passthrough(),
  everySeconds: 3600,
  async handler(ctx: AppContext, tx) {
    const n = await deleteUnclaimedUploads(tx, ctx.clock.now());
    if (n) ctx.log.info({ deleted: n }, 'attachments: unclaimed uploads deleted');
  },
});
