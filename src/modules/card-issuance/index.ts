/**
 * Card issuance module (My Number card issuance management), in two zones that share one codebase:
 *
 * - internal zone (card_int_* tables, staff pages under /staff/card): issuance-list import, progress,
 *   search, letters, bundle export, booking-file import and matching. Never serves citizens, never
 *   sends mail, opens no outbound connection.
 * - internet zone (card_net_* tables, /card and /api/v1/card/*): bundle import, log-in with lockout,
 *   household bookings, pickup locations and slots, booking-file export. Pseudonymous: no names,
 *   addresses, birth dates or passwords.
 *
 * MADOGUCHI_CARD_ZONE selects internal, internet or both (demo); in 'both' the halves still only
 * exchange signed files. Other modules use only these exports.
 */
import type { Module } from '../../platform/module.js';
import { cardCommands } from './card.cli.js';
import { seedCardDemo } from './seed-demo.js';
import { bookingMailJob, reminderSweepJob } from './internet/booking-mail.job.js';
import { registerCardOfficePages } from './internal/staff/index.js';
import { cardLifecycleJob } from './internal/card-lifecycle.job.js';
import { registerCardSitePages } from './internet/citizen/index.js';
import { registerCardSiteStaffPages } from './internet/staff/index.js';
import { cardPersonalData } from './personal-data.js';

export const cardIssuanceModule: Module = {
  name: 'card-issuance',
  async register(app, ctx) {
    const zone = ctx.config.cardZone;
    if (zone !== 'internet') await registerCardOfficePages(app, ctx);
    if (zone !== 'internal') {
      registerCardSitePages(app, ctx);
      await registerCardSiteStaffPages(app, ctx);
    }
  },
  // Both handlers do nothing in an internal-zone process (it sends no mail).
  jobs: [bookingMailJob, reminderSweepJob, cardLifecycleJob],
  commands: cardCommands,
  seedDemo: seedCardDemo,
  personalData: cardPersonalData,
};
