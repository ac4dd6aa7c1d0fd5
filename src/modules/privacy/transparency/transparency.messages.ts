/**
 * Texts of the citizens' pages on what each procedure and service collects (issue 14, part 7). The
 * labels of categories, recipients and protections are shared with the staff screens: privacy.messages.ts.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const transparencyMessages = defineCatalogue({
  siteName: { ja: 'まどぐち 個人情報の取扱い', en: 'madoguchi: your personal data' },
  menu: { ja: 'メニュー', en: 'Menu' },
  navBookings: { ja: '窓口予約', en: 'Bookings' },
  navApplications: { ja: '電子申請', en: 'E-applications' },
  navPrivacy: { ja: '個人情報の取扱い', en: 'Personal data' },

  // the list of every page
  indexTitle: { ja: '手続き・サービスごとの個人情報の取扱い', en: 'How each procedure and service uses your personal data' },
  indexIntro: {
    ja: '市がオンラインの窓口でお預かりする個人情報について、手続き・サービスごとに、何を・何のために・いつまで保存し・市の外の誰に渡すのかをお知らせします。このページは、各手続きの設定から自動で作成しています。',
    en: 'For each procedure and service of the city’s online counters: what personal data we collect, why, how long we keep it and who outside the city receives it. These pages are generated from the procedures’ own settings.',
  },
  indexEmpty: { ja: '現在、公開している手続き・サービスはありません。', en: 'No procedure or service is open at the moment.' },
  departmentAfter: { ja: '（{department}）', en: '({department})' },
  'kind.service': { ja: '窓口予約', en: 'Counter bookings' },
  'kind.procedure': { ja: '電子申請', en: 'E-applications' },
  'kind.facility': { ja: '施設', en: 'Facilities' },
  'kind.module': { ja: 'そのほかのサービス', en: 'Other services' },

  // one procedure or service
  scopeTitle: { ja: '{name}で取り扱う個人情報', en: 'Personal data used by {name}' },
  scopeIntro: {
    ja: 'この手続きでお預かりする個人情報と、その利用目的、保存期間、市の外への提供をお知らせします。この内容は手続きの設定から自動で作成しており、設定が変わると変わります。',
    en: 'The personal data this procedure collects, why, how long it is kept and who outside the city receives it. This page is generated from the procedure’s settings and changes when they change.',
  },
  itemsHeading: { ja: 'お預かりする情報', en: 'What we collect' },
  noItems: { ja: 'この手続きでは個人情報をお預かりしません。', en: 'This procedure collects no personal data.' },
  sharedHeading: { ja: '市の外に渡る情報', en: 'What leaves the city' },
  sharedIntro: {
    ja: '次の事業者には、手続きに必要な範囲の情報だけが渡ります。',
    en: 'Only what the procedure needs goes to these companies.',
  },
  sharedNone: { ja: 'この手続きの情報は、市の外に渡しません。', en: 'Nothing from this procedure leaves the city.' },
  sensitiveBadge: { ja: '要配慮個人情報', en: 'Sensitive' },
  sensitiveNote: {
    ja: '病歴や障害など、取扱いに特に配慮を要する情報（要配慮個人情報）です。閲覧は記録されます。',
    en: 'Special care information (要配慮個人情報, such as medical history or disability): every time staff read it is recorded.',
  },
  termCategory: { ja: '情報の種類', en: 'Kind of data' },
  termPurpose: { ja: '利用目的', en: 'Why' },
  termRetention: { ja: '保存期間', en: 'How long' },
  termRecipients: { ja: '市の外への提供', en: 'Who else receives it' },
  termReaders: { ja: '市で見ることができる人', en: 'Who in the city can read it' },
  termProtection: { ja: '保存の方法', en: 'How it is stored' },
  recipientReceives: { ja: '{recipient}：{what}', en: '{recipient}: {what}' },
  recipientsNone: { ja: 'ありません', en: 'Nobody' },
  stored: { ja: '{protection}して保存しています', en: '{protection}' },
  storedPlain: { ja: '市のデータベースに保存しています（暗号化なし）', en: 'In the city’s database (not encrypted)' },

  // readers in words
  readersOwning: { ja: '{department}の{roles}', en: '{roles} of {department}' },
  readersAll: { ja: '各部署の{roles}', en: '{roles} of any department' },
  readersSysAdmin: { ja: 'システム管理者（個人情報保護の担当）', en: 'System administrators (the privacy officer)' },
  readersNone: { ja: '市の職員は画面で見ることはできません', en: 'No city staff can read it on screen' },
  readersDepartmentUnknown: { ja: '担当部署', en: 'the department in charge' },
  'role.staff': { ja: '担当職員', en: 'staff' },
  'role.dept-admin': { ja: '所属長', en: 'department heads' },
  'role.payment_admin': { ja: '支払の担当者', en: 'payment officers' },
  roleSeparator: { ja: '・', en: ', ' },
  readersSeparator: { ja: '、', en: '; ' },

  // contact and rights
  contactHeading: { ja: 'お問い合わせ先', en: 'Contact' },
  contactText: {
    ja: 'この手続きの個人情報の取扱いについては、{department}にお問い合わせください。',
    en: 'For questions on how this procedure uses your data, contact {department}.',
  },
  contactUnknown: { ja: '市の担当窓口', en: 'the city office in charge' },
  rightsHeading: { ja: 'ご本人の権利', en: 'Your rights' },
  rightsText: {
    ja: 'ご本人は、個人情報の保護に関する法律と市の個人情報の保護に関する定めにより、市が保有するご自身の個人情報の開示、訂正及び利用停止を請求することができます。請求の方法は、お問い合わせ先にご相談ください。',
    en: 'Under the Act on the Protection of Personal Information and the city’s rules on personal information, you may ask the city to disclose, correct or stop using the personal data it holds about you (開示・訂正・利用停止). Ask the contact above how to make a request.',
  },
  allPages: { ja: '← 手続き・サービスの一覧', en: '← All procedures and services' },
});
