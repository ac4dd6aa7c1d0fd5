/** The hourly sweep that erases what the register declares erasable after use (sweep-personal-data.ts). */
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.js';
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';
import { sweepPersonalData } from './sweep-personal-data.js';

export function sweepPart(registers: RegisterSource): PrivacyPart {
  return {
    jobs: [
      defineJob({
        queue: 'privacy.sweep',
        payload: z.object({}).passthrough(),
        everySeconds: 3600,
        maxAttempts: 1,
        async handler(ctx, tx) {
          await sweepPersonalData(tx, registers(), ctx.clock.now());
        },
      }),
    ],
  };
}
