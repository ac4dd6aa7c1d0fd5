/** Texts of the LINE module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const linePersonalDataMessages = defineCatalogue({
  scope: { ja: 'LINE公式アカウント（友だち・送信記録）', en: 'LINE official account (friends, pushes made)' },
  'userId.label': { ja: 'LINEユーザーID（友だち登録の状態と言語）', en: 'LINE user id (friend status and language)' },
  'userId.purpose': {
    ja: '友だち登録した人に予約の案内や通知を送り、ブロックされたら送らないようにするため',
    en: 'To answer people who added the account, send them booking notices, and stop when they block it',
  },
  'push.label': { ja: 'LINEで送った通知の記録（LINEユーザーIDと種類）', en: 'Record of pushes made (LINE user id and kind)' },
  'push.purpose': {
    ja: '同じ通知を二度送らないようにするため（再送の防止）',
    en: 'So that a retried notice is not sent twice',
  },
  'line.receives': {
    ja: 'LINEユーザーIDと、送るメッセージ（予約番号・サービス名・日時・場所・問い合わせ先・マイページのリンク、職員からの個別メッセージ、チャットへの返答）',
    en: "The LINE user id and the messages sent (booking number, service, time, place, whom to ask, My Page link; staff's one-off messages; the chat's replies)",
  },
  'retention.pushes': {
    ja: '送信から90日後に毎時の処理で削除',
    en: 'Deleted by the hourly sweep 90 days after the message was sent',
  },
  retention: {
    ja: '削除する処理はなく、保存し続けます（ブロックされると送信しない印を付けます）',
    en: 'Kept: nothing deletes them (a block marks the user as not to be messaged)',
  },
});
