/**
 * Closes the hosted pages an application no longer needs: after one payment counted (the other tabs)
 * or after the application expired unpaid. Each open page is expired at the provider and the final
 * state it reports is applied — which may be "paid" (the citizen paid in that tab a moment ago): that
 * payment then goes through the usual path (counted if none is, otherwise refunded automatically).
 * A payment whose create never answered was never shown to anyone and is cancelled here.
 */
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.js';
import { applyProviderPaymentIn } from './apply-provider-payment.js';
import { CLOSE_SESSIONS_QUEUE } from './payment-queues.js';
import { openPaymentsOf } from './payments.repository.js';
import { paymentProvider } from './start-payment.js';

export const closeSessionsJob = defineJob({
  queue: CLOSE_SESSIONS_QUEUE,
  payload: z.object({ applicationId: z.uuid() }),
  async handler(ctx, tx, { applicationId }) {
    const now = ctx.clock.now();
    const provider = paymentProvider(ctx);
    const status = await tx.query<{ status: string }>('SELECT status FROM app_applications WHERE id = $1', [applicationId]);
    // Still waiting for its fee (a retry after an expiry made a new page): nothing to close.
    if (status.rows[0]?.status === 'awaiting_payment') return;
    for (const p of await openPaymentsOf(tx, applicationId)) {
      if (p.status === 'creating' || !p.providerPaymentId) {
        await tx.query(
          `UPDATE app_payments SET status = 'cancelled', final_at = $2, next_check_at = NULL WHERE id = $1 AND status = 'creating'`,
          [p.id, now],
        );
        continue;
      }
      // A provider that cannot be reached throws: the job is retried with backoff.
      await applyProviderPaymentIn(ctx, tx, provider.name, await provider.expire(p.providerPaymentId));
    }
  },
});
