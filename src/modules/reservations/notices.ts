/**
 * Notices to the citizen: confirmation, reminder, change, cancellation, and "your day is closed"
 * (a temporary closure that staff chose to announce without cancelling). They are jobs in the
 * booking's own transaction (so a rolled-back booking sends nothing), delivered by the channel the
 * booking chose: LINE when it came through LINE and a LINE sender is registered (the LINE module
 * registers one), else e-mail when an address was given. A notice carries only what the citizen
 * needs: number, service, day, time, place and the My Page link — never the name or phone.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { defineJob, enqueue, type JobRecord } from '../../platform/jobs.js';
import { createMailer, type Mailer } from '../../platform/mailer.js';
import { addDays, formatDateLong, formatJst, formatWhen, jstDate, jstInstant, jstTime } from './jst.js';
import { displayNumber, myPageSignature } from './reservation-number.js';
import { findReservationById, personalOf, type ReservationRow } from './reservations.repository.js';
import { findService, type Service } from './services.repository.js';
import { cancellationReason } from './status-reason.js';

export type NoticeKind = 'confirmation' | 'reminder' | 'change' | 'cancel' | 'closure';

export type NoticeContent = {
  kind: NoticeKind;
  reservationNumber: string;
  serviceName: string;
  date: string;
  dateText: string;
  time: string;
  endTime: string;
  place: string;
  /** The booking's time, written the one way people read it everywhere (formatWhen). */
  when: string;
  /** Whom to ask: the city's contact line when configured, else the department. */
  contact: string;
  myPageUrl: string;
  /** Cancel notices: the reason staff gave when they cancelled on the citizen's behalf. */
  reason?: string;
  /** Closure notices: what staff wrote to the people booked on the closed day. */
  message?: string;
};

/** A channel other than e-mail (LINE). Returns false when it cannot reach this booking. */
export type NoticeSender = (
  ctx: AppContext,
  tx: Queryable,
  target: { reservation: ReservationRow; service: Service; content: NoticeContent; job: JobRecord },
) => Promise<boolean>;

let lineSender: NoticeSender | undefined;

/** The LINE module registers its push sender here; bookings with a LINE user id then get notices by LINE. */
export function registerLineNoticeSender(sender: NoticeSender): void {
  lineSender = sender;
}

export const NOTICE_QUEUE = 'reservations.notice';

/** When the reminder for a slot is due: N days before at HH:MM Tokyo time. */
export function reminderAt(service: Pick<Service, 'reminderDaysBefore' | 'reminderTime'>, start: Date): Date {
  return jstInstant(addDays(jstDate(start), -service.reminderDaysBefore), service.reminderTime);
}

/** Enqueues a notice (and, for a new or moved booking, its reminder) in the caller's transaction. */
export async function scheduleNotices(
  tx: Queryable,
  now: Date,
  service: Service,
  r: { id: string; start: Date; hasChannel: boolean },
  kind: Exclude<NoticeKind, 'reminder' | 'closure'>,
): Promise<void> {
  if (!r.hasChannel) return;
  const startsAt = formatJst(r.start);
  await enqueue(tx, NOTICE_QUEUE, { reservationId: r.id, kind, startsAt }, {
    runAt: now,
    dedupeKey: kind === 'change' ? undefined : `${kind}:${r.id}`,
  });
  if (kind !== 'cancel' && service.remindersEnabled) {
    const due = reminderAt(service, r.start);
    if (due.getTime() > now.getTime() && due.getTime() < r.start.getTime())
      await enqueue(tx, NOTICE_QUEUE, { reservationId: r.id, kind: 'reminder', startsAt }, {
        runAt: due,
        dedupeKey: `reminder:${r.id}:${startsAt}`,
      });
  }
}

/**
 * Tells a booking that its day is closed (the booking stays; the citizen changes or cancels it on
 * My Page), once per closure: the job's key names the closure and the booking.
 */
export async function scheduleClosureNotice(
  tx: Queryable,
  now: Date,
  r: { id: string; start: Date },
  closure: { id: string; message: string },
): Promise<boolean> {
  const id = await enqueue(tx, NOTICE_QUEUE, { reservationId: r.id, kind: 'closure', startsAt: formatJst(r.start), message: closure.message }, {
    runAt: now,
    dedupeKey: `closure:${closure.id}:${r.id}`,
  });
  return id !== null;
}

export function myPageUrl(ctx: AppContext, r: { id: string; reservationNumber: string }): string {
  return `${ctx.config.publicBaseUrl}/my/r/${r.reservationNumber}/${r.id}/${myPageSignature(ctx.secrets.appSecret, r.id)}`;
}

/**
 * Whom to ask, in every notice: the department, and the city's contact text (phone, hours) when one
 * is configured (LINE_CONTACT_TEXT, shared with the LINE bot's answer to free questions).
 */
