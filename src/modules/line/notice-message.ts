/**
 * The Flex message for a booking notice: number, service, day, time, place, whom to ask and a button to My Page;
 * a cancellation also says why when staff gave a reason, a closure notice carries staff's message.
 * Nothing else (no name, no citizen's phone): the 2021 government guideline keeps personal data off LINE.
 */
import { displayNumber, formatWhen } from '../reservations/index.js';
import type { LineMessage } from './line-api.js';

export type LineNotice = {
  kind: 'confirmation' | 'change' | 'cancel' | 'reminder' | 'closure';
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

const TITLES: Record<LineNotice['kind'], string> = {
  confirmation: 'ご予約を受け付けました',
  change: 'ご予約を変更しました',
  cancel: 'ご予約を取り消しました',
  reminder: 'ご予約の日が近づいています',
  closure: 'ご予約の日は窓口が臨時休業です',
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

/** Number and time are written as on the web and in mails: "Q689-YYZA", "2026年12月2日（水）16:45〜17:00". */
export function noticeMessage(n: LineNotice): LineMessage {
  const at = (time: string) => new Date(`${n.date}T${time}:00+09:00`);
  const when = formatWhen(at(n.time), at(n.endTime), 'ja');
  const number = displayNumber(n.reservationNumber);
  return {
    type: 'flex',
    altText: `${TITLES[n.kind]}（予約番号 ${number}）${n.serviceName} ${when}`,
    contents: {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          { type: 'text', text: TITLES[n.kind], weight: 'bold', size: 'lg', wrap: true },
          row('予約番号', number),
          row('内容', n.serviceName),
          row('日時', when),
          row('場所', n.place),
          ...(n.reason ? [row('取消の理由', n.reason)] : []),
          ...(n.kind === 'closure'
            ? [
                ...(n.message ? [row('お知らせ', n.message)] : []),
                { type: 'text', text: 'ご予約はまだ取り消されていません。マイページから別の日時に変更するか、取り消してください。', size: 'sm', wrap: true },
              ]
            : []),
          ...(n.contact ? [row('お問い合わせ', n.contact)] : []),
        ],
      },
      ...(n.kind === 'cancel'
        ? {}
        : {
            footer: {
              type: 'box',
              layout: 'vertical',
              contents: [{ type: 'button', style: 'primary', action: { type: 'uri', label: n.kind === 'closure' ? 'マイページで変更・取消' : 'マイページで確認・変更', uri: n.myPageUrl } }],
            },
          }),
    },
  } as LineMessage;
}
