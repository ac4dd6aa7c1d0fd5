/** What administrators read for each kind and severity of security event (event-labels.ts looks them up by code). */
import { defineCatalogue } from '../../platform/i18n.js';

export const eventKindLabels = defineCatalogue({
  'staff.locked': { ja: 'アカウントがロックされました（ログイン失敗の連続）', en: 'Account locked after failed log-ins' },
  'staff.mfa_locked': { ja: '二要素認証がロックされました（確認コードの誤りの連続）', en: 'Two-factor locked after wrong codes' },
  'staff.login_outside_network': {
    ja: '許可されていないネットワークからの職員ログインを拒否しました',
    en: 'A staff log-in from outside the allowed networks was refused',
  },
  'staff.login_failure_burst': { ja: '同じ接続元からログイン失敗が多発しています', en: 'Many failed log-ins from one address' },
  'audit.chain_broken': { ja: '監査ログの改ざんまたは欠落を検出しました', en: 'Audit log tampering or loss detected' },
  'reservation.lookup_throttled': { ja: '予約照会の試行が多すぎます', en: 'Too many booking look-ups' },
  'application.lookup_throttled': { ja: '電子申請の照会の試行が多すぎます', en: 'Too many application look-ups' },
  'card.login.client_throttled': {
    ja: 'カードサイト: 同じ接続元からの試行が多すぎます',
    en: 'Card site: too many attempts from one address',
  },
  'card.login.id_locked': { ja: 'カードサイト: IDがロックされました', en: 'Card site: an id was locked' },
  'card.login.spraying': {
    ja: 'カードサイト: 多数のIDへの試行（パスワードスプレー）',
    en: 'Card site: attempts spread over many ids (spraying)',
  },
  'card.login.id_locked_for_staff': {
    ja: 'カードサイト: 失敗が上限に達し、職員による解除が必要なIDがあります',
    en: 'Card site: an id reached the failure cap and needs staff to unlock it',
  },
  'card.login.breaker_tripped': {
    ja: 'カードサイト: 多数のIDへの失敗のため、全体の追加確認を有効にしました',
    en: 'Card site: failures across many ids tripped the site-wide breaker',
  },
  'card.login.failure_burst': { ja: 'カードサイト: ログイン失敗が急増しています', en: 'Card site: burst of failed log-ins' },
  'payment.webhook_signature_failed': {
    ja: '決済: 署名を検証できない決済通知を拒否しました（偽造の疑い）',
    en: 'Payments: a notification whose signature does not verify was refused (possible forgery)',
  },
  'payment.amount_mismatch': {
    ja: '決済: 請求額・通貨と一致しない決済があります（支払済みにしていません）',
    en: 'Payments: a payment does not match the amount or currency asked (not marked paid)',
  },
  'payment.paid_without_application': {
    ja: '決済: 申請が見つからない支払があります',
    en: 'Payments: a payment was made but no application matches it',
  },
  'payment.refund_failed': {
    ja: '決済: 返金が決済サービスで失敗しました',
    en: 'Payments: a refund failed at the payment service',
  },
  'attachment.virus_found': {
    ja: '電子申請: アップロードされたファイルからウイルスが検出され、受付を拒否しました',
    en: 'E-applications: a virus was found in an uploaded file, which was refused',
  },
  'facility.login_throttled': {
    ja: '施設ポータル: ログインの試行が多すぎます（利用者または接続元）',
    en: 'Facility portal: too many log-in attempts (user or address)',
  },
  'facility.otp_throttled': {
    ja: '施設ポータル: 確認コードの送信が多すぎます（利用者またはメールアドレス）',
    en: 'Facility portal: too many codes mailed (user or address)',
  },
  'facility.otp_exhausted': {
    ja: '施設ポータル: 確認コードを5回間違えました',
    en: 'Facility portal: five wrong confirmation codes',
  },
  'facility.user_locked': {
    ja: '施設ポータル: パスワードの誤りが続いたため利用者をロックしました',
    en: 'Facility portal: user locked after wrong passwords',
  },
  'facility.cross_facility': {
    ja: '施設ポータル: 他の施設のデータへのアクセスを拒否しました',
    en: 'Facility portal: access to data of another facility refused',
  },
  'facility.count_personal_column': {
    ja: '利用子ども数の取込: 個人情報と思われる列を含むファイルを拒否しました',
    en: 'Child count import: a file with a column that looks like personal data was refused',
  },
  'backup.failed': { ja: 'バックアップに失敗しました', en: 'A backup failed' },
  'backup.missing': {
    ja: '予定の時刻を過ぎても新しいバックアップがありません',
    en: 'No new backup although one was due',
  },
  'backup.drill_failed': {
    ja: '復元訓練: バックアップから復元した内容が記録と一致しません',
    en: 'Restore drill: the restored copy does not match its manifest',
  },
});

export const severityLabels = defineCatalogue({
  info: { ja: '情報', en: 'Info' },
  warning: { ja: '注意', en: 'Warning' },
  alert: { ja: '警告', en: 'Alert' },
});
