/**
 * The hash chain of the audit log. Each row's hash covers the previous row's hash and the row's
 * canonical form, so editing, deleting, inserting or reordering any row breaks every later link.
 */
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditRow = {
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  departmentId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  clientIp: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
};

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function rowHash(prevHash: string, row: AuditRow): string {
  const content = canonicalJson({ ...row, occurredAt: row.occurredAt.toISOString() });
  return crypto.createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}
