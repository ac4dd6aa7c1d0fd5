/** Texts of the facility claims module's entries in the privacy register (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const facilityPersonalDataMessages = defineCatalogue({
  'scope.module': {
    ja: '施設型給付費等の請求（施設に属さない記録）',
    en: 'Childcare facility claims (records of no one facility)',
  },

  // facilities
  'operatorName.label': {
    ja: '設置者名（家庭的保育など個人が設置する施設では個人の氏名）',
    en: "Operator's name (a person's name where a person runs the facility, e.g. home-based care)",
  },
  'facilityAddress.label': {
    ja: '施設の郵便番号・所在地（家庭的保育では保育者の自宅のことがある）',
    en: "The facility's postal code and address (for home-based care, possibly the carer's home)",
  },
  // facility users
  'userName.label': { ja: '施設利用者の氏名', en: "Facility user's name" },
  'userEmail.label': { ja: '施設利用者のメールアドレス', en: "Facility user's e-mail address" },
  'userLoginId.label': { ja: '施設利用者のログインID', en: "Facility user's log-in id" },
  'userPassword.label': { ja: 'パスワードのハッシュ', en: 'Password hash' },
  'loginCode.label': { ja: 'ワンタイムコードの照合値（HMAC）', en: 'One-time code check value (HMAC)' },
  'loginIp.label': { ja: 'ログイン時のIPアドレス', en: 'IP address at log-in' },
  'session.label': { ja: 'ログイン中のセッション（トークンのハッシュとCSRFトークン）', en: 'Log-in session (token hash and CSRF token)' },
  // roster
  'staffName.label': { ja: '職員の氏名', en: "Staff member's name" },
  'staffKana.label': { ja: '職員の氏名（カナ）', en: "Staff member's name in kana" },
  'staffBirthDate.label': { ja: '職員の生年月日', en: "Staff member's birth date" },
  'staffAddress.label': { ja: '職員の住所', en: "Staff member's address" },
  'staffQualificationNumber.label': {
    ja: '資格の登録番号（保育士登録番号など）',
    en: 'Qualification registration number (e.g. nursery teacher)',
  },
  'staffQualifications.label': { ja: '保有資格の種類', en: 'Qualifications held' },
  'staffEmployment.label': {
    ja: '職種・雇用形態・週の勤務時間・採用日・退職日・前歴月数と、その異動・休職の履歴',
    en: 'Role, employment type, weekly hours, hiring and leaving dates, prior experience, and the dated history of changes and leaves',
  },
  'staffHistoryNote.label': { ja: '職員の異動・休職の記録へのメモ', en: "Note on a staff member's change or leave" },
  // counts, reviews, submissions
  'childCounts.label': {
    ja: '利用子ども数（認定区分・年齢区分・保育必要量ごとの人数。氏名なし）',
    en: 'Children counts (per certification class, age band and need; no names)',
  },
  'countQuery.label': {
    ja: '子ども数への施設からの照会と市の回答（自由記述：子どもの名前を書かないよう案内している）',
    en: "A facility's query about its child counts and the city's answer (free text; the page asks not to name a child)",
  },
  'formStaff.label': {
    ja: '請求・申請様式の職員欄（氏名・職種・勤務形態・勤務時間・資格・経験年数・賃金改善額）',
    en: 'Staff lines of claim and application forms (name, role, employment, hours, qualifications, experience, wage improvement)',
  },
  'submissionComment.label': {
    ja: '提出物の差戻し・取下げ等のコメント',
    en: 'Comments on a submission (returns, withdrawals and others)',
  },
  'priceImporter.label': { ja: '単価表を取り込んだ職員のログインID', en: 'Log-in id of the staff member who imported a price table' },

  'purpose.facility': {
    ja: '施設の台帳と、請求書・申請書の記載',
    en: "The facility register, and the header of the facility's claims and forms",
  },
  'purpose.account': {
    ja: '施設ポータルのアカウント管理とログイン（ワンタイムコードの送信）',
    en: 'Facility portal accounts and log-in (sending the one-time code)',
  },
  'purpose.login': {
    ja: 'ログインの保護（不正ログインの検知と、前回ログインの表示）',
    en: 'Protecting log-ins (detecting misuse, showing the previous log-in)',
  },
  'purpose.roster': {
    ja: '職員配置の確認と、加算・処遇改善等の請求（職員名簿）',
    en: 'Checking staffing and claiming additions and wage improvements (staff roster)',
  },
  'purpose.counts': {
    ja: '施設型給付費・地域型保育給付費の算定',
    en: 'Computing the facility and community childcare benefits',
  },
  'purpose.review': {
    ja: '提出物の審査と施設とのやりとり',
    en: 'Reviewing submissions and corresponding with the facility',
  },
  'purpose.importer': { ja: '単価表の取込みの記録', en: 'Recording who imported a price table' },

  'retention.facility': {
    ja: '自動削除なし（施設の廃止後も過去の請求のため残る）。市の文書管理規程に従う。',
    en: "No automatic deletion (kept after a facility closes, for past claims); under the city's records rules.",
  },
  'retention.user': {
    ja: '自動削除なし（利用停止にしても残る）。市の文書管理規程に従い手作業で削除。',
    en: "No automatic deletion (kept when disabled); delete by hand under the city's records rules.",
  },
  'retention.challenge': {
    ja: '未使用のものは1日後に削除。使用済みは利用者ごとに最新2件を残し、ほかは90日後に削除（毎時の処理）。',
    en: "Unused ones are deleted after a day; of used ones each user's latest two are kept and the rest deleted after 90 days (hourly run).",
  },
  'retention.session': {
    ja: 'ログアウト・パスワード変更・利用停止で削除。期限切れから1日たったセッションは毎時の処理で削除。',
    en: 'Deleted at log-out, password change or when the user is disabled; an expired session is deleted by the hourly sweep a day after it expired.',
  },
  'retention.roster': {
    ja: '自動削除なし（退職後も過去期間の請求のため残る）。市の文書管理規程に従い手作業で削除。',
    en: "No automatic deletion (kept after the person leaves, for the claims of past periods); delete by hand under the city's records rules.",
  },
  'retention.submission': {
    ja: '自動削除なし。承認された版は変更・削除できない（請求の証拠）。',
    en: 'No automatic deletion; an approved version can be neither changed nor deleted (evidence of the claim).',
  },
  'retention.counts': {
    ja: '自動削除なし（同じ月を取り込み直すと置き換わる）。',
    en: 'No automatic deletion (re-importing a month replaces it).',
  },

  'others.user': { ja: '本人（ポータルのアカウント画面）', en: 'The user themself (account page of the portal)' },
  'others.facility': {
    ja: 'その施設の施設利用者（施設ポータル）',
    en: "The facility's own users (facility portal)",
  },
  'others.roster': {
    ja: 'その施設の施設利用者（職員名簿画面）。市の職員は名簿画面を持たず、提出された様式で見る',
    en: "The facility's own users (roster screens). City staff have no roster screen; they see what submitted forms carry",
  },
  'others.counts': {
    ja: '入園担当課（取込み・照会への回答）、その施設の施設利用者',
    en: "The enrolment division (imports, answers to queries); the facility's own users",
  },

  'recipient.codeMail': {
    ja: 'メールアドレスと本文（施設名・ワンタイムコード・有効期限）',
    en: 'The address and the text (facility name, one-time code, expiry)',
  },
});
