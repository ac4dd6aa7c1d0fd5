/** Server-side HTML with escaping by default. Only SafeHtml passes through unescaped. */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] as string);
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: interpolated values are escaped; arrays are concatenated; null/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks trusted markup (never user input) as safe. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** An attribute value: `true` writes the bare name, `false`/`null`/`undefined` leave the attribute out. */
export type AttrValue = string | number | boolean | null | undefined;

const ATTR_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/**
 * Attributes as markup, each preceded by a space and with its value escaped:
 * `attrs({ required: true, 'aria-describedby': 'a b', maxlength: 40, checked: false })` →
 * ` required aria-describedby="a b" maxlength="40"`. Replaces `raw(cond ? ' checked' : '')`.
 * A name that is not a plain attribute name throws: names come from code, never from input.
 */
export function attrs(a: Record<string, AttrValue>): SafeHtml {
  let out = '';
  for (const [name, v] of Object.entries(a)) {
    if (!ATTR_NAME.test(name)) throw new Error(`not an attribute name: ${name}`);
    if (v === null || v === undefined || v === false) continue;
    out += v === true ? ` ${name}` : ` ${name}="${escapeHtml(String(v))}"`;
  }
  return new SafeHtml(out);
}
