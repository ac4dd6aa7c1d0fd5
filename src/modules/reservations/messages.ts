/** Messages of the reservations module that several operations share. */
import { errors, type FieldError } from '../../http/errors.js';
import { defineCatalogue } from '../../platform/i18n.js';
import type { WindowProblem } from './rules.js';

export const reservationMessages = defineCatalogue({
  notASlot: {
    ja: '選択した日時は予約を受け付けていません（休日・閉庁日または受付時間外です）。',
    en: 'Bookings are not taken at this date and time (closed day or outside opening hours).',
  },
  past: { ja: '過去の日時は予約できません。', en: 'You cannot book a time in the past.' },
  tooLate: {
    ja: 'この日時の受付は終了しました（開始の{minutes}分前まで）。',
    en: 'Bookings for this time have closed ({minutes} minutes before the start).',
  },
  tooLateChange: {
    ja: '開始の{minutes}分前を過ぎたため、変更・取消はできません。窓口へお電話ください。',
    en: 'Changes and cancellations close {minutes} minutes before the start. Please call the office.',
  },
  notOpenYet: {
    ja: 'この日時の予約受付はまだ始まっていません（{days}日先まで予約できます）。',
    en: 'Bookings for this date have not opened yet (up to {days} days ahead).',
  },
  slotFull: {
    ja: '選択した時間は満員になりました。別の時間を選んでください。',
    en: 'That time is now fully booked. Please choose another time.',
  },
  serviceUnknown: { ja: 'この予約窓口は見つかりません。', en: 'This service does not exist.' },
  notBooked: { ja: 'この予約は変更・取消できない状態です。', en: 'This booking can no longer be changed or cancelled.' },
  idempotencyMismatch: {
    ja: '同じ Idempotency-Key が別の内容の申込みに使われました。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
});

/** The messages as `{ ja, en }` texts, for errors that are translated at the edge (`m.notBooked`). */
export const m = reservationMessages.messages;

export function windowError(problem: WindowProblem, o: { minutes: number; days: number; mode: 'book' | 'change' }): never {
  const text =
    problem === 'past'
      ? reservationMessages.text('past')
      : problem === 'not_open_yet'
        ? reservationMessages.text('notOpenYet', { days: o.days })
        : reservationMessages.text(o.mode === 'book' ? 'tooLate' : 'tooLateChange', { minutes: o.minutes });
  const fe: FieldError[] = [{ field: 'start', message: text }];
  throw errors.validation(fe);
}

export const slotFullError = () => errors.conflict('slot_full', reservationMessages.text('slotFull'));
