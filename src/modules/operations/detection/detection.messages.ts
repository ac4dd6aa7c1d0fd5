/** Texts of intrusion detection: detector names, the alert mails and the alerts page (Japanese first). */
import { defineCatalogue } from '../../../platform/i18n.js';

export const detectionMessages = defineCatalogue({
  'detector.staff_login_failures': { ja: '職員ログインの失敗の多発', en: 'Burst of failed staff log-ins' },
  'detector.card_login_failures': { ja: 'カード予約サイトのログイン失敗の多発', en: 'Burst of failed card-site log-ins' },
  'detector.facility_login_failures': { ja: '施設ポータルのログイン失敗の多発', en: 'Burst of failed facility portal log-ins' },
  'detector.login_outside_network': {
    ja: '許可されていないネットワークからの職員ログイン',
    en: 'Staff log-in from outside the allowed networks',
  },
  'detector.reference_enumeration': {
    ja: '予約番号・整理番号の総当たり（見つからない照会の多発）',
    en: 'Enumeration of booking or reference numbers (many look-ups of unknown numbers)',
  },
  'detector.export_volume': { ja: '一人の職員による大量のデータ出力', en: 'Unusual export volume by one staff member' },
  'detector.webhook_signature_failures': {
    ja: '署名を検証できない決済通知（偽造の疑い）',
    en: 'Payment notifications whose signature does not verify (possible forgery)',
  },
  'detector.audit_chain_broken': { ja: '監査ログの改ざんまたは欠落', en: 'Audit log tampering or loss' },
  'detector.backup_failed': {
    ja: 'バックアップの失敗・欠落・復元訓練の不一致',
    en: 'Backup failed or missing, or restore drill mismatch',
  },
  'detector.server_errors': { ja: 'サーバーエラー（5xx）の多発', en: 'Repeated server errors (5xx)' },
  'key.client': { ja: '接続元 {key}', en: 'client {key}' },
  'key.staff': { ja: '職員ID {key}', en: 'staff id {key}' },
  'key.global': { ja: 'システム全体', en: 'system-wide' },
  'status.open': { ja: '未対応', en: 'Open' },
  'status.acknowledged': { ja: '確認済み', en: 'Acknowledged' },
  'status.closed': { ja: '終了', en: 'Closed' },
  threshold: { ja: '{minutes}分間に{count}件以上', en: '{count} or more in {minutes} min' },

  'mail.immediateSubject': { ja: '【侵入検知】{detector}（{key}）', en: '[Intrusion alert] {detector} ({key})' },
  'mail.immediateBody': {
    ja: '侵入検知の警報が発生しました。\n\n警報番号: {id}\n検知内容: {detector}\n対象: {key}\n件数: {count}件（基準: {threshold}）\n最初: {first}\n最後: {last}\n\n警報の一覧で内容を確認し、対応したら「確認済み」、終わったら「終了」にしてください。\n{link}',
    en: 'An intrusion alert was raised.\n\nAlert number: {id}\nDetected: {detector}\nConcerning: {key}\nCount: {count} (threshold: {threshold})\nFirst: {first}\nLast: {last}\n\nCheck it on the alerts page, acknowledge it while you handle it and close it when done.\n{link}',
  },
  'mail.digestSubject': { ja: '【侵入検知】警報のまとめ（{count}件）', en: '[Intrusion alerts] Digest ({count})' },
  'mail.digestIntro': {
    ja: '前回の通知の後に発生または更新された侵入検知の警報です（新規{opened}件、更新{updated}件）。\n大量の警報はメールを一件ずつ送らず、このまとめにしています。警報の一覧: {link}',
    en: 'Intrusion alerts raised or updated since the last notice ({opened} new, {updated} updated).\nMany alerts are not mailed one by one but collected here. Alerts page: {link}',
  },
  'mail.digestLine': {
    ja: '- [{state}] 警報番号 {id}: {detector} / {key} / {count}件 / 最後 {last}',
    en: '- [{state}] alert {id}: {detector} / {key} / {count} / last {last}',
  },
  'mail.digestMore': { ja: '- ほか{count}件は警報の一覧をご覧ください', en: '- {count} more: see the alerts page' },
  'mail.new': { ja: '新規', en: 'new' },
  'mail.updated': { ja: '更新', en: 'updated' },
  'mail.footer': {
    ja: 'このメールは madoguchi の侵入検知が自動で送信しています。個人情報（氏名・連絡先など）は載せていません。',
    en: "This mail was sent by madoguchi's intrusion detection. It contains no personal data (names, contact details).",
  },

  navLabel: { ja: '侵入検知の警報', en: 'Intrusion alerts' },
  title: { ja: '侵入検知の警報', en: 'Intrusion alerts' },
  intro: {
    ja: '検知の基準を超えた事象の一覧です（未対応のものが先頭）。メール通知は {to} に送られます。',
    en: 'Events that crossed a detection threshold (open ones first). Mail notices go to {to}.',
  },
  introNoMail: {
    ja: '検知の基準を超えた事象の一覧です（未対応のものが先頭）。この環境ではメール通知をしません。',
    en: 'Events that crossed a detection threshold (open ones first). This installation sends no alert mail.',
  },
  activeCaption: { ja: '対応中の警報', en: 'Active alerts' },
  closedCaption: { ja: '終了した警報（新しい50件）', en: 'Closed alerts (newest 50)' },
  noActive: { ja: '対応中の警報はありません。', en: 'No active alerts.' },
  noClosed: { ja: '終了した警報はありません。', en: 'No closed alerts.' },
  'col.id': { ja: '番号', en: 'No.' },
  'col.detector': { ja: '検知内容', en: 'Detected' },
  'col.key': { ja: '対象', en: 'Concerning' },
  'col.count': { ja: '件数', en: 'Count' },
  'col.firstSeen': { ja: '最初', en: 'First seen' },
  'col.lastSeen': { ja: '最後', en: 'Last seen' },
  'col.status': { ja: '状態', en: 'Status' },
  'col.actions': { ja: '操作', en: 'Actions' },
  'col.closedAt': { ja: '終了日時', en: 'Closed' },
  'col.note': { ja: 'メモ', en: 'Note' },
  acknowledge: { ja: '確認済みにする', en: 'Acknowledge' },
  close: { ja: '終了する', en: 'Close' },
  closeNote: { ja: '終了のメモ', en: 'Closing note' },
  closeNoteHint: {
    ja: '対応の内容など（500文字まで）。個人情報は書かないでください。',
    en: 'What was done (up to 500 characters). Do not write personal data.',
  },
  closeNoteTooLong: { ja: 'メモは500文字以内で入力してください', en: 'Keep the note to 500 characters' },
  doneAcknowledged: { ja: '警報 {id} を確認済みにしました。', en: 'Alert {id} acknowledged.' },
  doneClosed: { ja: '警報 {id} を終了しました。', en: 'Alert {id} closed.' },
  alreadyClosed: {
    ja: 'この警報はすでに終了しています。一覧を開き直してください。',
    en: 'This alert is already closed. Open the list again.',
  },
  errorTitle: { ja: '入力内容を確認してください', en: 'Please check what you entered' },
  securityEventsLink: { ja: 'セキュリティイベントの一覧', en: 'Security events' },
});
