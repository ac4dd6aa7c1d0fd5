/**
 * How long a closed application is kept: the procedure version's retentionDays after it closed
 * (completed, rejected, withdrawn, expired). Pure; every code path that closes an application sets
 * `retain_until` with it (the inbox's changeStatus, the citizen's withdrawal, the payment expiry),
 * and the daily erasure job (erase-expired-applications.ts) deletes what is past it.
 */
import type { ProcedureDefinition } from '../procedures/definition.js';

const DAY_MS = 86_400_000;

export function retentionDeadline(def: Pick<ProcedureDefinition, 'retentionDays'>, closedAt: Date): Date {
  return new Date(closedAt.getTime() + def.retentionDays * DAY_MS);
}
