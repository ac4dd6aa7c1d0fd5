/** Card issuance texts shared by both zones: the card policy's refusals (card.policy.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const cardMessages = defineCatalogue({
  onlyAdminConfirmsDestruction: {
    ja: 'カードの廃棄を確定できるのは所属管理者のみです。',
    en: 'Only a department administrator may confirm that cards were destroyed.',
  },
  onlyAdminChangesLifecycle: {
    ja: '廃棄と個人情報の保存期間を変更できるのは所属管理者のみです。',
    en: 'Only a department administrator may change the destruction and personal-data retention periods.',
  },
});
