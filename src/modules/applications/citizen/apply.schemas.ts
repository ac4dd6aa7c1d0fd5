/** Params, queries and form bodies of the citizen application screens. */
import { z } from 'zod';
import { TOKEN_PATTERN } from '../submissions/reference-number.js';

export const procedureParams = z.object({ procedureId: z.uuid() });
export const stepParams = z.object({ procedureId: z.uuid(), n: z.coerce.number().int().min(1).max(20) });
export const stepQuery = z.object({ check: z.literal('1').optional() });
export const listQuery = z.object({ q: z.string().max(100).optional() });

/** A step's form: the field keys with what was typed (checkboxes repeat), the button pressed, the CSRF token. */
export const formBody = z.record(z.string().max(60), z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100)]));

export const saveBody = z.object({ email: z.string().max(254), _csrf: z.string().optional() });
export const resumeParams = z.object({ token: z.string().regex(TOKEN_PATTERN) });

export const referenceParams = z.object({ referenceNumber: z.string().min(1).max(40) });
export const statusQuery = z.object({ t: z.string().max(128).default(''), done: z.literal('1').optional() });
export const tokenBody = z.object({ t: z.string().max(128), _csrf: z.string().optional() });
export const lookupBody = z.object({ referenceNumber: z.string().max(40), secret: z.string().max(128), _csrf: z.string().optional() });
