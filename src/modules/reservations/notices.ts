/**
 * Notices to the citizen: confirmation, reminder, change, cancellation, and "your day is closed"
 * (a temporary closure that staff chose to announce without cancelling). They are jobs in the
 * booking's own transaction (so a rolled-back booking sends nothing), delivered by the channel the
 * booking chose: LINE when it came through LINE and the context has a LINE sender (the LINE module
 * registers one when it is attached to the context), else e-mail when an address was given. A
 * notice carries only what the citizen needs: number, service, day, time, place and the My Page
 * link — never the name or phone.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { contextLocal, type AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { defineJob, enqueue, type JobRecord } from '../../platform/jobs.js';
import { langOf, type Lang } from '../../platform/i18n.js';
import { createMailer, type Mailer } from '../../platform/mailer.js';
import { addDays, formatDateLong, jstIso, formatWhen, jstDate, jstInstant, jstTime } from '../../platform/japan-time.js';
import { noticeMessages } from './notices.messages.js';
import { displayNumber, myPageSignature } from './reservation-number.js';
import { findReservationById, personalOf, type ReservationRow } from './reservations.repository.js';
import { findService, type Service } from './services.repository.js';
import { cancellationReason } from './status-reason.js';

export type NoticeKind = 'confirmation' | 'reminder' | 'change' | 'cancel' | 'closure';

export type NoticeContent = {
  kind: NoticeKind;
  /** The booking's language (stored with it): every text of the notice is in it. */
  lang: Lang;
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

/**
 * Per context, not per process: a process may hold contexts with and without the LINE module (an
 * internal-zone process has none), and a worker-only process never calls `register`, so the LINE
 * module registers from its `attach(ctx)`, which createContext runs for every context.
 */
const lineSenders = contextLocal<NoticeSender | undefined>(() => undefined);

/** The LINE module registers its push sender for a context; that context's LINE bookings then get notices by LINE. */
export function registerLineNoticeSender(ctx: AppContext, sender: NoticeSender): void {
  lineSenders.set(ctx, sender);
}

export const NOTICE_QUEUE = 'reservations.notice';

/** When the reminder for a slot is due: N days before at HH:MM Tokyo time. */
export function reminderAt(service: Pick<Service, 'reminderDaysBefore' | 'reminderTime'>, start: Date): Date {
  return jstInstant(addDays(jstDate(start), -service.reminderDaysBefore), service.reminderTime);
}

/** A notice job as the booking functions (migration 0056) insert it: the row `enqueue` would write. */
export type NoticeJob = { queue: string; payload: NoticePayload; dedupe_key: string | null; run_at: Date };

/**
 * The notice (and, for a new or moved booking, its reminder) a booking change needs: none without a
 * channel. Pure, so the booking's stored function can insert them in the booking's own statement.
 */
export function noticeJobs(
  now: Date,
  service: Pick<Service, 'remindersEnabled' | 'reminderDaysBefore' | 'reminderTime'>,
  r: { id: string; start: Date; hasChannel: boolean },
  kind: Exclude<NoticeKind, 'reminder' | 'closure'>,
): NoticeJob[] {
  if (!r.hasChannel) return [];
  const startsAt = jstIso(r.start);
  const jobs: NoticeJob[] = [
    {
      queue: NOTICE_QUEUE,
      payload: { reservationId: r.id, kind, startsAt },
      dedupe_key: kind === 'change' ? null : `${kind}:${r.id}`,
      run_at: now,
    },
  ];
  if (kind !== 'cancel' && service.remindersEnabled) {
    const due = reminderAt(service, r.start);
    if (due.getTime() > now.getTime() && due.getTime() < r.start.getTime())
      jobs.push({
        queue: NOTICE_QUEUE,
        payload: { reservationId: r.id, kind: 'reminder', startsAt },
        dedupe_key: `reminder:${r.id}:${startsAt}`,
        run_at: due,
      });
  }
  return jobs;
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
  const id = await enqueue(
    tx,
    NOTICE_QUEUE,
    { reservationId: r.id, kind: 'closure', startsAt: jstIso(r.start), message: closure.message },
    {
      runAt: now,
      dedupeKey: `closure:${closure.id}:${r.id}`,
    },
  );
  return id !== null;
}

export function myPageUrl(ctx: AppContext, r: { id: string; reservationNumber: string }): string {
  return `${ctx.config.publicBaseUrl}/my/r/${r.reservationNumber}/${r.id}/${myPageSignature(ctx.secrets.appSecret, r.id)}`;
}

/**
 * Whom to ask, in every notice: the department, and the city's contact text (phone, hours) when one
 * is configured (LINE_CONTACT_TEXT, shared with the LINE bot's answer to free questions). The
 * setting has one language; an English notice carries it only when it is written without Japanese
 * (e.g. "City Hall +81-123-45-6789, weekdays 8:30-17:15"), so an English notice stays English.
 */
