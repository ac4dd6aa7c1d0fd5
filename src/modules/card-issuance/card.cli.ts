/** The `madoguchi card …` commands: each exits non-zero with a clear message on a bad or tampered file and changes nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, type CliCommand, type CliIo } from '../../platform/cli-command.js';
import type { AppContext } from '../../platform/context.js';
import type { AuditActor } from '../audit/index.js';
import { ExchangeFileError } from './shared/exchange-file.js';
import { ZoneKeyError } from './shared/zone-keys.js';
import { resolveCardOffice } from './internal/card-settings.js';
import { CARD_STATES, isCardState, type CardState } from './internal/card-states.js';
import { exportBundle } from './internal/export-bundle.js';
import { formatErrorReport, importIssuanceList } from './internal/import-issuance-list.js';
import type { CsvEncoding } from '../../platform/csv/encoding.js';
import { importBookings } from './internal/import-bookings.js';
import { importProgressResults } from './internal/import-progress-results.js';
import { printLetters, selectLetterCards } from './internal/print-letters.js';
import { importBundle } from './internet/import-bundle.js';
import { exportBookings } from './internet/export-bookings.js';

const cli: AuditActor = { type: 'system', id: 'cli', label: 'cli' };

function zone(ctx: AppContext, need: 'internal' | 'internet') {
  if (ctx.config.cardZone !== 'both' && ctx.config.cardZone !== need)
    throw new CliError(
      `This command belongs to the ${need} zone; this installation is the ${ctx.config.cardZone} zone (MADOGUCHI_CARD_ZONE).`,
    );
}

function readInput(file: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`File not found: ${file}`);
}

function checkOut(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new CliError(`Folder does not exist: ${dir}`);
  if (fs.existsSync(file)) throw new CliError(`Refusing to overwrite ${file}: choose a new file name.`);
}

/** Exchange-file and key problems are the operator's to fix: print the message, exit 1, nothing changed. */
async function guarded(io: CliIo, fn: () => Promise<number | void>): Promise<number | void> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ExchangeFileError) {
      io.err(`${err.text.en}\n${err.text.ja}`);
      return 1;
    }
    if (err instanceof ZoneKeyError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

const department = { department: { description: 'Department code of the card office (default: the only one)' } };

export const cardCommands: CliCommand[] = [
  {
    name: 'card import-issuance-list',
    summary: 'Internal zone: import an issuance list CSV (all or nothing; line-by-line error report).',
    args: [{ name: 'file', description: 'CSV file', required: true }],
    options: { encoding: { description: 'shift_jis or utf-8 (default: detected)', choices: ['shift_jis', 'utf-8'] }, ...department },
    async run(ctx, { args, options }, io) {
      zone(ctx, 'internal');
      const file = args[0] as string;
      readInput(file);
      const enc = options.encoding as string | undefined;
      if (enc !== undefined && enc !== 'shift_jis' && enc !== 'utf-8') throw new CliError('--encoding must be shift_jis or utf-8');
      const settings = await resolveCardOffice(ctx.db, options.department as string | undefined);
      const r = await importIssuanceList(ctx, {
        settings,
        fileName: path.basename(file),
        open: () => fs.createReadStream(file),
        encoding: enc as CsvEncoding | undefined,
        actor: cli,
      });
      if (!r.ok) {
        io.err(`Nothing was imported (${r.reason}; ${r.errorCount} problem(s), encoding ${r.encoding}):`);
        for (const l of formatErrorReport(r.errors, r.errorCount, 'en')) io.err(`  ${l}`);
        return 1;
      }
      io.out(
        `Imported ${r.rows} cards (encoding ${r.encoding}, import ${r.importId}, validate ${Math.round(r.timings.validateMs)} ms, write ${Math.round(r.timings.writeMs)} ms).`,
      );
    },
  },
  {
    name: 'card export-bundle',
    summary: 'Internal zone: write the signed bundle (reservation id, password verifier, shipping number) for the booking site.',
    options: {
      out: { description: 'Output file (must not exist)', required: true },
      state: { description: 'Only these states, comma-separated', choices: CARD_STATES, list: true },
      ...department,
    },
    async run(ctx, { options }, io) {
      zone(ctx, 'internal');
      const out = options.out as string;
      checkOut(out);
      let states: CardState[] | undefined;
      if (options.state) {
        const list = String(options.state)
          .split(',')
          .map((s) => s.trim());
        const bad = list.filter((s) => !isCardState(s));
        if (bad.length) throw new CliError(`Unknown state(s): ${bad.join(', ')}`);
        states = list as CardState[];
      }
      const settings = await resolveCardOffice(ctx.db, options.department as string | undefined);
      return guarded(io, async () => {
        const r = await exportBundle(ctx, { settings, states, actor: cli });
        fs.writeFileSync(out, r.text, { flag: 'wx', mode: 0o600 });
        io.out(`Bundle ${r.bundleId} (sequence ${r.sequence}): ${r.cards} cards, SHA-256 ${r.sha256}, written to ${out}.`);
      });
    },
  },
  {
    name: 'card import-bundle',
    summary: 'Internet zone: import a signed bundle from the internal zone (refuses tampered, truncated, replayed or foreign files).',
    args: [{ name: 'file', description: 'Bundle file', required: true }],
    async run(ctx, { args }, io) {
      zone(ctx, 'internet');
      const file = args[0] as string;
      readInput(file);
      return guarded(io, async () => {
        const r = await importBundle(ctx, { text: fs.readFileSync(file, 'utf8'), actor: cli });
        io.out(`Bundle ${r.bundleId} (sequence ${r.sequence}) imported: ${r.cards} cards active, ${r.deactivated} withdrawn.`);
      });
    },
  },
  {
    name: 'card export-bookings',
    summary: 'Internet zone: write the signed booking list for the internal zone.',
    options: {
      out: { description: 'Output file (must not exist)', required: true },
      department: { description: 'Department code (default shimin)' },
    },
    async run(ctx, { options }, io) {
      zone(ctx, 'internet');
      const out = options.out as string;
      checkOut(out);
      return guarded(io, async () => {
        const r = await exportBookings(ctx, { departmentCode: (options.department as string | undefined) ?? 'shimin', actor: cli });
        fs.writeFileSync(out, r.text, { flag: 'wx', mode: 0o600 });
        io.out(`Booking file ${r.fileId} (sequence ${r.sequence}): ${r.rows} rows, written to ${out}.`);
      });
    },
  },
  {
    name: 'card import-bookings',
    summary: 'Internal zone: import the signed booking list and match each booking to its card.',
    args: [{ name: 'file', description: 'Booking file', required: true }],
    options: { ...department },
    async run(ctx, { args, options }, io) {
      zone(ctx, 'internal');
      const file = args[0] as string;
      readInput(file);
      const settings = await resolveCardOffice(ctx.db, options.department as string | undefined);
      return guarded(io, async () => {
        const r = await importBookings(ctx, { settings, text: fs.readFileSync(file, 'utf8'), actor: cli });
        io.out(
          `Booking file ${r.fileId} (sequence ${r.sequence}): ${r.rows} rows; ${r.booked} booked, ${r.cancelled} cancelled, ${r.unchanged} unchanged, ${r.problems.length} problem(s).`,
        );
        for (const p of r.problems.slice(0, 50)) io.out(`  ${p.reason}: ${p.reservationId} (booking ${p.bookingRef})`);
      });
    },
  },
  {
    name: 'card import-progress',
    summary: 'Internal zone: import a pre-issuance setup result (--kind setup) or issued result (--kind issued) CSV.',
    // i18n-exempt: the issuance system's fixed Japanese column names, which the operator finds in the file
    args: [{ name: 'file', description: 'CSV with 製造管理番号 and optional 処理日', required: true }],
    options: { kind: { description: 'setup or issued', required: true, choices: ['setup', 'issued'] }, ...department },
    async run(ctx, { args, options }, io) {
      zone(ctx, 'internal');
      const file = args[0] as string;
      readInput(file);
      if (options.kind !== 'setup' && options.kind !== 'issued') throw new CliError('--kind must be setup or issued');
      const settings = await resolveCardOffice(ctx.db, options.department as string | undefined);
      const r = await importProgressResults(ctx, { settings, kind: options.kind, bytes: fs.readFileSync(file), actor: cli });
      if (!r.ok) {
        io.err('Nothing was changed:');
        for (const l of formatErrorReport(r.errors, r.errors.length, 'en')) io.err(`  ${l}`);
        return 1;
      }
      io.out(`Updated ${r.updated} cards.`);
    },
  },
  {
    name: 'card print-letters',
    // i18n-exempt: 交付案内 is the letter's name as staff know it; the CLI's help is English for operators
    summary: 'Internal zone: print letters (交付案内) of cards not yet printed to one A4 PDF.',
    options: {
      out: { description: 'Output PDF (must not exist)', required: true },
      limit: { description: 'At most this many letters (default 2000)' },
      ...department,
    },
    async run(ctx, { options }, io) {
      zone(ctx, 'internal');
      const out = options.out as string;
      checkOut(out);
      const settings = await resolveCardOffice(ctx.db, options.department as string | undefined);
      // The command itself names what to print (the unprinted cards): print and mark exactly those.
      const cards = await selectLetterCards(ctx, settings, { unprinted: true, limit: options.limit ? Number(options.limit) : undefined });
      if (cards.length === 0) {
        io.out('No letters to print.');
        return;
      }
      const r = await printLetters(ctx, { settings, cardIds: cards.map((c) => c.id), expectedCount: cards.length, actor: cli });
      if (!r.ok)
        throw new CliError('The cards changed while printing (another print or import ran). Nothing was marked; run the command again.');
      fs.writeFileSync(out, r.pdf, { flag: 'wx', mode: 0o600 });
      io.out(`${r.count} letters written to ${out}.`);
    },
  },
];