export function contactLine(ctx: AppContext, service: Pick<Service, 'departmentName'>): string {
  // read structurally: the setting lives in the LINE part of the configuration
  const configured = (ctx.config as { line?: { contactText?: unknown } }).line?.contactText;
  const city = typeof configured === 'string' ? configured.trim() : '';
  return city ? `${service.departmentName}　${city}` : service.departmentName;
}

export function noticeContent(ctx: AppContext, kind: NoticeKind, r: ReservationRow, service: Service): NoticeContent {
  const date = jstDate(r.start);
  return {
    kind,
    reservationNumber: r.reservationNumber,
    serviceName: service.name,
    date,
    dateText: formatDateLong(date, 'ja'),
    time: jstTime(r.start),
    endTime: jstTime(r.end),
    place: service.place,
    when: formatWhen(r.start, r.end, 'ja'),
    contact: contactLine(ctx, service),
    myPageUrl: myPageUrl(ctx, r),
  };
}

const subjects: Record<NoticeKind, string> = {
  confirmation: '【予約完了】ご予約を受け付けました',
  reminder: '【リマインド】ご予約の日が近づいています',
  change: '【予約変更】ご予約の内容を変更しました',
  cancel: '【予約取消】ご予約を取り消しました',
  closure: '【臨時休業】ご予約の日は窓口がお休みです',
};

const leads: Record<NoticeKind, string> = {
  confirmation: '次の内容でご予約を受け付けました。当日は予約番号（またはこのメールのQRコード）を窓口でお示しください。',
  reminder: 'ご予約の日が近づいています。次の内容をご確認ください。',
  change: 'ご予約の内容を次のとおり変更しました。',
  cancel: '次のご予約を取り消しました。',
  closure: '次のご予約の日は、窓口が臨時休業となりました。ご予約はまだ取り消されていません。お手数ですが、マイページから別の日時に変更するか、取り消してください。',
};

export function noticeText(c: NoticeContent): { subject: string; text: string } {
  const lines = [
    leads[c.kind],
    '',
    `予約番号: ${displayNumber(c.reservationNumber)}`,
    `予約内容: ${c.serviceName}`,
    `日時: ${c.when}`,
    `場所: ${c.place}`,
    c.reason ? `取消の理由: ${c.reason}` : '',
    c.message ? `お知らせ: ${c.message}` : '',
    '',
    c.kind === 'cancel' ? '' : `予約の${c.kind === 'closure' ? '変更・取消' : '確認・変更・取消'}（マイページ）: ${c.myPageUrl}`,
    '',
    `お問い合わせ: ${c.contact}`,
    '',
    '※このメールは送信専用です。お心当たりのない場合は破棄してください。',
    'This is an automatic message about your appointment (number, service, date, place above).',
  ];
  return { subject: `${subjects[c.kind]}（${displayNumber(c.reservationNumber)}）`, text: lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n') };
}

let mailer: Mailer | undefined;

async function sendNotice(ctx: AppContext, tx: Queryable, payload: NoticePayload, job: JobRecord): Promise<void> {
  const r = await findReservationById(tx, payload.reservationId);
  if (!r || r.anonymisedAt) return;
  // A reminder or confirmation for a booking that has since moved or been cancelled is dropped.
  if (payload.kind !== 'cancel' && (r.status === 'cancelled' || formatJst(r.start) !== payload.startsAt)) return;
  if ((payload.kind === 'reminder' || payload.kind === 'closure') && r.status !== 'booked') return;
  const service = await findService(tx, r.serviceId);
  if (!service) return;
  const content = noticeContent(ctx, payload.kind, r, service);
  if (payload.kind === 'cancel') content.reason = await cancellationReason(tx, r.id);
  if (payload.kind === 'closure' && payload.message) content.message = payload.message;
  if (r.lineUserId && lineSender && (await lineSender(ctx, tx, { reservation: r, service, content, job }))) return;
  const personal = personalOf(ctx, r);
  if (!personal?.email) return;
  const { subject, text } = noticeText(content);
  const attachments =
    payload.kind === 'confirmation' || payload.kind === 'change' || payload.kind === 'reminder'
      ? [{ filename: `${r.reservationNumber}.png`, content: await QRCode.toBuffer(r.reservationNumber, { margin: 2, width: 240 }), contentType: 'image/png', cid: 'reservation-qr' }]
      : [];
  mailer ??= createMailer(ctx.config);
  await mailer.send({
    to: personal.email,
    subject,
    text,
    attachments,
    // the job id: a retried job sends the same Message-ID, so the duplicate is recognisable
    messageId: `notice-${job.id}@madoguchi`,
  });
}

const noticePayload = z.object({
  reservationId: z.string().uuid(),
  kind: z.enum(['confirmation', 'reminder', 'change', 'cancel', 'closure']),
  startsAt: z.string(),
  message: z.string().max(500).optional(),
});
type NoticePayload = z.output<typeof noticePayload>;

export const noticeJob = defineJob({ queue: NOTICE_QUEUE, payload: noticePayload, handler: sendNotice, maxAttempts: 8 });
