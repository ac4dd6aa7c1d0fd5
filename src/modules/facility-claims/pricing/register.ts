/**
 * Wires the pricing part of facility claims into an app, and lists its jobs and CLI commands. Pricing has
 * no routes of its own: the claims part calls the engine (engine.ts) with the table of the fiscal year
 * (price-table.ts loadPriceTable); tables come in through `madoguchi facility prices import FILE`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type CliCommand, CliError } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { importPriceTable } from './import-price-table.js';

export function registerPricing(_app: FastifyInstance, _ctx: AppContext, _surfaces: Surfaces): void {}

export const jobs: JobDefinition[] = [];

export const commands: CliCommand[] = [
  {
    name: 'facility prices import',
    summary:
      'Import a unit-price table (CSV or JSON, docs/facility-claims/price-table.md): every line checked, all or nothing; the newest table of a fiscal year is the one in force.',
    args: [{ name: 'file', description: 'The table file (.csv or .json)', required: true }],
    async run(ctx, { args }, io) {
      const file = args[0] as string;
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`File not found: ${file}`);
      const r = await importPriceTable(ctx, {
        bytes: fs.readFileSync(file),
        fileName: path.basename(file),
        actor: { type: 'system', id: 'cli', label: 'cli' },
      });
      if (!r.ok) {
        io.err(
          r.reason === 'duplicate'
            ? 'Nothing was imported: the identical file was imported before.'
            : `Nothing was imported (${r.problems.length} problem(s)):`,
        );
        for (const p of r.problems) io.err(`  line ${p.line}: ${p.message}`);
        return 1;
      }
      io.out(
        `Imported price table ${r.tableId}: fiscal year ${r.fiscalYear}, "${r.label}"${r.isSample ? ' (SAMPLE)' : ''}, ${r.entries} entries.`,
      );
    },
  },
];
