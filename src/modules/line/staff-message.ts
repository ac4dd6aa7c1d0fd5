/**
 * POST /api/v1/staff/reservations/{id}/line-message — a one-off LINE message from staff to the
 * person who booked through LINE, for bookings of the staff member's own departments (others: 404).
 * Audited with ids and the message length only, never the text. Unfollowed users cannot be reached.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { defineApi } from '../../http/api-route.js';
import { errors } from '../../http/errors.js';
import { msg } from '../../http/validation.js';
import { auditContextOf, recordAudit } from '../audit/index.js';
import { assertDepartmentAccess } from '../staff/index.js';
import { messagingClient } from './line-api.js';
import { claimPush, isFollowing } from './line.repository.js';

const body = z.object({
  text: z
    .string()
    .trim()
    .min(1, msg({ ja: 'メッセージを入力してください。', en: 'Enter a message.' }))
    .max(1000, msg({ ja: 'メッセージは1000文字以内で入力してください。', en: 'Keep the message within 1000 characters.' })),
});

export function registerStaffMessage(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations/:id/line-message',
    summary: 'Send a one-off LINE message to the person who booked through LINE (audited)',
    tags: ['line', 'staff'],
    auth: 'staff',
    params: z.object({ id: z.string().uuid() }),
    body,
    responses: {
      200: { description: 'Sent', schema: z.object({ status: z.literal('sent') }) },
      404: { description: 'No such booking in your departments' },
      409: { description: 'Not a LINE booking, or the person unfollowed the account' },
    },
    handler: async ({ req, params, body, staff }) => {
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const r = await tx.query<{ department_id: string; line_user_id: string | null }>(
          'SELECT department_id, line_user_id FROM rsv_reservations WHERE id = $1 AND anonymised_at IS NULL',
          [params.id],
        );
        const row = r.rows[0];
        if (!row) throw errors.notFound();
        assertDepartmentAccess(staff, row.department_id);
        if (!row.line_user_id)
          throw errors.conflict('not_a_line_booking', { ja: 'この予約はLINEからの予約ではありません。', en: 'This booking was not made through LINE.' });
        if (!(await isFollowing(tx, row.line_user_id)))
          throw errors.conflict('line_unfollowed', { ja: 'この方はLINE公式アカウントの友だちではなくなっています。', en: 'This person no longer follows the LINE account.' });
        const retryKey = crypto.randomUUID();
        await claimPush(tx, { retryKey, lineUserId: row.line_user_id, purpose: 'staff-message', status: 'sent', now });
        await recordAudit(
          tx,
          { ...auditContextOf(req), action: 'line.staff_message', departmentId: row.department_id, recordType: 'reservation', recordId: params.id, detail: { length: body.text.length } },
          now,
        );
        await messagingClient(ctx.config).pushMessage({ to: row.line_user_id, messages: [{ type: 'text', text: body.text }] }, retryKey);
      });
      return { status: 'sent' as const };
    },
  });
}
