/** Parameters and forms of the alerts page. */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { detectionMessages } from './detection.messages.js';

export const CLOSE_NOTE_MAX = 500;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An alert number; anything else is an alert that does not exist (404). */
export const alertIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const alertsQuery = z.object({
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
  done: z.preprocess(blank, z.enum(['acknowledged', 'closed']).optional()),
  id: z.preprocess(blank, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
});

export const closeAlertBody = z.object({
  note: z.preprocess(blank, z.string().trim().max(CLOSE_NOTE_MAX, zodMessage(detectionMessages, 'closeNoteTooLong')).optional()),
});
