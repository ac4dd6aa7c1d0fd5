/** Labels of the codes every part of facility claims shows (shared/types.ts): one place, both languages. */
import type { Lang } from '../../../http/i18n.js';
import { defineCatalogue } from '../../../platform/i18n.js';

export const facilityLabels = defineCatalogue({
  'type.hoikusho': { ja: '保育所', en: 'Day nursery (hoikusho)' },
  'type.kodomoen': { ja: '認定こども園', en: 'Certified centre (kodomo-en)' },
  'type.yochien': { ja: '幼稚園（施設型給付）', en: 'Kindergarten (facility benefit)' },
  'type.shokibo-a': { ja: '小規模保育事業A型', en: 'Small-scale nursery, type A' },
  'type.shokibo-b': { ja: '小規模保育事業B型', en: 'Small-scale nursery, type B' },
  'type.shokibo-c': { ja: '小規模保育事業C型', en: 'Small-scale nursery, type C' },
  'type.jigyoshonai': { ja: '事業所内保育事業', en: 'Workplace nursery' },
  'type.katei': { ja: '家庭的保育事業', en: 'Home-based nursery' },

  'region.0': { ja: 'その他地域', en: 'Other areas' },
  'region.3': { ja: '3/100地域', en: '3/100 area' },
  'region.6': { ja: '6/100地域', en: '6/100 area' },
  'region.10': { ja: '10/100地域', en: '10/100 area' },
  'region.12': { ja: '12/100地域', en: '12/100 area' },
  'region.15': { ja: '15/100地域', en: '15/100 area' },
  'region.16': { ja: '16/100地域', en: '16/100 area' },
  'region.20': { ja: '20/100地域', en: '20/100 area' },

  'cert.1': { ja: '1号認定', en: 'Class 1' },
  'cert.2': { ja: '2号認定', en: 'Class 2' },
  'cert.3': { ja: '3号認定', en: 'Class 3' },
  'age.age0': { ja: '乳児（0歳児）', en: 'Infants (age 0)' },
  'age.age1-2': { ja: '1・2歳児', en: 'Ages 1–2' },
  'age.age3': { ja: '3歳児', en: 'Age 3' },
  'age.age4plus': { ja: '4歳以上児', en: 'Age 4 and over' },
  'age.mansan': { ja: '満3歳児', en: 'Turned 3 this year' },
  'need.standard': { ja: '保育標準時間', en: 'Standard hours' },
  'need.short': { ja: '保育短時間', en: 'Short hours' },
  'need.education': { ja: '教育標準時間', en: 'Education hours' },

  'role.director': { ja: '施設長', en: 'Director' },
  'role.vice-director': { ja: '副園長・教頭', en: 'Deputy director' },
  'role.chief': { ja: '主任保育士・主幹保育教諭', en: 'Chief nursery teacher' },
  'role.sub-chief': { ja: '副主任保育士・副主幹保育教諭', en: 'Deputy chief nursery teacher' },
  'role.nursery-teacher': { ja: '保育士', en: 'Nursery teacher' },
  'role.kodomoen-teacher': { ja: '保育教諭', en: 'Early childhood teacher (kodomo-en)' },
  'role.kindergarten-teacher': { ja: '幼稚園教諭', en: 'Kindergarten teacher' },
  'role.nurse': { ja: '看護師・保健師', en: 'Nurse' },
  'role.nutritionist': { ja: '栄養士', en: 'Nutritionist' },
  'role.cook': { ja: '調理員', en: 'Cook' },
  'role.clerk': { ja: '事務職員', en: 'Clerk' },
  'role.assistant': { ja: '保育補助者', en: 'Childcare assistant' },
  'role.other': { ja: 'その他の職員', en: 'Other staff' },

  'employment.full-time': { ja: '常勤', en: 'Full-time' },
  'employment.part-time': { ja: '非常勤', en: 'Part-time' },

  'qualification.hoikushi': { ja: '保育士', en: 'Nursery teacher licence' },
  'qualification.kyoyu': { ja: '幼稚園教諭免許', en: 'Kindergarten teacher licence' },
  'qualification.kangoshi': { ja: '看護師・保健師', en: 'Nurse' },
  'qualification.eiyoshi': { ja: '栄養士', en: 'Nutritionist' },
  'qualification.kanri-eiyoshi': { ja: '管理栄養士', en: 'Registered dietitian' },
  'qualification.chorishi': { ja: '調理師', en: 'Licensed cook' },

  'item.shukan-senin': { ja: '主幹教諭等専任加算', en: 'Dedicated chief teacher addition' },
  'item.jimu-yatoiage': { ja: '事務職員雇上費加算', en: 'Clerk employment addition' },
  'item.eiyo-kanri': { ja: '栄養管理加算', en: 'Nutrition management addition' },
  'item.team-hoiku': { ja: 'チーム保育推進加算', en: 'Team childcare addition' },
  'item.sansai-haichi': { ja: '3歳児配置改善加算', en: 'Age-3 staffing improvement addition' },
  'item.kyujitsu-hoiku': { ja: '休日保育加算', en: 'Holiday childcare addition' },
  'item.shogu': { ja: '処遇改善等加算', en: 'Staff pay improvement addition' },
  'item.genka-shokyaku': { ja: '減価償却費加算', en: 'Depreciation addition' },
  'item.chinshaku': { ja: '賃借料加算', en: 'Rent addition' },
  'item.shisetsucho-mihaichi': { ja: '施設長を配置していない場合（減算）', en: 'No director (deduction)' },
  'item.anzen-keikaku-misakutei': { ja: '安全計画未策定（減算）', en: 'No safety plan (deduction)' },
  'item.ken-shogu': { ja: '保育士等処遇改善補助（県）', en: 'Prefecture pay improvement subsidy' },
  'item.shi-shogaiji': { ja: '障害児保育加算（市単独）', en: 'Special-needs childcare addition (city)' },
  'item.shi-encho': { ja: '延長保育加算（市単独）', en: 'Extended-hours addition (city)' },

  'form.monthly-claim': { ja: '運営費請求書（月次）', en: 'Monthly operating-cost claim' },
  'form.shogu-plan': { ja: '処遇改善等加算 申請書（区分①②③）', en: 'Pay improvement addition: application' },
  'form.shogu-report': { ja: '処遇改善等加算 実績報告書（区分①②③）', en: 'Pay improvement addition: results report' },
  'form.addition-national': { ja: '加算認定申請書（国）', en: 'Addition application (national)' },
  'form.addition-prefecture': { ja: '加算認定申請書（県）', en: 'Addition application (prefecture)' },
  'form.addition-city': { ja: '加算認定申請書（市）', en: 'Addition application (city)' },

  'status.draft': { ja: '作成中', en: 'Draft' },
  'status.submitted': { ja: '提出済み（審査待ち）', en: 'Submitted (awaiting review)' },
  'status.returned': { ja: '差戻し', en: 'Returned' },
  'status.approved': { ja: '承認済み', en: 'Approved' },
  'status.superseded': { ja: '旧版（新しい版が承認済み）', en: 'Superseded by a newer approved version' },

  'countStatus.pending': { ja: '未確認', en: 'Not yet confirmed' },
  'countStatus.confirmed': { ja: '確認済み', en: 'Confirmed' },
  'countStatus.queried': { ja: '照会中', en: 'Queried' },
  'countStatus.answered': { ja: '回答済み', en: 'Answered' },
});

type Key = keyof typeof facilityLabels.messages;

/** The label of a stored code, e.g. `codeLabel('role', 'cook', 'ja')` → 調理員; an unknown code is shown as it is. */
export function codeLabel(
  kind: 'type' | 'region' | 'cert' | 'age' | 'need' | 'role' | 'employment' | 'qualification' | 'item' | 'form' | 'status' | 'countStatus',
  code: string | number,
  lang: Lang,
): string {
  const entry = facilityLabels.messages[`${kind}.${code}` as Key] as { ja: string; en: string } | undefined;
  return entry ? entry[lang] : String(code);
}
