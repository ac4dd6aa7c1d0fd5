/** Texts of the pricing part: why the engine did not price an item claimed (MonthlyResult.notes). */
import { defineCatalogue, type Text } from '../../../platform/i18n.js';
import { codeLabel } from '../shared/labels.messages.js';

export const pricingMessages = defineCatalogue({
  'note.no-price': {
    ja: '「{item}」は単価表（{table}）にこの施設・区分の単価がないため、計算に含めていません。',
    en: '“{item}” is not in the price table ({table}) for this facility and class, so it is not included.',
  },
  'note.no-basic-price': {
    ja: '{cls}の基本分単価が単価表（{table}）にありません。この区分の金額は計算できません。',
    en: 'The price table ({table}) has no basic price for {cls}; this class cannot be priced.',
  },
  'note.condition-not-met': {
    ja: '「{item}」は要件を満たしていないため、計算に含めていません。',
    en: '“{item}” does not meet its conditions, so it is not included.',
  },
  'note.shogu-rate-differs': {
    ja: '処遇改善等加算の加算率（入力された率）が、平均経験年数から単価表で決まる率と異なります。計算は単価表の率によります。',
    en: 'The pay improvement rates entered differ from the table’s rates for the average experience; the table’s rates are used.',
  },
});

/** A note of the engine: `code` is an ItemCode (or `basic/<cert>/<age>/<need>`), `reason` one of the keys above without `note.`. */
export type PricingNote = { code: string; reason: string };

/** The text of an engine note for a person (the claims part shows it as a warning). */
export function pricingNoteText(note: PricingNote, tableLabel: string): Text {
  const text = (lang: 'ja' | 'en'): string => {
    if (note.reason === 'no-basic-price') {
      const [, cert, age, need] = note.code.split('/') as [string, string, string, string];
      const cls = `${codeLabel('cert', cert, lang)} ${codeLabel('age', age, lang)} ${codeLabel('need', need, lang)}`;
      return pricingMessages.t(lang, 'note.no-basic-price', { cls, table: tableLabel });
    }
    if (note.reason === 'shogu-rate-differs') return pricingMessages.t(lang, 'note.shogu-rate-differs');
    const item = codeLabel('item', note.code, lang);
    return note.reason === 'condition-not-met'
      ? pricingMessages.t(lang, 'note.condition-not-met', { item })
      : pricingMessages.t(lang, 'note.no-price', { item, table: tableLabel });
  };
  return { ja: text('ja'), en: text('en') };
}
