/** A message box: information, success, warning or error (Digital Agency "notification banner"). */
import { attrs, html, type SafeHtml } from '../html.js';
import type { Content } from './types.js';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export type NoticeOptions = {
  kind: NoticeKind;
  title?: string;
  /** A string becomes one paragraph; markup is used as given. */
  body: Content;
  /**
   * 'alert' interrupts (errors after a submission), 'status' is announced politely (saved, sent),
   * 'none' is read in page order. Default: error → alert, success → status, others none.
   */
  role?: 'alert' | 'status' | 'none';
  id?: string;
  /** Heading level of the title (default 2). */
  headingLevel?: 2 | 3;
};

const DEFAULT_ROLE: Record<NoticeKind, 'alert' | 'status' | 'none'> = { error: 'alert', success: 'status', warning: 'none', info: 'none' };

export function notice(o: NoticeOptions): SafeHtml {
  const role = o.role ?? DEFAULT_ROLE[o.kind];
  const cls = o.kind === 'info' ? 'notice' : `notice notice--${o.kind}`;
  const title = o.title ? (o.headingLevel === 3 ? html`<h3>${o.title}</h3>` : html`<h2>${o.title}</h2>`) : '';
  const body = typeof o.body === 'string' ? html`<p>${o.body}</p>` : o.body;
  return html`<div${attrs({ class: cls, role: role === 'none' ? undefined : role, id: o.id })}>${title}${body}</div>`;
}
