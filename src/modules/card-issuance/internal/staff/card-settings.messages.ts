/**
 * Texts of the card office's settings screens (internal zone): pickup deadlines and overdue cards,
 * the destruction and erasure periods, the contact printed on letters, and the cards due for
 * destruction with their confirmation. Also the messages of the operations behind them.
 */
import { defineCatalogue } from '../../../../platform/i18n.js';

export const cardSettingsMessages = defineCatalogue({
  save: { ja: '保存', en: 'Save' },
  saved: { ja: '保存しました。', en: 'Saved.' },
  checkInput: { ja: '入力内容を確認してください。何も変更していません。', en: 'Please check what you entered. Nothing was changed.' },
  backToOffice: { ja: 'カード交付管理に戻る', en: 'Back to card issuance' },
  controlNo: { ja: '製造管理番号', en: 'Control number' },
  state: { ja: '状態', en: 'State' },
  days: { ja: '{days}日', en: '{days} days' },
  // Deadlines
  deadlinesTitle: { ja: '受取期限', en: 'Pickup deadlines' },
  deadlinesHeading: { ja: '受取期限と期限切れの未受取カード', en: 'Pickup deadlines and overdue cards' },
  deadlineSettings: { ja: '受取期限の設定', en: 'Deadline settings' },
  deadlinesHint: {
    ja: '期限は市町村ごとに定めます（例: 通知から約3か月、再通知から約2か月）。期限を過ぎても自動では廃棄しません。',
    en: 'Each city sets its own deadlines (e.g. about 3 months after the notice, 2 after a re-notice). Nothing is destroyed automatically.',
  },
  noticeDeadlineDays: { ja: '交付通知書の受取期限（発送からの日数）', en: 'Notice deadline (days after sending)' },
  renoticeDeadlineDays: { ja: '再通知の受取期限（再通知からの日数）', en: 'Re-notice deadline (days after the re-notice)' },
  deadlineRange: { ja: '期限は1〜730日の整数で入力してください。', en: 'Enter whole days from 1 to 730.' },
  overdueHeading: { ja: '期限切れの未受取カード（{count}件）', en: 'Overdue cards ({count})' },
  overdueCaption: { ja: '期限切れの未受取カード', en: 'Overdue cards' },
  firstNotice: { ja: '初回通知', en: 'First notice' },
  renotice: { ja: '再通知', en: 'Re-notice' },
  deadline: { ja: '期限', en: 'Deadline' },
  noOverdue: { ja: '期限を過ぎたカードはありません。', en: 'No card is past its deadline.' },
  // Lifecycle (destruction and erasure periods)
  lifecycleHeading: { ja: '廃棄と個人情報の消去', en: 'Destruction and erasure' },
  lifecycleHint: {
    ja: '期限を過ぎて「通知書発送済」「通知書返戻」のままのカードは、毎日1回、自動で「未受取」になります（予約済のカードは職員が確認します）。廃棄は自動では行いません。廃棄予定の一覧で職員が確定します。',
    en: 'Once a day, cards past their deadline that are still in "letter sent" or "notice returned" become uncollected (booked cards are left for staff to check). Nothing is destroyed automatically: staff confirm on the list of cards due for destruction.',
  },
  destroyAfterDays: {
    ja: '未受取になってから廃棄予定とするまでの日数',
    en: 'Days after a card became uncollected until it is due for destruction',
  },
  destroyAfterDaysHint: { ja: '例: 再通知・督促の期限から3か月なら 90。', en: 'E.g. 90 for three months after the re-notice deadline.' },
  destroyMinDaysAfterReceipt: {
    ja: 'カードの到着から廃棄予定とするまでの最低日数',
    en: 'Minimum days after the card arrived before it is due',
  },
  destroyMinDaysAfterReceiptHint: {
    ja: '例:「申請から約1年」なら 365。0 にすると条件なし。',
    en: 'E.g. 365 for "about a year since application"; 0 for none.',
  },
  personalRetentionDays: { ja: '交付・廃棄の後に個人情報を保存する日数', en: 'Days personal data is kept after issue or destruction' },
  personalRetentionDaysHint: {
    ja: '過ぎると氏名・住所・生年月日などを消去し、製造管理番号・状態・日付だけを残します。文書管理規程の保存年限に合わせてください。',
    en: 'After that, name, address, birth date etc. are erased; control number, state and dates remain. Follow your records-retention rules.',
  },
  daysRange: { ja: '{min}〜{max}日の範囲で、整数で入力してください。', en: 'Enter a whole number of days from {min} to {max}.' },
  lifecycleAdminOnly: {
    ja: 'これらの日数を変更できるのは所属管理者です。',
    en: 'Only a department administrator may change these periods.',
  },
  // Contact printed on letters
  contactHeading: { ja: '交付案内に載せる問い合わせ先', en: 'Contact printed on the letters' },
  contactHint: {
    ja: '交付案内に、問い合わせ先（窓口・電話番号・受付時間）と受取期限を印刷します。空欄の項目は印刷しません。受取期限は上の「交付通知書の受取期限」から計算します。',
    en: 'Letters show this contact (counter, telephone, hours) and the pickup deadline. Empty fields are left out. The deadline follows the notice deadline above.',
  },
  contactOffice: { ja: '窓口の名前', en: 'Counter name' },
  contactOfficeHint: { ja: '例: 市民課 マイナンバーカード窓口', en: 'E.g. 市民課 マイナンバーカード窓口' },
  contactPhone: { ja: '電話番号', en: 'Telephone' },
  contactPhoneHint: {
    ja: '市外局番から、ハイフン区切りで（例: 0123-45-6789）。',
    en: 'With the area code, hyphenated (e.g. 0123-45-6789).',
  },
  contactHours: { ja: '受付時間', en: 'Opening hours' },
  contactHoursHint: {
    ja: '例: 平日 8時30分〜17時15分（土日祝日・年末年始を除く）',
    en: 'E.g. weekdays 8:30–17:15 (closed on weekends, holidays and New Year).',
  },
  contactTooLong: { ja: '{max}文字以内で入力してください。', en: 'Use at most {max} characters.' },
  contactBadCharacters: { ja: '使えない文字が含まれています。', en: 'Contains characters that cannot be used.' },
  contactPhoneFormat: {
    ja: '市外局番から、ハイフン区切りで入力してください（例: 0123-45-6789）。',
    en: 'Enter the number with its area code, separated by hyphens (e.g. 0123-45-6789).',
  },
  // Destruction
  destructionTitle: { ja: '廃棄予定のカード', en: 'Cards due for destruction' },
  destructionIntro: {
    ja: '未受取になってから{after}日を過ぎ、かつカードの到着から{min}日を過ぎたカードです。自動では廃棄しません。裁断などで廃棄したカードを選んで確定してください。',
    en: 'Cards uncollected for more than {after} days that arrived more than {min} days ago. Nothing is destroyed automatically: select the cards you destroyed (shredded) and confirm.',
  },
  changePeriods: { ja: '日数の設定', en: 'Change the periods' },
  destructionAdminOnly: { ja: '廃棄の確定は所属管理者が行います。', en: 'A department administrator confirms destruction.' },
  destroy: { ja: '廃棄する', en: 'Destroy' },
  arrived: { ja: 'カード到着', en: 'Arrived' },
  uncollected: { ja: '未受取', en: 'Uncollected' },
  due: { ja: '廃棄予定日', en: 'Due' },
  showingEarliest: { ja: '{total}件のうち、廃棄予定日の早い{shown}件を表示しています。', en: 'Showing the {shown} earliest of {total}.' },
  showingEarliestNext: {
    ja: '{total}件のうち、廃棄予定日の早い{shown}件を表示しています。確定すると次の{next}件が表示されます。',
    en: 'Showing the {shown} earliest of {total}; confirm to see the next {next}.',
  },
  allCards: { ja: '全{total}件', en: '{total} card(s)' },
  confirmDestroyed: { ja: '選択したカードを廃棄したことを確認しました', en: 'I confirm that the selected cards have been destroyed' },
  confirmDestroyedLegend: { ja: '確認', en: 'Confirmation' },
  confirmDestruction: { ja: '廃棄を確定', en: 'Confirm destruction' },
  noneDue: { ja: '廃棄予定のカードはありません。', en: 'No card is due for destruction.' },
  selectDestroyed: {
    ja: '廃棄したカードを選んでください。何も変更していません。',
    en: 'Select the cards you destroyed. Nothing was changed.',
  },
  tickConfirm: {
    ja: '「廃棄したことを確認しました」にチェックを入れてください。何も変更していません。',
    en: 'Tick "I confirm that the selected cards have been destroyed". Nothing was changed.',
  },
  destroyed: { ja: '{count}件を廃棄済みにしました。', en: '{count} card(s) marked destroyed.' },
  skipped: {
    ja: '{count}件は廃棄予定ではなくなっていたため変更していません。',
    en: ' {count} were no longer due and were left unchanged.',
  },
});
