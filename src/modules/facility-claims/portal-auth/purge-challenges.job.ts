/**
 * Hourly: removes log-in challenges that can no longer be used (older than a day) except 'used' ones, which
 * say when and from where each user last logged in (the portal home shows the previous one): of those,
 * each user's two latest are kept and the rest go after 90 days.
 */
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.js';

export const purgeChallengesJob = defineJob({
  queue: 'facility.purge-login-challenges',
  payload: z.object({}).passthrough(),
  everySeconds: 3600,
  async handler(ctx, tx) {
    const now = ctx.clock.now().getTime();
    await tx.query(
      `DELETE FROM fc_otp_challenges c
        WHERE (c.status <> 'used' AND c.created_at < $1)
           OR (c.status = 'used' AND c.created_at < $2
               AND (SELECT count(*) FROM fc_otp_challenges n WHERE n.user_id = c.user_id AND n.status = 'used' AND n.created_at > c.created_at) >= 2)`,
      [new Date(now - 86_400_000), new Date(now - 90 * 86_400_000)],
    );
  },
});
