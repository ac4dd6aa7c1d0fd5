/** Every text of the child counts part (利用子ども数): the import's report, the city's and the facility's screens. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const countMessages = defineCatalogue({
  // ---- columns, as the report names them
  'column.facilityCode': { ja: '施設コード', en: 'facility code' },
  'column.certClass': { ja: '認定区分', en: 'certification class' },
  'column.ageBand': { ja: '年齢区分', en: 'age band' },
  'column.need': { ja: '保育必要量', en: 'care need' },
  'column.count': { ja: '人数', en: 'count' },
  'column.month': { ja: '対象年月', en: 'month' },

  // ---- why a column looks like a child's personal data
  'personal.name': { ja: '氏名', en: 'a name' },
  'personal.kana': { ja: 'フリガナ（氏名の読み）', en: 'the reading of a name (kana)' },
  'personal.birth': { ja: '生年月日', en: 'a birth date' },
  'personal.age-months': { ja: '月齢', en: 'an age in months' },
  'personal.address': { ja: '住所', en: 'an address' },
  'personal.phone': { ja: '電話番号', en: 'a phone number' },
  'personal.contact': { ja: '連絡先（メールアドレスなど）', en: 'contact details (an e-mail address or the like)' },
  'personal.guardian': { ja: '保護者の情報', en: "a guardian's details" },
  'personal.individual-id': { ja: '個人を識別する番号', en: 'a number that identifies a person' },
  'personal.gender': { ja: '性別', en: 'a gender' },

  // ---- the file as a whole
  'file.empty': {
    ja: 'ファイルが空です。見出し行と人数の行があるCSVファイルを選んでください。',
    en: 'The file is empty. Choose a CSV file with a header row and rows of counts.',
  },
  'file.tooLarge': { ja: 'ファイルが大きすぎます（{megabytes} MBまで）。', en: 'The file is too large (at most {megabytes} MB).' },
  'file.missing': { ja: 'CSVファイルを選んでください。', en: 'Choose a CSV file.' },
  'file.unreadable': { ja: 'CSVとして読み取れませんでした（{reason}）。', en: 'The file could not be read as CSV ({reason}).' },
  'file.duplicate': {
    ja: 'このファイルは {month} 分としてすでに取り込まれています（{importedAt}、同じ内容のファイル）。二重の取込はしません。',
    en: 'This file was already imported for {month} ({importedAt}, byte-identical). It is not imported twice.',
  },
  'file.noRows': {
    ja: '人数の行がありません。見出し行の下に施設ごとの行を入れてください。',
    en: 'There are no rows of counts under the header row.',
  },
  'file.personalColumn': {
    ja: '{column}列（{position}列目）は子どもの個人情報（{what}）と思われるため、ファイル全体を取り込みませんでした。このシステムには子どもの個人情報を入れず、人数だけを取り込みます。この列を削除し、施設コード・認定区分・年齢区分・保育必要量・人数（と対象年月）の列だけにしてください。',
    en: 'Column {position} ({column}) looks like personal data of a child ({what}), so nothing of the file was imported. This system holds counts only, never a child’s personal data. Remove that column and keep only facility code, certification class, age band, care need, count (and month).',
  },
  'file.unknownColumn': {
    ja: '{column}列（{position}列目）は取り込める列ではありません。使える列は 施設コード・認定区分・年齢区分・保育必要量・人数・対象年月 だけです（個人情報が紛れ込まないよう、ほかの列はすべて断ります）。',
    en: 'Column {position} ({column}) is not a column the import accepts. Only facility code, certification class, age band, care need, count and month are accepted (every other column is refused, so no personal data can slip in).',
  },
  'file.blankColumn': {
    ja: '{position}列目の見出しが空です。すべての列に見出しを付けてください。',
    en: 'Column {position} has no heading. Every column needs one.',
  },
  'file.repeatedColumn': {
    ja: '{column}の列が2回あります（{position}列目）。',
    en: 'The {column} column appears twice (column {position}).',
  },
  'file.missingColumn': { ja: '{column}の列がありません。', en: 'There is no {column} column.' },
  'file.noHeader': {
    ja: '1行目は見出し行（施設コード,認定区分,年齢区分,保育必要量,人数）にしてください。',
    en: 'The first line must be the header row (施設コード,認定区分,年齢区分,保育必要量,人数 or facility_code,cert_class,age_band,need,count).',
  },

  // ---- one line
  'line.facilityRequired': { ja: '施設コードが空です。', en: 'The facility code is empty.' },
  'line.facilityUnknown': { ja: '施設コード「{code}」の施設は登録されていません。', en: 'No facility has the code "{code}".' },
  'line.facilityInactive': {
    ja: '施設コード「{code}」の施設は無効（廃止）になっています。',
    en: 'The facility "{code}" is inactive (closed).',
  },
  'line.certClass': {
    ja: '認定区分は 1・2・3（1号・2号・3号）のどれかにしてください（「{value}」）。',
    en: 'The certification class must be 1, 2 or 3 ("{value}").',
  },
  'line.ageBand': {
    ja: '年齢区分は 0歳・1・2歳・3歳・4歳以上・満3歳 のどれかにしてください（「{value}」）。',
    en: 'The age band must be 0歳, 1・2歳, 3歳, 4歳以上 or 満3歳 (or age0, age1-2, age3, age4plus, mansan) ("{value}").',
  },
  'line.need': {
    ja: '保育必要量は 標準・短時間・教育 のどれかにしてください（「{value}」）。',
    en: 'The care need must be 標準, 短時間 or 教育 (or standard, short, education) ("{value}").',
  },
  'line.combination': {
    ja: '{cert}の子どもに「{age}・{need}」の区分はありません（3号は0歳・1・2歳で標準か短時間、2号は3歳・4歳以上で標準か短時間、1号は満3歳・3歳・4歳以上で教育）。',
    en: 'There is no "{age}, {need}" class for {cert} children (class 3: age 0 or 1–2, standard or short; class 2: age 3 or 4+, standard or short; class 1: turned 3, age 3 or 4+, education).',
  },
  'line.count': {
    ja: '人数は 0 から 9999 までの整数にしてください（「{value}」）。',
    en: 'The count must be a whole number from 0 to 9999 ("{value}").',
  },
  'line.month': {
    ja: '対象年月「{value}」が取込の年月（{month}）と違います。',
    en: 'The month "{value}" differs from the month of the import ({month}).',
  },
  'line.monthFormat': {
    ja: '対象年月は YYYY-MM か YYYY/MM で書いてください（「{value}」）。',
    en: 'Write the month as YYYY-MM or YYYY/MM ("{value}").',
  },
  'line.duplicate': {
    ja: '同じ施設・区分の行が {first} 行目にもあります（1つの区分は1行にしてください）。',
    en: 'Line {first} has the same facility and class (one line per class).',
  },
  'line.extraCells': {
    ja: '見出しより多い列に値があります（{position}列目）。見出しのない列は取り込みません。',
    en: 'There is a value beyond the last heading (column {position}). Columns without a heading are not imported.',
  },
  'report.line': { ja: '{line}行目', en: 'line {line}' },
  'report.file': { ja: 'ファイル', en: 'file' },

  // ---- answers to the facility and the city
  'review.notQueried': {
    ja: '照会がないため回答できません（状態: {status}）。',
    en: 'There is no open query to answer (status: {status}).',
  },
  'review.stale': {
    ja: '確認している間に人数が取り込み直されました。新しい人数をもう一度確認してください。',
    en: 'The counts were imported again while you were looking. Check the new counts again.',
  },
  'review.queryRequired': { ja: '照会の内容を入力してください。', en: 'Write what you want to ask.' },
  'review.answerRequired': { ja: '回答を入力してください。', en: 'Write the answer.' },
  'review.tooLong': { ja: '{max}文字以内で入力してください。', en: 'Use at most {max} characters.' },
  'month.invalid': { ja: '年月は YYYY-MM で入力してください（例: 2026-04）。', en: 'Enter the month as YYYY-MM (e.g. 2026-04).' },

  // ---- screens (shared)
  listSeparator: { ja: '・', en: ', ' },
  navLabel: { ja: '利用子ども数', en: 'Child counts' },
  checkInput: { ja: '入力内容を確認してください', en: 'Please check what you entered' },
  monthLabel: { ja: '{year}年{month}月', en: '{month}/{year}' },
  status: { ja: '状態', en: 'Status' },
  total: { ja: '合計', en: 'Total' },
  children: { ja: '{count}人', en: '{count}' },
  certClass: { ja: '認定区分', en: 'Certification class' },
  ageBand: { ja: '年齢区分', en: 'Age band' },
  need: { ja: '保育必要量', en: 'Care need' },
  count: { ja: '人数', en: 'Children' },
  countsCaption: { ja: '{month}1日の利用子ども数', en: 'Children on the first day of {month}' },
  noCounts: { ja: 'この月の人数はまだ取り込まれていません。', en: 'No counts have been imported for this month yet.' },
  queryTitle: { ja: '照会', en: 'Query' },
  queryText: { ja: '施設からの照会', en: "The facility's query" },
  answerText: { ja: '市からの回答', en: "The city's answer" },
  importedAt: { ja: '取込日時', en: 'Imported at' },
  facility: { ja: '施設', en: 'Facility' },
  facilityCode: { ja: '施設コード', en: 'Facility code' },

  // ---- city screens
  'staff.title': { ja: '利用子ども数（{month}）', en: 'Child counts ({month})' },
  'staff.intro': {
    ja: '基幹システムから取り込んだ各施設の月初日の利用子ども数と、施設の確認状況です。',
    en: 'Children on the first day of the month per facility, imported from the core system, and whether each facility has confirmed them.',
  },
  'staff.month': { ja: '表示する年月', en: 'Month to show' },
  'staff.show': { ja: '表示', en: 'Show' },
  'staff.importLink': { ja: 'CSVを取り込む', en: 'Import a CSV file' },
  'staff.facilitiesCaption': { ja: '施設ごとの確認状況', en: 'Facilities and their answers' },
  'staff.totalsCaption': { ja: '区分ごとの合計（全施設）', en: 'Totals by class (all facilities)' },
  'staff.statusCounts': {
    ja: '未確認 {pending}・確認済み {confirmed}・照会中 {queried}・回答済み {answered}',
    en: '{pending} not confirmed, {confirmed} confirmed, {queried} queried, {answered} answered',
  },
  'staff.months': { ja: '取込済みの月', en: 'Months imported' },
  'staff.open': { ja: '詳細', en: 'Details' },
  'staff.importTitle': { ja: '利用子ども数の取込', en: 'Import child counts' },
  'staff.importIntro': {
    ja: '基幹システムから出力した月ごとのCSV（CP932 または UTF-8）を取り込みます。子どもの個人情報（氏名・生年月日など）の列があるファイルは取り込みません。1行でも誤りがあれば何も取り込みません。',
    en: 'Imports the monthly CSV from the core system (CP932 or UTF-8). A file with a column of a child’s personal data (names, birth dates) is refused. If any line is wrong, nothing is imported.',
  },
  'staff.importMonthHint': { ja: '例: 2026-04（ファイルの対象年月と同じ月）', en: 'e.g. 2026-04 (the month of the file)' },
  'staff.file': { ja: 'CSVファイル', en: 'CSV file' },
  'staff.fileHint': { ja: '5 MBまで。形式は「利用子ども数CSVの形式」のとおり。', en: 'Up to 5 MB, in the child counts CSV format.' },
  'staff.importButton': { ja: '取り込む', en: 'Import' },
  'staff.imported': {
    ja: '{month}分を取り込みました: {lines}行、{facilities}施設（人数が変わった施設 {changed}、文字コード {encoding}）。',
    en: 'Imported {month}: {lines} lines, {facilities} facilities ({changed} with changed numbers, encoding {encoding}).',
  },
  'staff.refused': { ja: 'ファイルを取り込みませんでした（{count}件の問題）', en: 'Nothing was imported ({count} problems)' },
  'staff.refusedBody': {
    ja: '次の問題をすべて直してから、もう一度取り込んでください。何も保存していません。',
    en: 'Correct every problem below and import again. Nothing was stored.',
  },
  'staff.problemsCaption': { ja: '問題の一覧', en: 'Problems' },
  'staff.where': { ja: '場所', en: 'Where' },
  'staff.field': { ja: '項目', en: 'Field' },
  'staff.message': { ja: '内容', en: 'Problem' },
  'staff.backToList': { ja: '利用子ども数の一覧へ戻る', en: 'Back to child counts' },
  'staff.detailTitle': { ja: '{facility}（{month}）', en: '{facility} ({month})' },
  'staff.answerLabel': { ja: '照会への回答', en: 'Answer to the query' },
  'staff.answerHint': {
    ja: '施設に表示されます。数を直す場合は、正しいCSVを取り込み直してください。',
    en: 'Shown to the facility. To correct a number, import a corrected CSV.',
  },
  'staff.answerButton': { ja: '回答する', en: 'Send the answer' },
  'staff.answered': { ja: '回答しました。', en: 'The answer was sent.' },
  'staff.noQuery': { ja: 'この施設からの照会はありません。', en: 'This facility has not sent a query.' },

  // ---- facility screens
  'facility.listTitle': { ja: '利用子ども数', en: 'Child counts' },
  'facility.listIntro': {
    ja: '市が基幹システムから取り込んだ、各月1日の利用子ども数です。内容を確認し、違っていれば照会してください。',
    en: 'The number of children on the first day of each month, imported by the city from its core system. Check them and ask the city if something is wrong.',
  },
  'facility.monthsCaption': { ja: '月ごとの人数', en: 'Months' },
  'facility.month': { ja: '年月', en: 'Month' },
  'facility.monthTitle': { ja: '利用子ども数（{month}）', en: 'Child counts ({month})' },
  'facility.confirmButton': { ja: '確認しました', en: 'I have checked them' },
  'facility.confirmQuestion': { ja: 'この人数で正しいことを確認しましたか。', en: 'Have you checked that these numbers are right?' },
  'facility.confirmed': { ja: '人数を確認済みにしました。', en: 'The counts are marked as confirmed.' },
  'facility.queryLabel': { ja: '市への照会', en: 'Question to the city' },
  'facility.queryHint': {
    ja: 'どの区分の人数が違うかを書いてください（子どもの氏名は書かないでください）。',
    en: 'Say which class’s number is wrong (do not write children’s names).',
  },
  'facility.queryButton': { ja: '照会する', en: 'Send the question' },
  'facility.queried': { ja: '照会を送りました。市からの回答をお待ちください。', en: 'Your question was sent. The city will answer here.' },
  'facility.back': { ja: '月の一覧へ戻る', en: 'Back to the months' },
});
