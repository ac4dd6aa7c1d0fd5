/** The form for the contact printed on the card letters, on the deadlines page next to the other office settings. */
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../../http/errors.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { csrfField } from '../../staff/index.js';
import type { CardContact } from './card-contact-settings.js';

type Field = { name: keyof CardContact; label: [string, string]; hint: [string, string]; max: number; type: string; autocomplete: string };

const FIELDS: Field[] = [
  { name: 'contactOffice', max: 60, type: 'text', autocomplete: 'organization', label: ['窓口の名前', 'Counter name'], hint: ['例: 市民課 マイナンバーカード窓口', 'E.g. 市民課 マイナンバーカード窓口'] },
  { name: 'contactPhone', max: 20, type: 'tel', autocomplete: 'tel', label: ['電話番号', 'Telephone'], hint: ['市外局番から、ハイフン区切りで（例: 0123-45-6789）。', 'With the area code, hyphenated (e.g. 0123-45-6789).'] },
  { name: 'contactHours', max: 100, type: 'text', autocomplete: 'off', label: ['受付時間', 'Opening hours'], hint: ['例: 平日 8時30分〜17時15分（土日祝日・年末年始を除く）', 'E.g. weekdays 8:30–17:15 (closed on weekends, holidays and New Year).'] },
];

export function contactSettingsSection(req: FastifyRequest, values: Record<string, string>, errors: FieldError[] = []): SafeHtml {
  const ja = req.lang === 'ja';
  const pick = (p: [string, string]) => (ja ? p[0] : p[1]);
  return html`<section class="card" id="contact"><h2>${ja ? '交付案内に載せる問い合わせ先' : 'Contact printed on the letters'}</h2>
<p class="hint">${ja
    ? '交付案内に、問い合わせ先（窓口・電話番号・受付時間）と受取期限を印刷します。空欄の項目は印刷しません。受取期限は上の「交付通知書の受取期限」から計算します。'
    : 'Letters show this contact (counter, telephone, hours) and the pickup deadline. Empty fields are left out. The deadline follows the notice deadline above.'}</p>
<form method="post" action="/staff/card/contact">${csrfField(req)}
${FIELDS.map((f) => {
    const err = errors.find((e) => e.field === f.name);
    const describedBy = `hint-${f.name}${err ? ` err-${f.name}` : ''}`;
    return html`<div class="form-field"><label for="ct-${f.name}">${pick(f.label)}</label><p class="hint" id="hint-${f.name}">${pick(f.hint)}</p>${
      err ? html`<p class="field-error" id="err-${f.name}">${err.message[req.lang]}</p>` : ''
    }<input id="ct-${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" maxlength="${f.max}" value="${values[f.name] ?? ''}" aria-describedby="${describedBy}"${raw(err ? ' aria-invalid="true"' : '')}></div>`;
  })}
<button type="submit" class="button">${ja ? '保存' : 'Save'}</button></form></section>`;
}
