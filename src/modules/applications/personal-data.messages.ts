/** Texts of the e-applications module's entries in the privacy register (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const applicationsPersonalDataMessages = defineCatalogue({
  // items declared in code
  'answers.label': {
    ja: '申請フォームの回答（手続ごとの各項目は別に掲載）',
    en: "Answers to a procedure's form (each procedure's fields are listed separately)",
  },
  'email.label': { ja: '通知先メールアドレス', en: 'E-mail address for notices' },
  'lineUserId.label': { ja: 'LINEユーザーID（LINEから申請した場合）', en: 'LINE user id (applications made through LINE)' },
  'referenceNumber.label': { ja: '整理番号', en: 'Reference number (整理番号)' },
  'accessToken.label': {
    ja: '状況確認リンク・再開リンク・添付ファイルの秘密トークン（ハッシュ）',
    en: 'Secret tokens of the status link, the resume link and uploads (hashes)',
  },
  'fee.label': { ja: '手数料の額と数量', en: 'Fee amount and quantity' },
  'payment.label': {
    ja: '決済の記録（整理番号・支払額・返金額・支払方法）',
    en: 'Payment records (reference number, amount paid, amount refunded, payment method)',
  },
  'refundReason.label': { ja: '返金の理由（決済管理者の記入）', en: 'Reason for a refund (written by a payment administrator)' },
  'statusComment.label': { ja: '状況変更時の申請者へのコメント', en: "Staff's comment to the applicant on a status change" },
  'note.label': { ja: '職員の内部メモ', en: "Staff's internal note" },
  'attachment.label': {
    ja: '添付ファイルとそのファイル名（本人確認書類の画像を含む。項目ごとにも掲載）',
    en: 'Attached files and their names (identity document images included; also listed per field)',
  },

  'purpose.handle': {
    ja: '申請の受付・審査・処理と申請者への連絡',
    en: 'Receiving, examining and handling the application, and contacting the applicant',
  },
  'purpose.notify': {
    ja: '受付確認・状況変更・一時保存の再開リンクの通知',
    en: 'Notices of receipt, of status changes and of the link to resume a saved form',
  },
  'purpose.line': {
    ja: 'LINEから申請した人への状況変更の通知',
    en: 'Notices of status changes to people who applied through LINE',
  },
  'purpose.reference': {
    ja: '申請の特定（申請者・職員・決済事業者の間で共通の番号）',
    en: 'Identifying the application between the applicant, the staff and the payment provider',
  },
  'purpose.token': {
    ja: '申請者本人だけが状況確認・再開・添付をできるようにするため（照合用のハッシュのみ保存）',
    en: 'Letting only the applicant open the status page, resume a form or attach an upload (only hashes are kept)',
  },
  'purpose.fee': { ja: '手数料の算定と収納・返金・会計処理', en: 'Computing, collecting, refunding and accounting for fees' },
  'purpose.refundReason': { ja: '返金の承認と会計上の記録', en: 'Approving refunds and keeping the accounting record' },
  'purpose.comment': {
    ja: '補正依頼や結果の説明を申請者に伝えるため',
    en: 'Telling the applicant what to correct or why a decision was made',
  },
  'purpose.note': { ja: '担当課内での審査の記録', en: "Keeping the department's own record of the examination" },
  'purpose.attachment': {
    ja: '申請に必要な書類（本人確認書類など）の確認',
    en: 'Checking the documents the application needs (identity documents and others)',
  },
  'purpose.field': {
    ja: '手続「{title}」の受付・審査・処理',
    en: 'Receiving, examining and handling applications to "{title}"',
  },

  'retention.application': {
    ja: '申請が完了・却下・取下げ・期限切れとなってから手続ごとの保存日数が過ぎると、毎日の消去処理で添付・メモ・履歴とともに削除。一時保存は最後の保存から再開期限（APPLICATION_RESUME_DAYS、既定7日）で削除。',
    en: "Deleted with its files, notes and history by the daily erasure once the procedure's retention days have passed after the application was completed, rejected, withdrawn or expired. A saved form is deleted when its resume period (APPLICATION_RESUME_DAYS, default 7 days) after the last save ends.",
  },
  'retention.files': {
    ja: '申請とともに削除（手続ごとの保存日数）。どの申請・一時保存にも付かなかったアップロードは1日後に削除。',
    en: "Deleted with the application (the procedure's retention days). An upload that no application or saved form claimed is deleted after a day.",
  },
  'retention.payment': {
    ja: '決済の記録は会計のため申請の消去後も残る（整理番号と金額のみ。自動削除なし：市の文書管理規程に従い手作業で）。',
    en: "Payment records stay for accounting after the application is erased (reference number and amounts only; no automatic deletion: by hand under the city's records rules).",
  },
  'retention.field': {
    ja: '申請が完了・却下・取下げ・期限切れとなってから{days}日後に消去。一時保存は再開期限（既定7日）で削除。',
    en: 'Erased {days} days after the application was completed, rejected, withdrawn or expired. A saved form is deleted when its resume period (default 7 days) ends.',
  },

  'others.applicant': {
    ja: '申請者本人（受付控えPDF・状況確認ページ）',
    en: 'The applicant (the receipt PDF and the status page)',
  },
  'others.paymentAdmin': {
    ja: 'デジタル推進担当の決済管理者（payment_admin：決済・返金画面。回答は見られない）',
    en: 'Payment administrators of the digital promotion office (payment_admin: payment and refund screens; never the answers)',
  },
  'others.applicantAndPaymentAdmin': {
    ja: '申請者本人、デジタル推進担当の決済管理者（決済画面）',
    en: 'The applicant; payment administrators of the digital promotion office (payment screens)',
  },
  'others.sensitive': {
    ja: '一覧・詳細・CSVでは伏せ字。手続で許可された役割の職員だけが、理由を入力して1件ずつ読み、読むたびに監査記録。申請者本人（受付控えPDF）',
    en: 'Masked in lists, on the detail screen and in CSV exports; read one application at a time, with a reason, only by the roles the procedure allows, each read audited. The applicant (receipt PDF)',
  },
  'others.masked': {
    ja: '一覧では伏せ字。CSVは所属管理者のみ。申請者本人（受付控えPDF）',
    en: 'Masked in lists; in CSV exports only for the department administrator. The applicant (receipt PDF)',
  },

  'recipient.mail': {
    ja: 'メールアドレスと通知文（整理番号・手続名・状況・補正項目・金額・職員のコメント・状況確認ページのリンク）',
    en: "The e-mail address and the notice text (reference number, procedure, status, fields to correct, amount, staff's comment, status page link)",
  },
  'recipient.mailComment': {
    ja: '状況変更のメール本文に含まれるコメント',
    en: 'The comment, in the text of the status-change e-mail',
  },
  'recipient.line': {
    ja: 'LINEユーザーIDと通知文（手続名・整理番号・状況・補正項目・金額。職員のコメントは送らない）',
    en: "The LINE user id and the notice text (procedure, reference number, status, fields to correct, amount; never staff's comment)",
  },
  'recipient.provider': {
    ja: '整理番号と金額のみ（氏名・回答・メールアドレスは送らない）',
    en: 'The reference number and the amount only (no name, answer or e-mail address)',
  },
  'recipient.referenceMail': { ja: '通知メールの本文中の整理番号', en: 'The reference number in the text of notice e-mails' },
  'recipient.referenceLine': { ja: 'LINE通知の本文中の整理番号', en: 'The reference number in the text of LINE notices' },
  'recipient.fieldMail': { ja: '通知の宛先としてのメールアドレス', en: 'The address, as the recipient of notices' },

  'scope.payments': {
    ja: '電子申請の決済記録（申請の消去後に残るもの）',
    en: 'E-application payment records (kept after their applications were erased)',
  },
});
