/**
 * Completion, reminder and cancellation e-mails of card bookings, in the language the booking was
 * made in (card_net_bookings.lang) (internet zone only: the internal zone never
 * sends mail). The reminder sweep runs hourly and fans out one job per booking starting within the
 * next day; each job's Message-ID is derived from the booking, so a rerun is recognisable. Each mail
 * says whom to ask: the office's contact as its letters print it (from the bundle, card-office.ts).
 */
import { z } from 'zod';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import { createMailer } from '../../../platform/mailer.js';
import { formatWhen } from '../../../platform/japan-time.js';
import { langOf } from '../../../platform/i18n.js';
import { cardMailMessages } from './card-mail.messages.js';
import { contactLine, officeOfDepartment } from './card-office.js';

const LEAD = { completion: 'completionLead', reminder: 'reminderLead', cancellation: 'cancellationLead' } as const;
const SUBJECT = { completion: 'completionSubject', reminder: 'reminderSubject', cancellation: 'cancellationSubject' } as const;

export const bookingMailJob = defineJob({
  queue: 'card.booking-mail',
  payload: z.object({ bookingId: z.uuid(), kind: z.enum(['completion', 'reminder', 'cancellation']) }),
  async handler(ctx, tx, p) {
    if (ctx.config.cardZone === 'internal') return;
    const r = await tx.query<{
      ref: string;
      status: string;
      email_enc: string | null;
      starts_at: Date;
      ends_at: Date;
      name: string;
      name_en: string;
      party_size: number;
      department_id: string;
      lang: string;
    }>(
      `SELECT b.ref, b.status, b.email_enc, s.starts_at, s.ends_at, l.name, l.name_en, b.party_size, l.department_id, b.lang FROM card_net_bookings b
       JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id WHERE b.id = $1`,
      [p.bookingId],
    );
    const b = r.rows[0];
    // a completion or reminder only for a booking still booked; a cancellation only for a cancelled one
    if (!b || !b.email_enc || b.status !== (p.kind === 'cancellation' ? 'cancelled' : 'booked')) return;
    const lang = langOf(b.lang);
    const t = cardMailMessages.in(lang);
    const contact = contactLine(await officeOfDepartment(tx, b.department_id), lang);
    const text = [
      t(LEAD[p.kind]),
      '',
      t('bookingNumber', { ref: b.ref }),
      t('when', { when: formatWhen(b.starts_at, b.ends_at, lang) }),
      t('place', { place: lang === 'en' && b.name_en ? b.name_en : b.name }),
      t('people', { n: b.party_size }),
      '',
      p.kind === 'cancellation' ? t('rebook') : t('bring'),
      `${ctx.config.publicBaseUrl}/card`,
      ...(contact ? ['', contact] : []),
      '',
      t('sendOnly'),
    ].join('\n');
    await createMailer(ctx.config).send({
      to: ctx.crypto.decrypt(b.email_enc, 'card_net_bookings.email'),
      subject: t(SUBJECT[p.kind]),
      text,
      messageId: `card-${p.kind}-${p.bookingId}@madoguchi`,
    });
  },
});

export const reminderSweepJob = defineJob({
  queue: 'card.booking-reminders',
  payload: z.object({}).passthrough(),
  everySeconds: 3600,
  async handler(ctx, tx) {
    if (ctx.config.cardZone === 'internal') return;
    const now = ctx.clock.now();
    const due = await tx.query<{ id: string }>(
      `UPDATE card_net_bookings b SET reminder_sent_at = $1 FROM card_net_slots s
       WHERE s.id = b.slot_id AND b.status = 'booked' AND b.email_enc IS NOT NULL AND b.reminder_sent_at IS NULL
         AND s.starts_at > $1 AND s.starts_at <= $1::timestamptz + interval '1 day'
         AND b.id IN (SELECT b2.id FROM card_net_bookings b2 JOIN card_net_slots s2 ON s2.id = b2.slot_id
                      WHERE b2.status = 'booked' AND b2.reminder_sent_at IS NULL AND s2.starts_at > $1
                        AND s2.starts_at <= $1::timestamptz + interval '1 day' LIMIT 500)
       RETURNING b.id`,
      [now],
    );
    for (const { id } of due.rows)
      await enqueue(tx, 'card.booking-mail', { bookingId: id, kind: 'reminder' }, { runAt: now, dedupeKey: `card-reminder:${id}` });
  },
});
