/** Texts of the application items (加算の申請事項): the page, the value fields, the condition warnings, the refusals. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const itemMessages = defineCatalogue({
  title: { ja: '申請事項（加算・減算）{fy}年度', en: 'Application items (additions and deductions), fiscal year {fy}' },
  intro: {
    ja: '請求する加算と、その算定に必要な値を年度ごとに一度だけ入力します。事実が変わったときは、適用開始日を付けて変更してください。変更の履歴は残ります。',
    en: 'Enter once per fiscal year which additions you claim and the values they need. When a fact changes, change the item with the date it applies from; the history is kept.',
  },
  fyNav: { ja: '年度', en: 'Fiscal year' },
  fyLink: { ja: '{fy}年度', en: 'FY {fy}' },
  errorTitle: { ja: '入力内容を確認してください', en: 'Please check what you entered' },
  saved: { ja: '「{item}」を保存しました。', en: '“{item}” was saved.' },
  levelNational: { ja: '国の加算・減算（公定価格）', en: 'National additions and deductions (official prices)' },
  levelPrefecture: { ja: '県の補助', en: 'Prefecture subsidies' },
  levelCity: { ja: '市単独の加算', en: 'City additions' },
  deductionHint: {
    ja: '減算項目です。該当する場合に「該当する」を選んでください。',
    en: 'This is a deduction. Choose “applies” when it applies to your facility.',
  },
  claimed: { ja: '請求の有無', en: 'Claimed' },
  claimedYes: { ja: '請求する', en: 'Claim' },
  claimedNo: { ja: '請求しない', en: 'Do not claim' },
  appliesYes: { ja: '該当する', en: 'Applies' },
  appliesNo: { ja: '該当しない', en: 'Does not apply' },
  effectiveFrom: { ja: '適用開始日', en: 'Applies from' },
  effectiveFromHint: { ja: '{from}から{to}までの日付', en: 'A date from {from} to {to}' },
  save: { ja: '保存する', en: 'Save' },
  stateClaimed: { ja: '請求中（{date}から）', en: 'Claimed (from {date})' },
  stateNotClaimed: { ja: '請求なし（{date}から）', en: 'Not claimed (from {date})' },
  stateNone: { ja: '未入力', en: 'Not entered' },
  history: { ja: '変更履歴', en: 'History of changes' },
  colFrom: { ja: '適用開始日', en: 'Applies from' },
  colClaimed: { ja: '請求', en: 'Claimed' },
  colValue: { ja: '値', en: 'Values' },
  colRecorded: { ja: '記録日時', en: 'Recorded' },
  yes: { ja: 'あり', en: 'Yes' },
  no: { ja: 'なし', en: 'No' },
  noHistory: { ja: '履歴はありません。', en: 'No changes yet.' },
  warningTitle: { ja: '職員名簿・児童数から見た注意', en: 'Check against the roster and child counts' },
  warningsUnavailable: {
    ja: '職員名簿の集計を読めなかったため、要件の確認は表示していません。',
    en: 'The roster could not be summarised, so the conditions are not checked here.',
  },

  // value fields
  listSeparator: { ja: '、', en: ', ' },
  'field.kind': { ja: '栄養士の配置形態', en: 'How the nutritionist is engaged' },
  'kind.employed': { ja: '雇用', en: 'Employed' },
  'kind.contract': { ja: '委託・契約', en: 'Contract' },
  'kind.shared': { ja: '兼務', en: 'Shared with another post' },
  'field.staff': { ja: '加配する職員数（人）', en: 'Extra staff (persons)' },
  'field.yearlyDays': { ja: '年間の休日保育日数（日）', en: 'Holiday childcare days a year' },
  'field.kubun1Rate': { ja: '区分① 加算率（%、認定を受けた率）', en: 'Part 1 rate (%, as certified)' },
  'field.kubun2Rate': { ja: '区分② 加算率（%、認定を受けた率）', en: 'Part 2 rate (%, as certified)' },
  'field.kubun3.personsA': { ja: '区分③ 人数A（副主任保育士等）', en: 'Part 3, persons in group A (deputy chiefs)' },
  'field.kubun3.personsB': { ja: '区分③ 人数B（職務分野別リーダー等）', en: 'Part 3, persons in group B (area leaders)' },
  'field.persons': { ja: '対象職員数（人）', en: 'Staff covered (persons)' },
  'field.children': { ja: '対象児童数（人）', en: 'Children covered' },
  'field.extraStaff': { ja: '加配職員数（常勤換算）', en: 'Extra staff (full-time equivalent)' },
  'field.minutes': { ja: '延長時間', en: 'Extension' },
  'minutes.30': { ja: '30分', en: '30 minutes' },
  'minutes.60': { ja: '1時間', en: '1 hour' },
  'minutes.120': { ja: '2時間', en: '2 hours' },
  rateHint: {
    ja: '空欄のときは単価表の率（平均経験年数による）で計算します。',
    en: 'Leave empty to use the table’s rate (by average experience).',
  },

  // refusals
  notInYear: { ja: '{from}から{to}までの日付を入力してください。', en: 'Enter a date from {from} to {to}.' },
  notADate: { ja: '日付を正しく入力してください（例：2026-04-01）。', en: 'Enter a valid date (e.g. 2026-04-01).' },
  chooseClaimed: { ja: '請求するかどうかを選んでください。', en: 'Choose whether you claim this item.' },
  wholeNumber: { ja: '0以上の整数を入力してください。', en: 'Enter a whole number of 0 or more.' },

  // conditions the roster or the counts do not meet (warnings; the engine does not price such an addition)
  'cond.shukan-senin': {
    ja: '職員名簿に主任保育士・主幹保育教諭がいません（主幹教諭等専任加算の要件）。',
    en: 'The roster has no chief nursery teacher (needed for the dedicated chief teacher addition).',
  },
  'cond.jimu-yatoiage': {
    ja: '職員名簿に事務職員がいません（事務職員雇上費加算の要件）。',
    en: 'The roster has no clerk (needed for the clerk addition).',
  },
  'cond.eiyo-kanri': {
    ja: '職員名簿に栄養士がいません（委託・契約の場合を除き、栄養管理加算の要件）。',
    en: 'The roster has no nutritionist (needed for the nutrition addition unless engaged by contract).',
  },
  'cond.team-hoiku': {
    ja: '保育従事職員は常勤換算{care}人で、配置基準の{required}人に加えて{staff}人を加配するには足りません。',
    en: 'Care staff are {care} full-time equivalent: not enough for {staff} extra on top of the required {required}.',
  },
  'cond.sansai-haichi': {
    ja: '3歳児15:1で必要な保育従事職員は{required}人ですが、職員名簿では常勤換算{care}人です。',
    en: 'Age 3 at 15:1 needs {required} care staff; the roster has {care} full-time equivalent.',
  },
  'cond.kyujitsu-hoiku': { ja: '年間の休日保育日数が0日です。', en: 'The holiday childcare days a year are 0.' },
  'cond.ken-shogu': {
    ja: '対象職員数{persons}人が職員名簿の人数{headcount}人を超えています。',
    en: 'The {persons} staff covered exceed the {headcount} on the roster.',
  },
  'cond.shi-shogaiji': {
    ja: '加配職員数{extra}人が、配置基準（{required}人）を超える保育従事職員（常勤換算{care}人）を上回っています。',
    en: 'The {extra} extra staff exceed the care staff ({care} full-time equivalent) beyond the requirement ({required}).',
  },
  'cond.shogu': {
    ja: '区分③の人数（A {a}人・B {b}人）が職員名簿の人数{headcount}人を超えています。',
    en: 'Part 3 persons (A {a}, B {b}) exceed the {headcount} on the roster.',
  },
  'cond.shisetsucho-mihaichi': {
    ja: '職員名簿に施設長がいるため、この減算は該当しないはずです。',
    en: 'The roster has a director, so this deduction should not apply.',
  },
});
