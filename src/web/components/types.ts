/** Shapes shared by the components. */
import type { SafeHtml } from '../html.js';

/** One field's error, already in the reader's language (the `field` key as the form names it). */
export type FieldMessage = { field: string; message: string };

/** A navigation link; `isCurrent` marks the page being shown (aria-current="page"). */
export type NavItem = { href: string; label: string; isCurrent?: boolean };

/** Text, or markup built with `html`. */
export type Content = string | SafeHtml;
