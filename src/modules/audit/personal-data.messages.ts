/** Texts of the audit module's privacy register entries (personal-data.ts). */
import { defineCatalogue } from '../../platform/i18n.js';

export const auditPersonalDataMessages = defineCatalogue({
  scope: { ja: '操作記録（監査ログ）', en: 'Audit log' },
  'actor.label': {
    ja: '操作した人（職員のログインIDとID、施設利用者のID、予約のID）',
    en: 'Who acted (staff log-in ID and id, facility user id, booking id)',
  },
  'actor.purpose': {
    ja: '誰がいつ何を見た・変えたかを後から確かめられるようにするため（改ざん検知付き）',
    en: 'So that who viewed or changed what, and when, can be checked afterwards (tamper-evident)',
  },
  'clientIp.label': { ja: '操作元のIPアドレス', en: 'Client address of an operation' },
  'clientIp.purpose': {
    ja: '不正な操作がどこから行われたかを調べるため',
    en: 'To find where a wrongful operation came from',
  },
  'detail.label': {
    ja: '操作の詳細（対象のID、件数、条件、要配慮情報を閲覧した理由など）',
    en: 'Details of an operation (ids of the records concerned, counts, filters, the reason given for reading sensitive data)',
  },
  'detail.purpose': {
    ja: 'どの記録が見られ、書き出されたかを特定し、漏えい時の影響範囲を調べるため',
    en: 'To know exactly which records were viewed or exported, and so the impact of a leak',
  },
  retention: {
    ja: '永年保存（追記のみ。ハッシュの連鎖で改ざんを検知するため削除しません）',
    en: 'Kept permanently (append-only: the hash chain that reveals tampering forbids deletion)',
  },
});
