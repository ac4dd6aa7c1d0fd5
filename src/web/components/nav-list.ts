/** A labelled navigation list (header menus); the current page is marked aria-current="page". */
import { attrs, html, type SafeHtml } from '../html.js';
import type { NavItem } from './types.js';

export function navList(o: { label: string; items: readonly NavItem[] }): SafeHtml {
  return html`<nav aria-label="${o.label}"><ul class="nav">
    ${o.items.map((n) => html`<li><a${attrs({ href: n.href, 'aria-current': n.isCurrent ? 'page' : undefined })}>${n.label}</a></li>`)}
  </ul></nav>`;
}

/** The signed-in person's menu: their name opens a list of links and forms (log-out). */
export function userMenu(o: { name: string; items: readonly SafeHtml[] }): SafeHtml {
  return html`<details class="user-menu">
  <summary>${o.name}</summary>
  <ul class="nav">
    ${o.items.map((i) => html`<li>${i}</li>`)}
  </ul>
</details>`;
}
