/** CLI: department create/list, staff create/disable/reset-password. Audited as system actor "cli". */
import { AppError } from '../../http/errors.js';
import { CliError, type CliCommand } from '../../platform/cli-command.js';
import type { Role } from '../../http/actor.js';
import { disableAccount, insertAccount, setPasswordByAdmin } from './accounts.js';
import { createDepartment } from './departments.js';
import { normaliseLoginId } from './lockout.js';
import { findDepartmentByCode, findStaffByLoginId, listDepartments } from './staff.repository.js';

const cli = { actor: { type: 'system' as const, id: null, label: 'cli' }, clientIp: null, requestId: null };
const ROLES: Role[] = ['sys-admin', 'dept-admin', 'staff', 'payment_admin'];

/** Turns a validation AppError into a usage error (exit 2) with the English messages. */
async function asCli<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const details = (err.extra.fieldErrors ?? []).map((f) => `${f.field}: ${f.message.en}`);
      throw new CliError([err.text.en, ...details].join('\n  '));
    }
    throw err;
  }
}

async function readPassword(io: { readStdin(): Promise<string> }): Promise<string> {
  const pw = await io.readStdin();
  if (!pw) throw new CliError('Give the password on standard input (e.g. `printf %s "$PW" | madoguchi ...`).');
  return pw;
}

export const staffCommands: CliCommand[] = [
  {
    name: 'department create',
    // i18n-exempt: operator CLI help in English, naming the Japanese term and an example of a department's (Japanese) name
    summary: 'Create a department (課).',
    // i18n-exempt: operator CLI help in English, with an example of a department's (Japanese) name
    options: {
      code: { description: 'short code, e.g. fukushi', required: true },
      name: { description: 'name, e.g. 福祉総務課', required: true },
    },
    async run(ctx, { options }, io) {
      const d = await asCli(() => createDepartment(ctx, { code: String(options.code), name: String(options.name) }, cli));
      io.out(`Created department ${d.code} (${d.id}).`);
    },
  },
  {
    name: 'department list',
    summary: 'List departments (id, code, name).',
    options: { json: { description: 'print a JSON array', flag: true } },
    async run(ctx, { options }, io) {
      const rows = await listDepartments(ctx.db);
      if (options.json) io.out(JSON.stringify(rows.map((d) => ({ id: d.id, code: d.code, name: d.name }))));
      else for (const d of rows) io.out(`${d.id}\t${d.code}\t${d.name}`);
    },
  },
  {
    name: 'staff create',
    summary: 'Create a staff account; the password is read from standard input.',
    options: {
      login: { description: 'login id', required: true },
      name: { description: 'display name', required: true },
      department: { description: 'department code', required: true },
      role: {
        description: 'sys-admin | dept-admin | staff | payment_admin (payment_admin: only in the PAYMENT_ADMIN_DEPARTMENT department)',
        required: true,
        choices: ROLES,
      },
      'no-change-required': { description: 'do not force a password change at first log-in', flag: true },
    },
    async run(ctx, { options }, io) {
      const role = String(options.role) as Role;
      if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}.`);
      const dept = await findDepartmentByCode(ctx.db, String(options.department).toLowerCase());
      if (!dept) throw new CliError(`No department with code "${String(options.department)}" (see \`madoguchi department list\`).`);
      const password = await readPassword(io);
      const { account } = await asCli(() =>
        insertAccount(
          ctx,
          {
            loginId: String(options.login),
            displayName: String(options.name),
            departmentId: dept.id,
            role,
            password,
            mustChangePassword: !options['no-change-required'],
            createdBy: null,
          },
          cli,
        ),
      );
      io.out(
        `Created ${account.loginId} (${account.id}) as ${role} in ${dept.code}.${account.mustChangePassword ? ' The password must be changed at first log-in.' : ''}`,
      );
    },
  },
  {
    name: 'staff disable',
    summary: 'Disable a staff account and end its sessions.',
    options: { login: { description: 'login id', required: true } },
    async run(ctx, { options }, io) {
      const s = await findStaffByLoginId(ctx.db, normaliseLoginId(String(options.login)));
      if (!s) throw new CliError(`No staff account "${String(options.login)}".`);
      await disableAccount(ctx, s.id, true, cli);
      io.out(`Disabled ${s.login_id}.`);
    },
  },
  {
    name: 'staff reset-password',
    summary: 'Set a new password (from standard input) that must be changed at next log-in.',
    options: { login: { description: 'login id', required: true } },
    async run(ctx, { options }, io) {
      const s = await findStaffByLoginId(ctx.db, normaliseLoginId(String(options.login)));
      if (!s) throw new CliError(`No staff account "${String(options.login)}".`);
      const password = await readPassword(io);
      await asCli(() => setPasswordByAdmin(ctx, s.id, password, cli));
      io.out(`Password of ${s.login_id} reset; it must be changed at next log-in.`);
    },
  },
];
