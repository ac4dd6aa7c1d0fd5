/** `madoguchi facility counts import --month YYYY-MM FILE`: the import of the staff screen, as the system actor "cli". */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, type CliCommand } from '../../../platform/cli-command.js';
import { enrolmentDepartmentId, formatCountProblems, importCounts, MAX_COUNT_FILE_BYTES } from './import-counts.js';

export const countCommands: CliCommand[] = [
  {
    name: 'facility counts import',
    summary: "Import a month's child counts CSV from the core system (all or nothing; every bad line reported; exit 2 when refused).",
    options: { month: { description: 'Month of the counts, YYYY-MM', required: true } },
    args: [{ name: 'file', description: 'CSV file (CP932 or UTF-8)', required: true }],
    async run(ctx, { options, args }, io) {
      const month = String(options.month ?? '');
      if (!/^(20\d\d)-(0[1-9]|1[0-2])$/.test(month)) throw new CliError('--month must be YYYY-MM');
      const file = args[0] as string;
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) throw new CliError(`${file}: no such file`);
      if (stat.size > MAX_COUNT_FILE_BYTES) throw new CliError(`${file}: larger than ${MAX_COUNT_FILE_BYTES / 1024 / 1024} MB`);
      const r = await importCounts(ctx, {
        month,
        bytes: fs.readFileSync(file),
        fileName: path.basename(file),
        importedBy: null,
        audit: { actor: { type: 'system', id: 'cli', label: 'cli' } },
        departmentId: await enrolmentDepartmentId(ctx.db, ctx.config),
      });
      if (!r.ok) {
        io.err(`Nothing was imported (${r.reason}; ${r.problems.length} problem(s)${r.encoding ? `, encoding ${r.encoding}` : ''}):`);
        for (const line of formatCountProblems(r.problems, 'ja')) io.err(`  ${line}`);
        return 2;
      }
      io.out(
        `Imported ${r.month}: ${r.lineCount} lines, ${r.facilityCount} facilities (${r.changedFacilityCount} with changed numbers), encoding ${r.encoding}, import ${r.importId}, sha256 ${r.fileSha256}.`,
      );
    },
  },
];
