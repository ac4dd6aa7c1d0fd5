/** Texts of the security module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const securityPersonalDataMessages = defineCatalogue({
  scope: { ja: 'セキュリティ記録（ログイン失敗・不審なアクセス）', en: 'Security records (failed log-ins, suspicious access)' },
  'eventAddress.label': { ja: 'セキュリティイベントの接続元IPアドレス', en: 'Client address of a security event' },
  'eventAddress.purpose': {
    ja: 'ログイン失敗の繰り返しや不審なアクセスを管理者が調べ、対処するため',
    en: 'So administrators can investigate repeated failed log-ins and suspicious access, and act on them',
  },
  'eventSubject.label': {
    ja: 'セキュリティイベントの対象と内容（職員・利用者のID、ログインIDのハッシュ値、件数など）',
    en: 'Subject and details of a security event (staff or user ids, a hashed log-in ID, counts)',
  },
  'eventSubject.purpose': {
    ja: 'ロックアウトや不審なアクセスがどのアカウントに関わるかを管理者が確認するため',
    en: 'So administrators see which account a lockout or suspicious access concerns',
  },
  'counterKey.label': {
    ja: 'アクセス回数制限・検知用カウンターのキー（接続元IPアドレス、ログインIDやメールアドレスのハッシュ値）',
    en: 'Keys of the rate-limit and detection counters (client addresses, hashes of log-in IDs or e-mail addresses)',
  },
  'counterKey.purpose': {
    ja: '総当たりや大量アクセスを一定時間ごとに数えて止め、侵入検知に使うため',
    en: 'To count and stop guessing and floods per time window, and to feed the intrusion detectors',
  },
  'retention.events': {
    ja: '削除する処理はなく、保存し続けます',
    en: 'Kept: nothing deletes them',
  },
  'retention.counters': {
    ja: '回数制限のカウンターは時間枠の終了から1日後、検知用の回数は8日後に削除（検知の最長期間は7日）',
    en: 'Rate-limit counters are deleted a day after their time window, detection counts after eight days (the longest detector window is seven)',
  },
});
