/**
 * Texts shared by the citizen screens of the reservations module (booking and My Page): the site
 * frame, a service's facts, the calendar and times steps, the details form. Each screen group keeps
 * its own texts next to it (booking.messages.ts, the My Page catalogue).
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const citizenMessages = defineCatalogue({
  siteName: { ja: 'まどぐち 窓口予約', en: 'madoguchi bookings' },
  menu: { ja: 'メニュー', en: 'Menu' },
  navBook: { ja: '予約する', en: 'Book' },
  navMyPage: { ja: 'マイページ（予約の確認・変更・取消）', en: 'My Page' },

  place: { ja: '場所', en: 'Place' },
  duration: { ja: '所要時間', en: 'Duration' },
  durationMinutes: { ja: '{minutes}分', en: '{minutes} min' },
  department: { ja: '担当', en: 'Department' },

  chooseDay: { ja: '日にちを選んでください', en: 'Choose a day' },
  noDaysThisMonth: { ja: 'この月に予約できる日はありません。', en: 'No days can be booked in this month.' },
  noTimesThisDay: {
    ja: 'この日に予約できる時間はありません。別の日を選んでください。',
    en: 'No times left on this day. Please choose another day.',
  },
  remaining: { ja: '残り{count}', en: '{count} left' },

  required: { ja: '必須', en: 'required' },
  phoneHint: { ja: '例: 090-1234-5678（予約の確認に使います）', en: 'e.g. 090-1234-5678 (used to find your booking)' },
  emailHint: { ja: '予約完了・前日のお知らせをお送りします', en: 'We send the confirmation and a reminder' },
  checkInput: { ja: '入力内容を確認してください', en: 'Please check what you entered' },
  dateAndTime: { ja: '日時', en: 'Date and time' },
  none: { ja: '（なし）', en: '(none)' },

  notASlot: {
    ja: '選択した日時は予約できません。カレンダーから日時を選んでください。',
    en: 'This date and time cannot be booked. Please choose one from the calendar.',
  },
  cannotBeBooked: { ja: '予約できません', en: 'Cannot be booked' },
  backToCalendar: { ja: 'カレンダーに戻る', en: 'Back to the calendar' },
});
