/** Adds a staff-only note to an application (encrypted: staff may write personal facts); audited without its text. */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { assertCan } from '../applications.policy.js';
import { CONTEXTS, findApplication } from './inbox.repository.js';
import type { AuditCtx } from './list-applications.js';

export async function addNote(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  body: string,
  audit: AuditCtx,
): Promise<{ id: number }> {
  return ctx.db.transaction(async (tx) => {
    const app = await findApplication(tx, id);
    if (!app) throw errors.notFound();
    assertCan(actor, 'handle', app.departmentId);
    const now = ctx.clock.now();
    const r = await tx.query<{ id: number }>(
      'INSERT INTO app_notes (application_id, staff_id, body_enc, created_at) VALUES ($1, $2, $3, $4) RETURNING id::int AS id',
      [app.id, actor.id, ctx.crypto.encrypt(body, CONTEXTS.note), now],
    );
    const noteId = r.rows[0]!.id;
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'application.note',
        departmentId: app.departmentId,
        recordType: 'application',
        recordId: app.id,
        detail: { noteId },
      },
      now,
    );
    return { id: noteId };
  });
}
