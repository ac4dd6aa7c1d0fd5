/** Every minute: run the detectors over the hits since their last run, then write the alert mails that are due. */
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.js';
import { evaluateDetectors } from './evaluate-detectors.js';
import { queueAlertMails } from './queue-alert-mails.js';

export const detectIntrusionsJob = defineJob({
  queue: 'operations.detect-intrusions',
  payload: z.object({}).passthrough(),
  everySeconds: 60,
  async handler(ctx, tx) {
    const now = ctx.clock.now();
    const r = await evaluateDetectors(ctx, tx, now);
    const mails = await queueAlertMails(ctx, tx, r.opened, now);
    if (r.opened.length)
      ctx.log.warn({ opened: r.opened.length, detectors: [...new Set(r.opened.map((a) => a.detector))], mails }, 'intrusion alerts opened');
  },
});
