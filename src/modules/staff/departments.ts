/** Departments (課): list and create (system administrators and the CLI). */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { isPgError } from '../../platform/db.js';
import { recordAudit, type AuditActor, type AuditEvent } from '../audit/index.js';
import type { DepartmentRow } from './staff.repository.js';
import { staffErrors } from './staff-errors.messages.js';

export const DEPARTMENT_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export async function createDepartment(
  ctx: AppContext,
  input: { code: string; name: string; nameEn?: string | null },
  audit: { actor: AuditActor } & Pick<AuditEvent, 'clientIp' | 'requestId'>,
): Promise<DepartmentRow> {
  const code = input.code.normalize('NFKC').trim().toLowerCase();
  const name = input.name.trim();
  const problems = [];
  if (!DEPARTMENT_CODE_PATTERN.test(code)) problems.push({ field: 'code', message: staffErrors.text('departmentCodeRule') });
  if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: staffErrors.text('departmentNameRule') });
  if (problems.length) throw errors.validation(problems);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const r = await tx.query<DepartmentRow>(
        'INSERT INTO departments (code, name, name_en, created_at) VALUES ($1, $2, $3, $4) RETURNING id, code, name, name_en',
        [code, name, input.nameEn?.trim() || null, now],
      );
      const d = r.rows[0] as DepartmentRow;
      await recordAudit(
        tx,
        { ...audit, action: 'department.created', departmentId: d.id, recordType: 'department', recordId: d.id, detail: { code } },
        now,
      );
      return d;
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw errors.validation([{ field: 'code', message: staffErrors.text('departmentCodeInUse') }]);
    throw err;
  }
}
