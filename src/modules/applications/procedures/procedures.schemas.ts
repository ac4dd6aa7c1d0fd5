/** Schemas of the procedures API (the pinned GET /api/v1/procedures answer) and of the sensitive readers form. */
import { z } from 'zod';
import { SENSITIVE_READER_ROLES } from '../applications.policy.js';
import { FIELD_TYPES } from './definition.js';

/** The settings screen's "who may read sensitive answers" form: the checked roles (none checked: nobody). */
export const sensitiveReadersForm = z.object({
  readers: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SENSITIVE_READER_ROLES)).max(SENSITIVE_READER_ROLES.length),
  ),
});

export const procedureListQuery = z.object({
  /** Titles and labels in English where the procedure has them (Japanese otherwise); also the `lang` cookie / Accept-Language. */
  lang: z.enum(['ja', 'en']).optional(),
});

export const publicProcedureOut = z.object({
  id: z.uuid(),
  departmentId: z.uuid(),
  title: z.string(),
  fee: z
    .object({
      amount: z.number().int().positive().optional().describe('A fixed fee in yen'),
      unitPrice: z.number().int().positive().optional().describe('Yen per unit; the quantity is the fee quantity field'),
      timing: z.enum(['on_submission', 'after_acceptance']),
    })
    .nullable(),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(FIELD_TYPES),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    }),
  ),
});
