/**
 * What people read instead of the stable codes stored in the audit log: a label per action and per
 * record type, in Japanese and English (texts in audit-labels.messages.ts). The code stays the key (search, export, verification);
 * an action not listed here is shown as its code.
 */
import type { Lang, Text } from '../../http/i18n.js';
import { actionLabels, recordTypeLabels } from './audit-labels.messages.js';

/** Labels by code; the texts are in audit-labels.messages.ts. */
export const ACTION_LABELS: Readonly<Record<string, Text>> = actionLabels.messages;
const RECORD_TYPE_LABELS: Readonly<Record<string, Text>> = recordTypeLabels.messages;

export const actionLabel = (code: string, lang: Lang): string => ACTION_LABELS[code]?.[lang] ?? code;
export const recordTypeLabel = (code: string, lang: Lang): string => RECORD_TYPE_LABELS[code]?.[lang] ?? code;
