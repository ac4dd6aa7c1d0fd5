/**
 * POST /api/v1/staff/reservations/{id}/line-message — a one-off LINE message from staff to the
 * person who booked through LINE, for bookings of the staff member's own departments (others: 404).
 * Audited with ids and the message length only, never the text. Unfollowed users cannot be reached.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { defineApi } from '../../http/api-route.js';
import { errors } from '../../http/errors.js';
import { zodMessage } from '../../http/validation.js';
import { auditContextOf, recordAudit } from '../audit/index.js';
import { assertMayMessageAboutBooking } from './line.policy.js';
import { messagingClient } from './line-api.js';
import { claimPush, isFollowing } from './line.repository.js';
import { lineStaffMessages as t } from './line.messages.js';
import { registerLineMessagePage } from './staff/line-message.page.js';

/** The message: the API's body and the detail page's form alike. */
export const lineMessageBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, zodMessage(t, 'enterMessage'))
    .max(1000, zodMessage(t, 'messageTooLong', { max: 1000 })),
});

/** Sends the message and records it; 404 outside the staff member's departments, 409 when unreachable. */
export async function sendStaffLineMessage(
  ctx: AppContext,
  req: FastifyRequest,
  staff: StaffActor,
  reservationId: string,
  text: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ department_id: string; line_user_id: string | null }>(
      'SELECT department_id, line_user_id FROM rsv_reservations WHERE id = $1 AND anonymised_at IS NULL',
      [reservationId],
    );
    const row = r.rows[0];
    if (!row) throw errors.notFound();
    assertMayMessageAboutBooking(staff, { departmentId: row.department_id });
    if (!row.line_user_id) throw errors.conflict('not_a_line_booking', t.text('notALineBooking'));
    if (!(await isFollowing(tx, row.line_user_id))) throw errors.conflict('line_unfollowed', t.text('unfollowed'));
    const retryKey = crypto.randomUUID();
    await claimPush(tx, { retryKey, lineUserId: row.line_user_id, purpose: 'staff-message', status: 'sent', now });
    await recordAudit(
      tx,
      {
        ...auditContextOf(req),
        action: 'line.staff_message',
        departmentId: row.department_id,
        recordType: 'reservation',
        recordId: reservationId,
        detail: { length: text.length },
      },
      now,
    );
    // Sent last, inside the transaction: if LINE refuses it, the claim and the audit row roll back.
    await messagingClient(ctx.config).pushMessage({ to: row.line_user_id, messages: [{ type: 'text', text }] }, retryKey);
  });
}

export function registerStaffMessage(app: FastifyInstance, ctx: AppContext): void {
  // The same operation from the booking's detail page (an HTML form; no JavaScript needed).
  registerLineMessagePage(app, ctx);

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations/:id/line-message',
    summary: 'Send a one-off LINE message to the person who booked through LINE (audited)',
    tags: ['line', 'staff'],
    auth: 'staff',
    params: z.object({ id: z.string().uuid() }),
    body: lineMessageBody,
    responses: {
      200: { description: 'Sent', schema: z.object({ status: z.literal('sent') }) },
      404: { description: 'No such booking in your departments' },
      409: { description: 'Not a LINE booking, or the person unfollowed the account' },
    },
    handler: async ({ req, params, body, staff }) => {
      await sendStaffLineMessage(ctx, req, staff, params.id, body.text);
      return { status: 'sent' as const };
    },
  });
}
