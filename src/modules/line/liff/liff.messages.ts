/** Texts of the LIFF sign-in: the entry page and its refusals. */
import { defineCatalogue } from '../../../platform/i18n.js';

export const liffMessages = defineCatalogue({
  entryTitle: { ja: 'LINEで本人を確認しています', en: 'Confirming your LINE account' },
  wait: { ja: 'しばらくお待ちください…', en: 'Please wait…' },
  failed: {
    ja: 'LINEでの確認ができませんでした。LINEアプリから開き直してください。',
    en: 'Could not confirm your LINE account. Please reopen this page from the LINE app.',
  },
  needsScript: {
    ja: 'LINE内のページではJavaScriptが必要です。通常の予約ページもご利用いただけます。',
    en: 'Pages inside LINE need JavaScript. You can also use the ordinary booking pages.',
  },
  home: { ja: 'トップへ', en: 'Home' },
  notConfigured: { ja: 'LINE連携は設定されていません。', en: 'LINE is not configured.' },
  tokenRefused: { ja: 'LINEでの本人確認ができませんでした。', en: 'Your LINE sign-in could not be confirmed.' },
});
