/** What administrators read for each kind of security event (the kind stays the stable code; texts in event-labels.messages.ts). */
import type { Lang, Text } from '../../http/i18n.js';
import { eventKindLabels, severityLabels } from './event-labels.messages.js';

/** Labels by code; the texts are in event-labels.messages.ts. */
export const EVENT_KIND_LABELS: Readonly<Record<string, Text>> = eventKindLabels.messages;
const SEVERITY_LABELS: Readonly<Record<string, Text>> = severityLabels.messages;

export const eventKindLabel = (kind: string, lang: Lang): string => EVENT_KIND_LABELS[kind]?.[lang] ?? kind;
export const severityLabel = (severity: string, lang: Lang): string => SEVERITY_LABELS[severity]?.[lang] ?? severity;
