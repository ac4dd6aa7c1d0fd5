/**
 * Names of a booking's status and channel, and the column names of the staff export (staff-queries.ts).
 * The export is written in Japanese (its columns are what the offices' spreadsheets expect).
 */
import { defineCatalogue } from '../../platform/i18n.js';

export const reservationLabels = defineCatalogue({
  'status.booked': { ja: '予約済', en: 'Booked' },
  'status.arrived': { ja: '受付済（来庁）', en: 'Arrived' },
  'status.done': { ja: '対応完了', en: 'Done' },
  'status.no_show': { ja: '無断キャンセル', en: 'No-show' },
  'status.cancelled': { ja: '取消', en: 'Cancelled' },
  'channel.web': { ja: 'ウェブ', en: 'Web' },
  'channel.phone': { ja: '電話（職員入力）', en: 'Phone (staff)' },
  'channel.line': { ja: 'LINE', en: 'LINE' },
  enteredByStaff: { ja: '{channel}（職員入力）', en: '{channel} (entered by staff)' },
  'export.number': { ja: '予約番号', en: 'Booking number' },
  'export.date': { ja: '日付', en: 'Date' },
  'export.start': { ja: '開始時刻', en: 'Start' },
  'export.end': { ja: '終了時刻', en: 'End' },
  'export.service': { ja: '予約窓口', en: 'Service' },
  'export.department': { ja: '所属', en: 'Department' },
  'export.status': { ja: '状態', en: 'Status' },
  'export.channel': { ja: '受付経路', en: 'Channel' },
  'export.name': { ja: '氏名', en: 'Name' },
  'export.phone': { ja: '電話番号', en: 'Phone' },
  'export.email': { ja: 'メールアドレス', en: 'E-mail' },
  'export.createdAt': { ja: '登録日時', en: 'Booked at' },
  'export.sensitiveColumn': { ja: '{label}（要配慮個人情報のため非表示）', en: '{label} (sensitive: not exported)' },
  'export.masked': { ja: '（非表示）', en: '(masked)' },
  'export.sheet': { ja: '予約', en: 'Bookings' },
});