export function contactLine(
  ctx: AppContext,
  service: Pick<Service, 'departmentName'> & { departmentNameEn?: string | null },
  lang: Lang = 'ja',
): string {
  // read structurally: the setting lives in the LINE part of the configuration
  const configured = (ctx.config as { line?: { contactText?: unknown } }).line?.contactText;
  let city = typeof configured === 'string' ? configured.trim() : '';
  if (lang === 'en' && JAPANESE.test(city)) city = '';
  const department = (lang === 'en' && service.departmentNameEn) || service.departmentName;
  return city ? `${department}${lang === 'en' ? ', ' : '　'}${city}` : department;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

export function noticeContent(ctx: AppContext, kind: NoticeKind, r: ReservationRow, service: Service, lang: Lang): NoticeContent {
  const date = jstDate(r.start);
  const en = lang === 'en';
  return {
    kind,
    lang,
    reservationNumber: r.reservationNumber,
    // the English name when staff gave one; the place is written once, as staff wrote it
    serviceName: (en && service.nameEn) || service.name,
    date,
    dateText: formatDateLong(date, lang),
    time: jstTime(r.start),
    endTime: jstTime(r.end),
    place: service.place,
    when: formatWhen(r.start, r.end, lang),
    contact: contactLine(ctx, service, lang),
    myPageUrl: `${myPageUrl(ctx, r)}${en ? '?lang=en' : ''}`,
  };
}

export function noticeText(c: NoticeContent): { subject: string; text: string } {
  const t = noticeMessages.in(c.lang);
  const line = (label: string, value: string) => t('line', { label, value });
  const number = displayNumber(c.reservationNumber);
  const lines = [
    t(`lead.${c.kind}`),
    '',
    line(t('number'), number),
    line(t('service'), c.serviceName),
    line(t('when'), c.when),
    line(t('place'), c.place),
    c.reason ? line(t('reason'), c.reason) : '',
    c.message ? line(t('message'), c.message) : '',
    '',
    c.kind === 'cancel' ? '' : t(c.kind === 'closure' ? 'myPageChange' : 'myPageManage', { url: c.myPageUrl }),
    '',
    line(t('contact'), c.contact),
    '',
    t('footer'),
  ];
  return { subject: t(`subject.${c.kind}`, { number }), text: lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n') };
}

/** The language a booking was made in (migration 0045); read here so the repository's row type stays as it is. */
async function bookingLang(tx: Queryable, reservationId: string): Promise<Lang> {
  const r = await tx.query<{ lang: string }>('SELECT lang FROM rsv_reservations WHERE id = $1', [reservationId]);
  return langOf(r.rows[0]?.lang);
}

/** The context's mailer: its SMTP settings and sender, never another context's. */
const mailers = contextLocal<Mailer>((ctx) => createMailer(ctx.config));

async function sendNotice(ctx: AppContext, tx: Queryable, payload: NoticePayload, job: JobRecord): Promise<void> {
  const r = await findReservationById(tx, payload.reservationId);
  if (!r || r.anonymisedAt) return;
  // A reminder or confirmation for a booking that has since moved or been cancelled is dropped.
  if (payload.kind !== 'cancel' && (r.status === 'cancelled' || jstIso(r.start) !== payload.startsAt)) return;
  if ((payload.kind === 'reminder' || payload.kind === 'closure') && r.status !== 'booked') return;
  const service = await findService(tx, r.serviceId);
  if (!service) return;
  const content = noticeContent(ctx, payload.kind, r, service, await bookingLang(tx, r.id));
  if (payload.kind === 'cancel') content.reason = await cancellationReason(tx, r.id);
  if (payload.kind === 'closure' && payload.message) content.message = payload.message;
  const lineSender = r.lineUserId ? lineSenders.get(ctx) : undefined;
  if (lineSender && (await lineSender(ctx, tx, { reservation: r, service, content, job }))) return;
  const personal = personalOf(ctx, r);
  if (!personal?.email) return;
  const { subject, text } = noticeText(content);
  const attachments =
    payload.kind === 'confirmation' || payload.kind === 'change' || payload.kind === 'reminder'
      ? [
          {
            filename: `${r.reservationNumber}.png`,
            content: await QRCode.toBuffer(r.reservationNumber, { margin: 2, width: 240 }),
            contentType: 'image/png',
            cid: 'reservation-qr',
          },
        ]
      : [];
  await mailers.get(ctx).send({
    to: personal.email,
    subject,
    text,
    attachments,
    // the job id: a retried job sends the same Message-ID, so the duplicate is recognisable
    messageId: `notice-${job.retryKey}@madoguchi`,
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
