/**
 * The daily lifecycle run of every card office (internal zone): overdue cards become uncollected,
 * personal data past retention is erased, and the number of cards due for destruction is noted.
 * One audit record per office and run carries the counts (the state log and personal_erased_at hold
 * the ids). Idempotent: a second run the same day finds nothing more to do.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob } from '../../../platform/jobs.js';
import { recordAudit } from '../../audit/index.js';
import { countDueForDestruction } from './card-destruction.js';
import { eraseExpiredPersonal } from './erase-personal.js';
import { markUncollected } from './mark-uncollected.js';

export type LifecycleRun = { departmentId: string; uncollected: number; erased: number; dueForDestruction: number };

export async function runCardLifecycle(ctx: AppContext, tx: Queryable, now: Date): Promise<LifecycleRun[]> {
  const offices = await tx.query<{ department_id: string }>('SELECT department_id FROM card_int_settings ORDER BY department_id');
  const runs: LifecycleRun[] = [];
  for (const { department_id: departmentId } of offices.rows) {
    const uncollected = await markUncollected(tx, departmentId, now);
    const erased = await eraseExpiredPersonal(ctx.crypto, tx, departmentId, now);
    runs.push({ departmentId, uncollected, erased, dueForDestruction: await countDueForDestruction(tx, departmentId, now) });
  }
  for (const { departmentId, ...counts } of runs)
    await recordAudit(
      tx,
      {
        actor: { type: 'system', label: 'card-lifecycle' },
        action: 'card.lifecycle.run',
        departmentId,
        recordType: 'card',
        detail: counts,
      },
      now,
    );
  return runs;
}

export const cardLifecycleJob = defineJob({
  queue: 'card.lifecycle',
  payload: z.object({}).passthrough(),
  everySeconds: 86_400,
  async handler(ctx, tx) {
    // The internet zone holds no card_int_ data.
    if (ctx.config.cardZone === 'internet') return;
    await runCardLifecycle(ctx, tx, ctx.clock.now());
  },
});
