/** Texts of the operations module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const operationsPersonalDataMessages = defineCatalogue({
  scope: { ja: '運用（侵入検知の警告、バックグラウンド処理）', en: 'Operations (intrusion alerts, background jobs)' },
  'alertKey.label': {
    ja: '侵入検知の警告の対象（接続元IPアドレスまたは職員のID）',
    en: 'What an intrusion alert is about (a client address or a staff id)',
  },
  'alertKey.purpose': {
    ja: '不審なアクセスの発生源を特定し、セキュリティ管理者が対処するため',
    en: 'To identify where suspicious activity comes from, so the security administrators can act',
  },
  'closeNote.label': { ja: '警告を閉じたときのメモ', en: 'Note written when closing an alert' },
  'closeNote.purpose': {
    ja: '警告にどう対処したかを記録するため（自由記述のため、人に関する内容が含まれることがあります）',
    en: 'To record how an alert was dealt with (free text: it may mention people)',
  },
  'alertMail.label': {
    ja: '警告メールの件名と本文（接続元IPアドレス・職員のID・件数・日時）',
    en: 'Subject and text of alert mails (client addresses, staff ids, counts, times)',
  },
  'alertMail.purpose': {
    ja: 'セキュリティ管理者へ警告を知らせ、送信の間隔を制限するため',
    en: 'To tell the security administrators of alerts, and to limit how often they are mailed',
  },
  'alertMail.receives': {
    ja: 'セキュリティ管理者のメールアドレスと、警告の内容（接続元IPアドレス・職員のID・件数・日時。氏名やログインIDは含みません）',
    en: "The security administrators' addresses and the alerts (client addresses, staff ids, counts, times; never a name or log-in ID)",
  },
  'jobEmail.label': {
    ja: 'マイページのログイン用リンクを送るメールアドレス（処理待ちのジョブ内）',
    en: 'E-mail address a My Page sign-in link is to be mailed to (in the queued job)',
  },
  'jobEmail.purpose': {
    ja: '申し込みに応じてログイン用リンクをメールで送るため（予約がなければ送りません）',
    en: 'To mail the sign-in link that was asked for (nothing is sent when the address has no booking)',
  },
  'jobEmail.receives': {
    ja: 'メールアドレスと、ログイン用リンクのメール本文',
    en: 'The address and the mail with the sign-in link',
  },
  'jobLineEvent.label': {
    ja: 'LINEから届いたイベント（LINEユーザーID、入力された文章、返信用トークン）',
    en: 'Events received from LINE (LINE user id, the text typed, the reply token)',
  },
  'jobLineEvent.purpose': {
    ja: 'LINEで話しかけた人に返答するため。入力された文章は返答後に消去します',
    en: 'To answer the person who wrote to the official account; the text typed is blanked once answered',
  },
  'jobToken.label': {
    ja: '電子申請の確認・再開用リンクの秘密のトークン（処理待ちのジョブ内）',
    en: "Secret token of an application's confirmation or resume link (in the queued job)",
  },
  'jobToken.purpose': {
    ja: '申請者にリンクをメールで送るため',
    en: 'To mail the link to the applicant',
  },
  'jobToken.receives': {
    ja: '申請者のメールアドレスと、リンクを含むメール本文',
    en: "The applicant's address and the mail holding the link",
  },
  'jobCode.label': {
    ja: '施設ポータルのログイン用ワンタイムコード（処理待ちのジョブ内）',
    en: 'One-time log-in code of the facility portal (in the queued job)',
  },
  'jobCode.purpose': {
    ja: '施設の利用者にログイン用コードをメールで送るため',
    en: 'To mail the log-in code to the facility user',
  },
  'jobCode.receives': {
    ja: '施設の利用者のメールアドレスと、コードを含むメール本文',
    en: "The facility user's address and the mail holding the code",
  },
  'jobError.label': {
    ja: 'ジョブが失敗したときのエラーメッセージ',
    en: 'Error message of a failed job',
  },
  'jobError.purpose': {
    ja: '失敗した処理の原因を調べるため（メールサーバーの拒否理由に宛先のアドレスが含まれることがあります）',
    en: "To find why a job failed (a mail server's refusal may quote the recipient's address)",
  },
  'retention.alerts': { ja: '削除する処理はなく、保存し続けます', en: 'Kept: nothing deletes them' },
  'retention.jobs': {
    ja: '終わったジョブは30日後（失敗したジョブは90日後）に毎時の処理で中身（暗号化された値・エラー文）を消去し、番号と重複防止の鍵だけを残します。LINEで入力された文章は返答後に消去',
    en: "A finished job's contents (encrypted values, error text) are blanked by the hourly sweep 30 days after it ended (a failed job's after 90 days), keeping only its number and dedupe key; the text typed on LINE is blanked once answered",
  },
  'retention.alertMails': {
    ja: '送信から400日後に毎時の処理で削除',
    en: 'Deleted by the hourly sweep 400 days after it was queued',
  },
});
