/** Buttons, link buttons, the CSRF input and the one-button POST form (cancel, delete, send). */
import { attrs, html, type SafeHtml } from '../html.js';

export type ButtonKind = 'primary' | 'secondary' | 'danger';

const classOf = (kind: ButtonKind | undefined, small?: boolean) =>
  ['button', kind === 'secondary' ? 'button--secondary' : kind === 'danger' ? 'button--danger' : '', small ? 'button--small' : '']
    .filter(Boolean)
    .join(' ');

export type ButtonOptions = {
  label: string;
  kind?: ButtonKind;
  type?: 'submit' | 'button' | 'reset';
  /** Sent with the form when this button submits it (which of several buttons was pressed). */
  name?: string;
  value?: string;
  small?: boolean;
  id?: string;
};

export function button(o: ButtonOptions): SafeHtml {
  return html`<button${attrs({ type: o.type ?? 'submit', class: classOf(o.kind, o.small), name: o.name, value: o.value, id: o.id })}>${o.label}</button>`;
}

export type LinkButtonOptions = { href: string; label: string; kind?: ButtonKind; small?: boolean; isCurrent?: boolean };

/** A link that looks like a button: for moving on (次へ, 戻る), never for changing anything. */
export function linkButton(o: LinkButtonOptions): SafeHtml {
  return html`<a${attrs({ class: classOf(o.kind, o.small), href: o.href, 'aria-current': o.isCurrent ? 'true' : undefined })}>${o.label}</a>`;
}

/** The hidden `_csrf` input every state-changing form carries. */
export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export type PostButtonFormOptions = {
  action: string;
  csrf: string;
  label: string;
  kind?: ButtonKind;
  /** Further hidden fields (ids, a return path). */
  hidden?: Readonly<Record<string, string>>;
  /**
   * A question to answer before the POST, e.g. 「この予約を取り消しますか？」. Without script (the CSP
   * forbids inline handlers) the button first opens a disclosure holding the question and the real
   * button, so one stray tap never cancels or deletes anything.
   */
  confirm?: string;
  /** The button inside the confirmation; default `label`. */
  confirmLabel?: string;
  small?: boolean;
};

export function postButtonForm(o: PostButtonFormOptions): SafeHtml {
  const hidden = Object.entries(o.hidden ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  const form = (inner: SafeHtml) =>
    html`<form class="inline-form" method="post" action="${o.action}">${csrfInput(o.csrf)}${hidden}${inner}</form>`;
  if (!o.confirm) return form(button({ label: o.label, kind: o.kind, small: o.small }));
  return html`<details class="confirm-action">
  <summary class="${classOf(o.kind, o.small)}">${o.label}</summary>
  ${form(html`<p>${o.confirm}</p>${button({ label: o.confirmLabel ?? o.label, kind: o.kind, small: o.small })}`)}
</details>`;
}
