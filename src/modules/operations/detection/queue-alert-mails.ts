/**
 * Which alert mails to write, in the detectors' transaction (the mail job sends them). A flood never
 * becomes a mail storm: per digest period (ALERT_DIGEST_MINUTES) at most ALERT_IMMEDIATE_MAILS_PER_DIGEST
 * alerts get a mail of their own, the most serious first; every other new alert, and every update of an
 * open alert, waits for the digest, written at most once per period and listing all of them. So a
 * period has at most immediate + 1 mails, however many alerts open.
 *
 * No mail from the internal card zone (it sends none) or without SECURITY_ALERT_MAIL_TO: the alerts
 * page is then the only place they are seen.
 */
import type { Config } from '../../../config.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { enqueue } from '../../../platform/jobs.js';
import { digestMail, immediateMail } from './alert-mail-text.js';
import { ALERT_COLUMNS, alertsByIds, toAlert } from './alerts.repository.js';
import { DETECTOR_PRIORITY } from './detectors.js';
import type { OpenedAlert } from './evaluate-detectors.js';

export const ALERT_MAIL_QUEUE = 'operations.alert-mail';

export function isAlertMailEnabled(config: Pick<Config, 'cardZone' | 'operations'>): boolean {
  return config.cardZone !== 'internal' && config.operations.detection.alertMailTo.length > 0;
}

export type QueuedMails = { immediate: number; digest: number };

export async function queueAlertMails(ctx: AppContext, tx: Queryable, opened: OpenedAlert[], now: Date): Promise<QueuedMails> {
  const queued: QueuedMails = { immediate: 0, digest: 0 };
  if (!isAlertMailEnabled(ctx.config)) return queued;
  const { digestMinutes, immediateMailsPerDigest } = ctx.config.operations.detection;
  const periodStart = new Date(now.getTime() - digestMinutes * 60_000);

  const sent = await tx.query<{ kind: string; n: number }>(
    'SELECT kind, count(*)::int AS n FROM alert_mails WHERE queued_at > $1 GROUP BY kind',
    [periodStart],
  );
  const sentOf = (kind: string) => Number(sent.rows.find((r) => r.kind === kind)?.n ?? 0);
  const budget = Math.max(0, immediateMailsPerDigest - sentOf('immediate'));
  const rank = (a: OpenedAlert) => DETECTOR_PRIORITY.indexOf(a.detector);
  const ordered = [...opened].sort((a, b) => rank(a) - rank(b) || a.id - b.id);

  for (const alert of await alertsByIds(
    tx,
    ordered.slice(0, budget).map((a) => a.id),
  )) {
    const mail = immediateMail(ctx.config, alert);
    await writeMail(tx, 'immediate', [alert.id], mail, now);
    await tx.query('UPDATE alerts SET notified_at = $2, digest_pending = false WHERE id = $1', [alert.id, now]);
    queued.immediate++;
  }
  const rest = ordered.slice(budget).map((a) => a.id);
  if (rest.length) await tx.query('UPDATE alerts SET digest_pending = true WHERE id = ANY($1::bigint[])', [rest]);

  if (sentOf('digest') > 0) return queued;
  const pending = await tx.query<Parameters<typeof toAlert>[0]>(
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE digest_pending AND status <> 'closed' ORDER BY id`,
  );
  if (!pending.rows.length) return queued;
  const alerts = pending.rows.map(toAlert);
  const ids = alerts.map((a) => a.id);
  await writeMail(
    tx,
    'digest',
    ids,
    digestMail(ctx.config, alerts, (a) => a.notifiedAt === null),
    now,
  );
  await tx.query('UPDATE alerts SET digest_pending = false, notified_at = coalesce(notified_at, $2) WHERE id = ANY($1::bigint[])', [
    ids,
    now,
  ]);
  queued.digest++;
  return queued;
}

async function writeMail(
  tx: Queryable,
  kind: 'immediate' | 'digest',
  alertIds: number[],
  mail: { subject: string; text: string },
  now: Date,
): Promise<void> {
  const r = await tx.query<{ id: string | number }>(
    'INSERT INTO alert_mails (kind, queued_at, alert_ids, subject, body) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [kind, now, alertIds, mail.subject, mail.text],
  );
  const mailId = Number(r.rows[0]?.id);
  await enqueue(tx, ALERT_MAIL_QUEUE, { mailId }, { runAt: now, dedupeKey: `alert-mail:${mailId}` });
}
