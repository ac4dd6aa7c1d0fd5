/** The lifecycle settings form (destruction and erasure periods) on the deadlines page, and its days input. */
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../../http/errors.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { csrfField } from '../../staff/index.js';
import type { CardLifecycle } from './card-lifecycle-settings.js';

type Field = { name: keyof CardLifecycle; label: [string, string]; hint: [string, string]; min: number; max: number };

const FIELDS: Field[] = [
  {
    name: 'destroyAfterDays', min: 0, max: 1095,
    label: ['未受取になってから廃棄予定とするまでの日数', 'Days after a card became uncollected until it is due for destruction'],
    hint: ['例: 再通知・督促の期限から3か月なら 90。', 'E.g. 90 for three months after the re-notice deadline.'],
  },
  {
    name: 'destroyMinDaysAfterReceipt', min: 0, max: 1095,
    label: ['カードの到着から廃棄予定とするまでの最低日数', 'Minimum days after the card arrived before it is due'],
    hint: ['例:「申請から約1年」なら 365。0 にすると条件なし。', 'E.g. 365 for "about a year since application"; 0 for none.'],
  },
  {
    name: 'personalRetentionDays', min: 30, max: 7300,
    label: ['交付・廃棄の後に個人情報を保存する日数', 'Days personal data is kept after issue or destruction'],
    hint: [
      '過ぎると氏名・住所・生年月日などを消去し、製造管理番号・状態・日付だけを残します。文書管理規程の保存年限に合わせてください。',
      'After that, name, address, birth date etc. are erased; control number, state and dates remain. Follow your records-retention rules.',
    ],
  },
];

/** A whole-days input with its label, hint and (after a refused save) its error, tied together for screen readers. */
export function daysField(
  req: FastifyRequest,
  o: { id: string; name: string; label: string; hint?: string; min: number; max: number; value: string | number | undefined; errors?: FieldError[] },
): SafeHtml {
  const err = o.errors?.find((e) => e.field === o.name);
  const describedBy = [o.hint ? `hint-${o.name}` : '', err ? `err-${o.name}` : ''].filter(Boolean).join(' ');
  return html`<div class="form-field"><label for="${o.id}">${o.label}</label>${o.hint ? html`<p class="hint" id="hint-${o.name}">${o.hint}</p>` : ''}${
    err ? html`<p class="field-error" id="err-${o.name}">${err.message[req.lang]}</p>` : ''
  }<input id="${o.id}" name="${o.name}" type="number" min="${o.min}" max="${o.max}" required value="${String(o.value ?? '')}"${raw(
    describedBy ? ` aria-describedby="${describedBy}"` : '',
  )}${raw(err ? ' aria-invalid="true"' : '')}></div>`;
}

/** `canChange` (card policy 'change-lifecycle'): without it the periods are shown, not offered as a form. */
export function lifecycleSettingsSection(
  req: FastifyRequest,
  values: Record<string, string | number>,
  errors: FieldError[] = [],
  canChange = false,
): SafeHtml {
  const ja = req.lang === 'ja';
  const pick = (p: [string, string]) => (ja ? p[0] : p[1]);
  return html`<section class="card"><h2>${ja ? '廃棄と個人情報の消去' : 'Destruction and erasure'}</h2>
<p class="hint">${ja
    ? '期限を過ぎて「通知書発送済」「通知書返戻」のままのカードは、毎日1回、自動で「未受取」になります（予約済のカードは職員が確認します）。廃棄は自動では行いません。廃棄予定の一覧で職員が確定します。'
    : 'Once a day, cards past their deadline that are still in "letter sent" or "notice returned" become uncollected (booked cards are left for staff to check). Nothing is destroyed automatically: staff confirm on the list of cards due for destruction.'}</p>
${canChange
    ? html`<form method="post" action="/staff/card/lifecycle">${csrfField(req)}
${FIELDS.map((f) => daysField(req, { id: `lc-${f.name}`, name: f.name, label: pick(f.label), hint: pick(f.hint), min: f.min, max: f.max, value: values[f.name], errors }))}
<button type="submit" class="button">${ja ? '保存' : 'Save'}</button></form>`
    : html`<dl>${FIELDS.map((f) => html`<dt>${pick(f.label)}</dt><dd>${String(values[f.name] ?? '')}${ja ? '日' : ' days'}</dd>`)}</dl>
<p class="hint">${ja ? 'これらの日数を変更できるのは所属管理者です。' : 'Only a department administrator may change these periods.'}</p>`}
<p><a href="/staff/card/destruction">${ja ? '廃棄予定のカード' : 'Cards due for destruction'}</a></p></section>`;
}
