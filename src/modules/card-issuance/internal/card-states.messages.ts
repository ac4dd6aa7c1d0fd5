/**
 * The names of a card's states (card-states.ts) as staff read them on the internal zone's screens,
 * in the import reports and in the exports' state columns.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const cardStateMessages = defineCatalogue({
  received: { ja: '受領', en: 'Received' },
  setup_done: { ja: '交付前設定済', en: 'Pre-issuance setup done' },
  letter_sent: { ja: '通知書発送済', en: 'Letter sent' },
  booked: { ja: '予約済', en: 'Booked' },
  issued: { ja: '交付済', en: 'Issued' },
  returned: { ja: '通知書返戻', en: 'Notice returned' },
  destroyed: { ja: '廃棄', en: 'Destroyed' },
  uncollected: { ja: '未受取', en: 'Uncollected' },
});
