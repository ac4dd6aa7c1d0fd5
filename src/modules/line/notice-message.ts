/**
 * The Flex message for a booking notice: number, service, day, time, place, whom to ask and a button to My Page;
 * a cancellation also says why when staff gave a reason, a closure notice carries staff's message.
 * Nothing else (no name, no citizen's phone): the 2021 government guideline keeps personal data off LINE.
 */
import type { Lang } from '../../platform/i18n.js';
import { formatWhen, jstInstant } from '../../platform/japan-time.js';
import { displayNumber, noticeMessages } from '../reservations/index.js';
import type { LineMessage } from './line-api.js';

export type LineNotice = {
  kind: 'confirmation' | 'change' | 'cancel' | 'reminder' | 'closure';
  /** The booking's language; Japanese when not given. */
  lang?: Lang;
  reservationNumber: string;
  serviceName: string;
  /** Tokyo date 'YYYY-MM-DD' and times 'HH:MM' of the booking. */
  date: string;
  dateText: string;
  time: string;
  endTime: string;
  place: string;
  /** Whom to ask (department, the city's phone and hours), when known. */
  contact?: string;
  myPageUrl: string;
  /** Cancellations: the reason staff gave, when they gave one. */
  reason?: string;
  /** Closure notices: what staff wrote to the people booked on the closed day. */
  message?: string;
};

const row = (k: string, v: string) => ({
  type: 'box',
  layout: 'baseline',
  spacing: 'sm',
  contents: [
    { type: 'text', text: k, size: 'sm', color: '#666666', flex: 2 },
    { type: 'text', text: v || '-', size: 'sm', wrap: true, flex: 5 },
  ],
});

/**
 * Number and time are written as on the web and in mails: "Q689-YYZA", "2026年12月2日（水）16:45〜17:00"
 * ("Wed 2 Dec 2026 16:45–17:00" in English), every text in the booking's language.
 */
export function noticeMessage(n: LineNotice): LineMessage {
  const lang = n.lang ?? 'ja';
  const t = noticeMessages.in(lang);
  const at = (time: string) => jstInstant(n.date, time);
  const when = formatWhen(at(n.time), at(n.endTime), lang);
  const number = displayNumber(n.reservationNumber);
  const title = t(`title.${n.kind}`);
  return {
    type: 'flex',
    altText: t('altText', { title, number, service: n.serviceName, when }),
    contents: {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          { type: 'text', text: title, weight: 'bold', size: 'lg', wrap: true },
          row(t('number'), number),
          row(t('serviceShort'), n.serviceName),
          row(t('when'), when),
          row(t('place'), n.place),
          ...(n.reason ? [row(t('reason'), n.reason)] : []),
          ...(n.kind === 'closure'
            ? [
                ...(n.message ? [row(t('message'), n.message)] : []),
                { type: 'text', text: t('closureNotCancelled'), size: 'sm', wrap: true },
              ]
            : []),
          ...(n.contact ? [row(t('contact'), n.contact)] : []),
        ],
      },
      ...(n.kind === 'cancel'
        ? {}
        : {
            footer: {
              type: 'box',
              layout: 'vertical',
              contents: [
                {
                  type: 'button',
                  style: 'primary',
                  action: { type: 'uri', label: t(n.kind === 'closure' ? 'buttonChange' : 'buttonManage'), uri: n.myPageUrl },
                },
              ],
            },
          }),
    },
  } as LineMessage;
}
