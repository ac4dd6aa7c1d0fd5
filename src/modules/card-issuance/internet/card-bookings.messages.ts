/** Why the booking site refused a booking (card-bookings.ts), as `Text` for AppError and field errors. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const cardBookingMessages = defineCatalogue({
  unknownLocation: { ja: '受取場所を選んでください。', en: 'Choose a pickup place.' },
  partySize: { ja: '1〜{max}人で予約してください。', en: 'Book for 1 to {max} people.' },
  slotFull: {
    ja: 'この時間帯は{count}人分の空きがなくなったか、受付が終了しました。別の時間帯を選んでください。',
    en: 'This time no longer has room for {count} or is no longer open. Please choose another time.',
  },
  cardNotBookable: {
    ja: '予約できないカードが含まれています（別の窓口のカード、または受付対象外）。',
    en: 'One of the cards cannot be booked here.',
  },
  alreadyBooked: {
    ja: '既に予約済みのカードが含まれています。予約を確認するか、取り消してから予約し直してください。',
    en: 'One of the cards already has a booking. Check or cancel it first.',
  },
});
