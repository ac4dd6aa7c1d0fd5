/** Test support for the audit module: appending entries and tampering like a superuser would. */
import type { AppContext } from '../../platform/context.js';
import type { CliIo } from '../../platform/cli-command.js';
import { auditCommands } from './audit.cli.js';
import { recordAudit } from './record-audit.js';

export async function appendEntries(ctx: AppContext, n: number, extra: { departmentId?: string | null } = {}): Promise<void> {
  for (let i = 0; i < n; i++)
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: { type: 'staff', id: `00000000-0000-4000-8000-00000000000${i % 10}`, label: `clerk${i % 3}` },
          action: i % 2 ? 'reservation.view' : 'reservation.update',
          recordType: 'reservation',
          recordId: `R-${1000 + i}`,
          departmentId: extra.departmentId ?? null,
          detail: { n: i, fields: ['status'] },
        },
        new Date(Date.UTC(2026, 3, 1, 0, 0, i)),
      ),
    );
}

/** Runs SQL the way a superuser gets round the append-only triggers. */
export async function tamper(ctx: AppContext, sql: string, params: unknown[] = [], how: 'replica' | 'disable' = 'replica') {
  await ctx.db.transaction(async (tx) => {
    if (how === 'replica') await tx.query('SET LOCAL session_replication_role = replica');
    else await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await tx.query(sql, params);
    if (how === 'disable') await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

/** Runs `madoguchi audit …` against a test context, capturing its output and exit code. */
export async function runAuditCommand(ctx: AppContext, name: string, options: Record<string, string | boolean> = {}, args: string[] = []) {
  const command = auditCommands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '' };
  const code = (await command.run(ctx, { options, args }, io)) ?? 0;
  return { code, out: out.join('\n'), err: err.join('\n') };
}
