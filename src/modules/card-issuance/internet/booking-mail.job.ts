/**
 * Completion and reminder e-mails of card bookings (internet zone only: the internal zone never
 * sends mail). The reminder sweep runs hourly and fans out one job per booking starting within the
 * next day; each job's Message-ID is derived from the booking, so a rerun is recognisable. Each mail
 * says whom to ask: the office's contact as its letters print it (from the bundle, card-office.ts).
 */
import { z } from 'zod';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import { createMailer } from '../../../platform/mailer.js';
import { formatWhen } from '../../../platform/japan-time.js';
import { contactLine, officeOfDepartment } from './card-office.js';

export const bookingMailJob = defineJob({
  queue: 'card.booking-mail',
  payload: z.object({ bookingId: z.uuid(), kind: z.enum(['completion', 'reminder']) }),
  async handler(ctx, tx, p) {
    if (ctx.config.cardZone === 'internal') return;
    const r = await tx.query<{ ref: string; status: string; email_enc: string | null; starts_at: Date; ends_at: Date; name: string; party_size: number; department_id: string }>(
      `SELECT b.ref, b.status, b.email_enc, s.starts_at, s.ends_at, l.name, b.party_size, l.department_id FROM card_net_bookings b
       JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id WHERE b.id = $1`,
      [p.bookingId],
    );
    const b = r.rows[0];
    if (!b || !b.email_enc || b.status !== 'booked') return;
    const when = formatWhen(b.starts_at, b.ends_at, 'ja');
    const contact = contactLine(await officeOfDepartment(tx, b.department_id), 'ja');
    const subject = p.kind === 'completion' ? 'マイナンバーカード受取の予約を受け付けました' : '【明日】マイナンバーカード受取のご予約';
    const text = [
      p.kind === 'completion' ? 'マイナンバーカード受取の予約を受け付けました。' : 'マイナンバーカード受取のご予約は明日です。',
      '',
      `予約番号: ${b.ref}`,
      `日時: ${when}`,
      `場所: ${b.name}`,
      `人数: ${b.party_size}人`,
      '',
      '交付通知書と本人確認書類をお持ちください。予約の確認・取消は、交付通知書のログインIDとパスワードで予約サイトにログインして行えます。',
      `${ctx.config.publicBaseUrl}/card`,
      ...(contact ? ['', contact] : []),
      '',
      '※このメールは送信専用です。お心当たりのない場合は破棄してください。',
    ].join('\n');
    await createMailer(ctx.config).send({
      to: ctx.crypto.decrypt(b.email_enc, 'card_net_bookings.email'),
      subject,
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
    for (const { id } of due.rows) await enqueue(tx, 'card.booking-mail', { bookingId: id, kind: 'reminder' }, { runAt: now, dedupeKey: `card-reminder:${id}` });
  },
});
