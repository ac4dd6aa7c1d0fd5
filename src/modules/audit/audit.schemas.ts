/** Request and response schemas of the audit screens and API. */
import { z } from 'zod';
import { zodMessage } from '../../http/validation.js';
import { auditMessages } from './audit.messages.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function isRealDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(auditMessages, 'dateFormat'))
    .refine(isRealDay, zodMessage(auditMessages, 'dateNotReal'))
    .optional(),
);

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const auditFilterQuery = z
  .object({
    actor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(64)
        .transform((s) => s.normalize('NFKC').toLowerCase())
        .optional(),
    ),
    department: z.preprocess(blankToUndefined, z.uuid().optional()),
    from: day,
    to: day,
    recordType: text(64),
    recordId: text(200),
    action: text(100),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: zodMessage(auditMessages, 'toBeforeFrom'),
  });

export const auditSearchQuery = z.intersection(
  auditFilterQuery,
  z.object({ page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)) }),
);

export const auditExportQuery = z.intersection(
  auditFilterQuery,
  z.object({ format: z.preprocess(blankToUndefined, z.enum(['csv', 'jsonl']).default('csv')) }),
);

export type AuditFilterQuery = z.output<typeof auditFilterQuery>;

export const auditEntrySchema = z
  .object({
    seq: z.number().int().describe('Position in the hash chain'),
    occurredAt: z.string().describe('ISO 8601'),
    actorType: z.string().describe('staff, citizen, system or cli'),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable().describe('Log-in id of the staff member, when the actor is staff'),
    departmentId: z.string().nullable(),
    departmentCode: z.string().nullable(),
    departmentName: z.string().nullable(),
    action: z.string().describe('Typed event name, e.g. reservation.viewed'),
    outcome: z.string().describe('success, failure or denied'),
    recordType: z.string().nullable(),
    recordId: z.string().nullable(),
    /** The login id or reservation number of the record, when known. */
    recordLabel: z.string().nullable().describe('The log-in id or reservation number of the record, when known'),
    clientIp: z.string().nullable(),
    requestId: z.string().nullable().describe('Matches the X-Request-Id of the request and the server log'),
    detail: z.record(z.string(), z.unknown()).describe('Facts of the event; never personal data itself'),
    hash: z.string().describe('Hash of this entry chained to the previous one'),
  })
  .meta({ id: 'AuditEntry', description: 'One entry of the tamper-evident audit log' });

export const auditPageSchema = z
  .object({
    entries: z.array(auditEntrySchema).describe('Newest first'),
    page: z.number().int(),
    hasNext: z.boolean().describe('Whether page + 1 has entries'),
  })
  .meta({ id: 'AuditPage', description: 'One page of an audit log search' });

export const verificationSchema = z
  .object({
    isOk: z.boolean().describe('The whole chain verified'),
    finishedAt: z.string().describe('ISO 8601'),
    trigger: z.enum(['cli', 'staff', 'job']).describe('Who started it'),
    entries: z.number().int().describe('Entries checked'),
    headSeq: z.number().int().describe('Last sequence number checked'),
    failedSeq: z.number().int().nullable().describe('First entry that failed, if any'),
    problem: z.string().nullable().describe('Kind of failure, if any'),
    message: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification', description: 'A verification of the audit hash chain' });

export const verificationStatusSchema = z
  .object({ latest: verificationSchema.nullable().describe('null before the first verification') })
  .meta({ id: 'AuditVerificationStatus', description: 'The latest verification of the audit hash chain' });
