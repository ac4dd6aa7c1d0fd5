/**
 * `madoguchi privacy breach-report --from YYYY-MM-DD --to YYYY-MM-DD --scope SCOPE [--json] [--bundle DIR]`
 * (pinned: outside checks rely on it). Against the configured database — the live one, or a restored backup
 * — or, with --bundle, an offline bundle with no database and no configuration at all. --json prints the
 * facts (`items`, `people`, `records`…) with the PPC draft's sections and nothing else on stdout; otherwise
 * the draft as text.
 */
import { CliError, type CliCommand, type CliInput, type CliIo } from '../../../platform/cli-command.js';
import { systemClock } from '../../../platform/clock.js';
import type { RegisterSource } from '../privacy-part.js';
import type { BreachImpact } from './breach-impact.js';
import { buildBreachReport } from './breach-report.js';
import { UnknownScopeError } from './breach-scope.js';
import { computeBreachImpact } from './compute-breach-impact.js';
import { impactFromBundle, readBundleInventory } from './impact-from-bundle.js';
import { UnknownStaffError } from './staff-activity.js';

function queryOf(options: CliInput['options']) {
  const text = (k: string) => (typeof options[k] === 'string' ? (options[k] as string) : '');
  return { from: text('from'), to: text('to'), scope: text('scope') };
}

function print(impact: BreachImpact, json: boolean, io: CliIo): void {
  const report = buildBreachReport(impact, {}, 'ja');
  if (json) {
    io.out(JSON.stringify({ ...impact, draft: report }, null, 2));
    return;
  }
  io.out(report.title);
  report.sections.forEach((s, i) => {
    io.out('');
    io.out(`${i + 1}. ${s.heading}`);
    for (const l of s.lines) io.out(`   ${l}`);
  });
}

/** Refusals of the scope or window are usage errors (exit 2), naming what exists. */
async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof UnknownScopeError || err instanceof UnknownStaffError) throw new CliError(err.message);
    throw err;
  }
}

export function breachCommands(registers: RegisterSource): CliCommand[] {
  return [
    {
      name: 'privacy breach-report',
      summary: [
        'Count what a leak in a period and scope affects — the personal data items, the number of people and records, the departments,',
        'whether it was encrypted, and who can be notified by which channel — and print a draft of the report to the Personal Information',
        // i18n-exempt: the report's own Japanese section names, quoted in the operators' English help
        'Protection Commission (漏えい等報告: 概要, 項目, 本人の数, 原因, 二次被害, 本人への対応, 公表, 再発防止策). It reads the',
        'configured database (DATABASE_URL, or the embedded one in MADOGUCHI_DATA_DIR): to report from a backup, restore it into an',
        'empty database (`madoguchi restore FILE` with DATABASE_URL or MADOGUCHI_DATA_DIR pointing there) and run this against it,',
        'with the same MADOGUCHI_ENCRYPTION_KEYS. With --bundle it reads an offline bundle instead, needing no database.',
      ].join(' '),
      options: {
        from: { description: 'First day of the period (YYYY-MM-DD, Japan time)', required: true },
        to: { description: 'Last day of the period, inclusive (YYYY-MM-DD, Japan time)', required: true },
        scope: {
          description:
            'module:NAME, procedure:ID, service:ID, facility:ID, staff:LOGIN (what that account viewed or exported, from the audit log), table:NAME or table:NAME.COLUMN (comma-separated for several), zone:internal or zone:internet',
          required: true,
        },
        json: { flag: true, description: 'Print the facts and the draft as JSON (with items, people, records) and nothing else' },
        bundle: {
          description:
            'Read the offline bundle in DIR (its inventory.json) instead of a database: the counts are those of when it was written, whatever the period; staff: and table: scopes need the database',
        },
      },
      async run(ctx, { options }, io) {
        await guarded(async () => {
          const impact = await computeBreachImpact(ctx.db, registers(), queryOf(options), ctx.clock.now(), { crypto: ctx.crypto });
          print(impact, options.json === true, io);
        });
      },
      offline: {
        when: ({ options }) => typeof options.bundle === 'string',
        async run({ options }, io) {
          await guarded(async () => {
            const impact = impactFromBundle(readBundleInventory(options.bundle as string), queryOf(options), systemClock.now());
            print(impact, options.json === true, io);
          });
        },
      },
    },
  ];
}
