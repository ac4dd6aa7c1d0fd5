/**
 * The alert mails' subject and text (pure): Japanese first, then English, with the alerts page's link.
 * Only ids, client addresses, detector names, counts and times: never a name, a login id or a contact.
 */
import type { Config } from '../../../config.js';
import type { Lang } from '../../../platform/i18n.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import type { Alert } from './alerts.repository.js';
import { detectionMessages as m } from './detection.messages.js';

/** At most this many alerts are listed in one digest; the rest are counted and found on the page. */
export const DIGEST_MAX_LINES = 2000;

const SEPARATOR = '\n\n----------------------------------------\n\n';

export const alertsPageUrl = (config: Pick<Config, 'publicBaseUrl'>) => `${config.publicBaseUrl}/staff/alerts`;

export function detectorLabel(lang: Lang, detector: Alert['detector']): string {
  return m.t(lang, `detector.${detector}`);
}

export function alertKeyLabel(lang: Lang, a: Pick<Alert, 'key' | 'keyKind'>): string {
  if (a.keyKind === 'global') return m.t(lang, 'key.global');
  return m.t(lang, a.keyKind === 'client' ? 'key.client' : 'key.staff', { key: a.key });
}

export function thresholdLabel(lang: Lang, config: Pick<Config, 'operations'>, detector: Alert['detector']): string {
  const t = config.operations.detection.thresholds[detector];
  return m.t(lang, 'threshold', { count: t.count, minutes: t.minutes });
}

type MailText = { subject: string; text: string };
type MailConfig = Pick<Config, 'publicBaseUrl' | 'operations'>;

export function immediateMail(config: MailConfig, a: Alert): MailText {
  const part = (lang: Lang) =>
    `${m.t(lang, 'mail.immediateBody', {
      id: a.id,
      detector: detectorLabel(lang, a.detector),
      key: alertKeyLabel(lang, a),
      count: a.count,
      threshold: thresholdLabel(lang, config, a.detector),
      first: formatJstDateTime(a.firstSeenAt, lang),
      last: formatJstDateTime(a.lastSeenAt, lang),
      link: `${alertsPageUrl(config)}#alert-${a.id}`,
    })}\n\n${m.t(lang, 'mail.footer')}`;
  const subject = (lang: Lang) =>
    m.t(lang, 'mail.immediateSubject', { detector: detectorLabel(lang, a.detector), key: alertKeyLabel(lang, a) });
  return { subject: `${subject('ja')} / ${subject('en')}`, text: `${part('ja')}${SEPARATOR}${part('en')}\n` };
}

/** `isNew`: alerts this digest is the first mail about (the others were mailed before and have grown). */
export function digestMail(config: MailConfig, alerts: Alert[], isNew: (a: Alert) => boolean): MailText {
  const opened = alerts.filter(isNew).length;
  const listed = alerts.slice(0, DIGEST_MAX_LINES);
  const part = (lang: Lang) =>
    [
      m.t(lang, 'mail.digestIntro', { opened, updated: alerts.length - opened, link: alertsPageUrl(config) }),
      '',
      ...listed.map((a) =>
        m.t(lang, 'mail.digestLine', {
          state: m.t(lang, isNew(a) ? 'mail.new' : 'mail.updated'),
          id: a.id,
          detector: detectorLabel(lang, a.detector),
          key: alertKeyLabel(lang, a),
          count: a.count,
          last: formatJstDateTime(a.lastSeenAt, lang),
        }),
      ),
      ...(alerts.length > listed.length ? [m.t(lang, 'mail.digestMore', { count: alerts.length - listed.length })] : []),
      '',
      m.t(lang, 'mail.footer'),
    ].join('\n');
  const subject = (lang: Lang) => m.t(lang, 'mail.digestSubject', { count: alerts.length });
  return { subject: `${subject('ja')} / ${subject('en')}`, text: `${part('ja')}${SEPARATOR}${part('en')}\n` };
}
