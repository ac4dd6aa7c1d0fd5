/** Every text of the demo pages, in both languages. */
import { defineCatalogue } from '../../platform/i18n.js';

export const demoMessages = defineCatalogue({
  siteName: { ja: 'まどぐち', en: 'madoguchi' },
  mailboxTitle: { ja: 'デモ用メールボックス', en: 'Demo mailbox' },
  mailboxNotice: {
    ja: 'デモ環境でのみ表示されます。送信されたメールは外部に出ず、ここに届きます。',
    en: 'Demo only: mail never leaves this machine and arrives here.',
  },
  noMail: { ja: 'まだメールはありません（送信は数秒後に行われます）。', en: 'No mail yet (sending happens within seconds).' },
  qrAlt: { ja: '予約番号のQRコード', en: 'QR code of the reservation number' },
  localOnly: {
    ja: 'デモ用メールボックスは、デモを動かしているコンピューター（localhost）からのみ開けます。',
    en: 'The demo mailbox opens only on the computer running the demo (localhost).',
  },
});
