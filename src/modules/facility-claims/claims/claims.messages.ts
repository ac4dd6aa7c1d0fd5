/** Texts of the claims part (forms filled from the roster, counts and items; the checks at entry; the portal's claim screens). */
import { defineCatalogue } from '../../../platform/i18n.js';

export const claimsMessages = defineCatalogue({
  // ---- checks at entry (field-level; shown in the reader's language)
  'check.careFteBelow': {
    ja: '保育従事者の常勤換算 {have} 人が、年齢別配置基準による必要数 {need} 人を下回っています。職員名簿を確認してください。',
    en: 'Care staff ({have} full-time equivalent) are below the {need} the age-based ratio requires. Check the staff roster.',
  },
  'check.qualifiedFteBelow': {
    ja: '資格を持つ保育従事者の常勤換算 {have} 人が、年齢別配置基準による必要数 {need} 人を下回っています。',
    en: 'Qualified care staff ({have} full-time equivalent) are below the {need} the age-based ratio requires.',
  },
  'check.qualificationMissing': {
    ja: '職種「{role}」に必要な資格（{needed}）が職員名簿に登録されていません。',
    en: 'The role "{role}" needs a qualification ({needed}) that the roster does not record.',
  },
  'check.hiredAfterPeriod': {
    ja: '採用日 {date} がこの様式の基準日 {asOf} より後です。',
    en: 'Hired on {date}, after the date this form is made up to ({asOf}).',
  },
  'check.itemAfterPeriod': {
    ja: '「{item}」の適用開始日 {date} が請求する期間（{end} まで）より後です。',
    en: '"{item}" takes effect on {date}, after the period claimed (up to {end}).',
  },
  'check.itemConditions': {
    ja: '「{item}」の要件を満たしていません: {reason}',
    en: '"{item}": its conditions are not met: {reason}',
  },
  'check.itemConditionsNoReason': {
    ja: '「{item}」の要件を職員名簿・利用子ども数が満たしていません。',
    en: '"{item}": the roster and child counts do not meet its conditions.',
  },
  'check.countsMissing': {
    ja: '{month} の利用子ども数が市から取り込まれていません。取り込み後に作成してください。',
    en: 'The child counts of {month} have not been imported by the city yet. Make this form after they are.',
  },
  'check.countsMissingYear': {
    ja: 'この年度の利用子ども数が一件も取り込まれていません。',
    en: 'No child counts of this fiscal year have been imported yet.',
  },
  'check.countsPending': {
    ja: '{month} の利用子ども数をまだ確認していません。利用子ども数の画面で確認してください。',
    en: 'You have not confirmed the child counts of {month} yet. Confirm them on the child counts page.',
  },
  'check.countsQueried': {
    ja: '{month} の利用子ども数を照会中です。市の回答を待ってから提出してください。',
    en: 'Your query about the child counts of {month} is open. Submit after the city answers it.',
  },
  'check.countsAnswered': {
    ja: '{month} の利用子ども数の照会に市が回答しました。内容を確認してください。',
    en: 'The city answered your query about the child counts of {month}. Check the answer and confirm the counts.',
  },
  'check.noPriceTable': {
    ja: '{year}年度の公定価格単価表が登録されていません。市にお問い合わせください。',
    en: 'No unit-price table is loaded for fiscal year {year}. Ask the city.',
  },
  'check.samplePriceTable': {
    ja: '金額は見本の単価表（{label}）で計算しています。正式な単価表ではありません。',
    en: 'Amounts are computed from a sample price table ({label}), not the official one.',
  },
  'check.reportBeforePlan': {
    ja: 'この年度の処遇改善等加算の申請書（計画）がまだ提出されていません。実績報告は申請の後に提出します。',
    en: 'The pay improvement application (plan) of this year has not been submitted. The results report comes after it.',
  },
  'check.improvementBelowAddition': {
    ja: '賃金改善額の合計 {improvement} 円が加算額 {addition} 円を下回っています。',
    en: 'The wage improvements ({improvement} yen) are below the addition ({addition} yen).',
  },
  'check.basePayShareBelowHalf': {
    ja: '基本給・手当による改善額が区分②・③の加算額の2分の1（{half} 円）に達していません（現在 {improvement} 円）。',
    en: 'Improvements in base pay or allowances must be at least half of the kubun 2 and 3 additions ({half} yen); now {improvement} yen.',
  },
  'check.shoguNotClaimed': {
    ja: '加算の申請事項で処遇改善等加算を申請していません。',
    en: 'The pay improvement addition is not claimed in your application items.',
  },
  'check.kubun3Persons': {
    ja: '区分③の対象者（A {groupA} 人・B {groupB} 人）が加算の申請事項（A {itemA} 人・B {itemB} 人）と一致しません。',
    en: 'Kubun 3 persons marked here (A {groupA}, B {groupB}) differ from your application items (A {itemA}, B {itemB}).',
  },
  'check.staffUnknown': {
    ja: 'この職員はこの様式の職員名簿にいません。画面を更新してください。',
    en: 'This person is not on the roster of this form. Reload the page.',
  },
  'qualification.or': { ja: 'または', en: 'or' },

  // ---- refusals
  wrongState: {
    ja: 'この様式は「{status}」のため、この操作はできません。',
    en: 'This form is "{status}"; this cannot be done now.',
  },
  approvedExists: {
    ja: 'この様式は承認済みです。変更するには新しい版を作成してください。',
    en: 'This form is approved. Start a new version to change it.',
  },
  nothingApproved: {
    ja: '承認済みの版がないか、作業中の版があるため、新しい版は作成できません。',
    en: 'A new version needs an approved version and no version in work.',
  },
  badPeriod: { ja: '期間の指定が正しくありません。', en: 'The period is not valid.' },
  submitRefused: {
    ja: '入力内容に誤りがあるため提出できません。各項目を確認してください。',
    en: 'The form has errors and cannot be submitted. Check each field.',
  },

  // ---- screens
  listTitle: { ja: '請求・申請書類', en: 'Claims and forms' },
  fiscalYear: { ja: '{year}年度', en: 'Fiscal year {year}' },
  previousYear: { ja: '前年度', en: 'Previous year' },
  nextYear: { ja: '翌年度', en: 'Next year' },
  monthlyCaption: { ja: '月次の運営費請求書', en: 'Monthly operating-cost claims' },
  yearlyCaption: { ja: '年度の申請書類', en: 'Yearly forms' },
  'col.period': { ja: '期間', en: 'Period' },
  'col.form': { ja: '様式', en: 'Form' },
  'col.status': { ja: '状態', en: 'Status' },
  'col.version': { ja: '版', en: 'Version' },
  'col.amount': { ja: '金額（円）', en: 'Amount (yen)' },
  'col.actions': { ja: '操作', en: 'Actions' },
  notStarted: { ja: '未作成', en: 'Not started' },
  open: { ja: '開く', en: 'Open' },
  start: { ja: '作成する', en: 'Start' },
  monthLabel: { ja: '{year}年{month}月', en: '{year}-{month}' },
  monthlyTitle: { ja: '運営費請求書 {month}', en: 'Operating-cost claim {month}' },
  shoguTitle: { ja: '{form}（{year}年度）', en: '{form} (fiscal year {year})' },
  additionsTitle: { ja: '{form}（{year}年度）', en: '{form} (fiscal year {year})' },
  submissionTitle: { ja: '{form} {period} 第{version}版', en: '{form} {period}, version {version}' },
  asOf: { ja: '基準日', en: 'As of' },
  facts: {
    ja: 'この様式は職員名簿・利用子ども数・加算の申請事項から作られています。内容を変えるにはそれぞれの画面で変更してください。',
    en: 'This form is filled from the staff roster, the child counts and the application items. To change a fact, change it there.',
  },
  'link.roster': { ja: '職員名簿', en: 'Staff roster' },
  'link.counts': { ja: '利用子ども数', en: 'Child counts' },
  'link.items': { ja: '加算の申請事項', en: 'Application items' },
  statusNow: { ja: '状態', en: 'Status' },
  statusNone: {
    ja: 'まだ作成していません（以下は現在のデータによる計算です）',
    en: 'Not started yet (below: computed from the current data)',
  },
  statusWithVersion: { ja: '{status}（第{version}版）', en: '{status} (version {version})' },
  versionLabel: { ja: '第{version}版', en: 'Version {version}' },
  showSubmission: { ja: '提出の履歴を見る', en: 'See the history' },
  snapshotNote: {
    ja: '提出・承認された時点の内容を表示しています。',
    en: 'Shown as it was submitted or approved.',
  },
  returnedNote: {
    ja: '市から差し戻されました。コメントを確認し、内容を直して再度提出してください。',
    en: 'The city returned this form. Read the comment, correct the facts and submit again.',
  },

  // counts and calculation
  countsCaption: { ja: '月初日の利用子ども数と単価', en: 'Children on the first day and unit prices' },
  'col.class': { ja: '認定区分・年齢区分・保育必要量', en: 'Class, age band, hours' },
  'col.count': { ja: '人数', en: 'Children' },
  'col.basic': { ja: '基本分単価', en: 'Basic unit price' },
  'col.additions': { ja: '加算（1人当たり）', en: 'Additions per child' },
  'col.deductions': { ja: '減算（1人当たり）', en: 'Deductions per child' },
  'col.unitPrice': { ja: '単価', en: 'Unit price' },
  'col.lineAmount': { ja: '金額', en: 'Amount' },
  facilityAdditionsCaption: { ja: '施設単位の加算（加算部分2）', en: 'Facility-level additions' },
  'col.item': { ja: '項目', en: 'Item' },
  'col.value': { ja: '内容', en: 'Value' },
  'col.effectiveFrom': { ja: '適用開始日', en: 'From' },
  'col.claimed': { ja: '申請', en: 'Claimed' },
  'col.conditions': { ja: '要件', en: 'Conditions' },
  yes: { ja: 'する', en: 'Yes' },
  no: { ja: 'しない', en: 'No' },
  met: { ja: '満たす', en: 'Met' },
  notMet: { ja: '満たさない', en: 'Not met' },
  total: { ja: '請求額合計', en: 'Total claimed' },
  yen: { ja: '{amount} 円', en: '{amount} yen' },
  priceTableLabel: { ja: '単価表', en: 'Price table' },
  sampleMark: { ja: '（見本）', en: ' (sample)' },
  noPriceTable: { ja: '未登録', en: 'Not loaded' },
  itemsCaption: { ja: '加算・減算の申請事項', en: 'Additions and deductions' },
  staffingCaption: { ja: '職員配置', en: 'Staffing' },
  'staffing.headcount': { ja: '職員数', en: 'Staff' },
  'staffing.careFte': { ja: '保育従事者（常勤換算）', en: 'Care staff (FTE)' },
  'staffing.qualifiedCareFte': { ja: 'うち有資格者（常勤換算）', en: 'Of them qualified (FTE)' },
  'staffing.required': { ja: '年齢別配置基準による必要数', en: 'Required by the age-based ratio' },
  'staffing.averageExperience': { ja: '平均経験年数', en: 'Average experience' },
  years: { ja: '{n} 年', en: '{n} years' },
  persons: { ja: '{n} 人', en: '{n}' },

  // checks list
  checksTitle: { ja: '入力チェック', en: 'Checks' },
  checksNone: { ja: '誤りは見つかりませんでした。', en: 'No problems found.' },
  checksErrors: { ja: '提出の前に直す必要があるもの', en: 'To correct before submitting' },
  checksWarnings: { ja: '確認してください', en: 'Please check' },
  fixHere: { ja: '修正する', en: 'Correct it' },

  // shogu
  shoguAmounts: { ja: '加算額（年額）', en: 'Addition (per year)' },
  kubun1: { ja: '区分① 基礎分（加算率 {rate}%）', en: 'Kubun 1, basic (rate {rate}%)' },
  kubun2: { ja: '区分② 賃金改善分（加算率 {rate}%）', en: 'Kubun 2, wage improvement (rate {rate}%)' },
  kubun3: { ja: '区分③ 質の向上分（A {a} 人・B {b} 人）', en: 'Kubun 3, quality (A {a}, B {b})' },
  additionTotal: { ja: '加算額合計', en: 'Addition total' },
  improvementTotal: { ja: '賃金改善額合計', en: 'Wage improvements in total' },
  basePayShare: { ja: '区分②・③に対する基本給・手当改善の割合', en: 'Base-pay improvements against kubun 2 and 3' },
  staffCaption: {
    ja: '職員ごとの賃金改善額（基本給・手当、年額）と区分③の対象',
    en: 'Wage improvement per person (base pay and allowances, yearly) and kubun 3 group',
  },
  'col.group': { ja: '区分③の対象', en: 'Kubun 3 group' },
  'col.improvement': { ja: '賃金改善額（円・年額）', en: 'Wage improvement (yen a year)' },
  'col.name': { ja: '氏名', en: 'Name' },
  'col.role': { ja: '職種', en: 'Role' },
  'col.employment': { ja: '雇用形態', en: 'Employment' },
  'col.experience': { ja: '経験年数', en: 'Experience' },
  'col.qualifications': { ja: '資格', en: 'Qualifications' },
  'col.hiredOn': { ja: '採用日', en: 'Hired' },
  improvementLabel: { ja: '{name} の賃金改善額（円・年額）', en: 'Wage improvement of {name} (yen a year)' },
  groupLabel: { ja: '{name} の区分③', en: 'Kubun 3 group of {name}' },
  groupNone: { ja: '対象外', en: 'None' },
  groupA: { ja: 'A（副主任保育士等）', en: 'A (deputy chief etc.)' },
  groupB: { ja: 'B（職務分野別リーダー等）', en: 'B (area leader etc.)' },
  improvementInvalid: { ja: '0 以上 99,999,999 以下の整数（円）で入力してください。', en: 'Enter whole yen from 0 to 99,999,999.' },
  save: { ja: '下書きを保存', en: 'Save the draft' },
  submit: { ja: '提出する', en: 'Submit' },
  submitConfirm: { ja: 'この内容で市に提出しますか？', en: 'Submit this form to the city?' },
  withdraw: { ja: '提出を取り下げる', en: 'Withdraw the submission' },
  withdrawConfirm: { ja: '提出を取り下げて作成中に戻しますか？', en: 'Withdraw and return the form to draft?' },
  newVersion: { ja: '新しい版を作成する', en: 'Start a new version' },
  saved: { ja: '下書きを保存しました。', en: 'The draft is saved.' },
  submitted: { ja: '提出しました。市の審査をお待ちください。', en: 'Submitted. The city will review it.' },
  withdrawn: { ja: '提出を取り下げました。', en: 'The submission was withdrawn.' },
  newVersionStarted: { ja: '新しい版を作成しました。', en: 'A new version was started.' },
  errorTitle: { ja: '入力内容を確認してください', en: 'Please check the form' },

  // additions
  additionsCaption: { ja: '申請する加算と要件', en: 'Additions claimed and their conditions' },
  additionsNone: { ja: 'この区分の加算の申請事項はありません。', en: 'No application items of this level.' },

  // submission page
  historyCaption: { ja: '履歴', en: 'History' },
  'col.at': { ja: '日時', en: 'When' },
  'col.action': { ja: '内容', en: 'What' },
  'col.comment': { ja: '市からのコメント', en: "City's comment" },
  'event.created': { ja: '作成', en: 'Created' },
  'event.updated': { ja: '更新', en: 'Updated' },
  'event.submitted': { ja: '提出', en: 'Submitted' },
  'event.returned': { ja: '差戻し', en: 'Returned' },
  'event.approved': { ja: '承認', en: 'Approved' },
  'event.withdrawn': { ja: '取下げ', en: 'Withdrawn' },
  'event.superseded': { ja: '新しい版が承認', en: 'Superseded' },
  printPdf: { ja: '様式を印刷する（PDF）', en: 'Print the form (PDF)' },
  openForm: { ja: '様式の画面へ', en: 'Go to the form' },
  backToList: { ja: '請求・申請書類の一覧へ', en: 'Back to claims and forms' },
  submittedAt: { ja: '提出日時', en: 'Submitted' },
  amount: { ja: '金額', en: 'Amount' },
  'level.national': { ja: '国', en: 'National' },
  'level.prefecture': { ja: '県', en: 'Prefecture' },
  'level.city': { ja: '市', en: 'City' },
});

export type ClaimsMessageKey = keyof typeof claimsMessages.messages;
