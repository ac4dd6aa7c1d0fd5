/**
 * Writes a synthetic issuance list (never real people) to try the import:
 *   npx tsx scripts/generate-issuance-list.ts OUT.csv [ROWS=60] [shift_jis|utf-8] [PREFIX=GEN] [SEED]
 */
import fs from 'node:fs';
import { encodeCsvText, syntheticIssuanceCsv } from '../src/modules/card-issuance/internal/synthetic-list.js';

const [out, rows = '60', encoding = 'shift_jis', prefix = 'GEN', seed = String(Date.now() % 100000)] = process.argv.slice(2);
if (!out || !/^\d+$/.test(rows) || (encoding !== 'shift_jis' && encoding !== 'utf-8') || !/^[0-9A-Z]{3}$/.test(prefix)) {
  process.stderr.write('Usage: generate-issuance-list.ts OUT.csv [ROWS] [shift_jis|utf-8] [PREFIX: 3 letters/digits] [SEED]\n');
  process.exit(2);
}
fs.writeFileSync(out, encodeCsvText(syntheticIssuanceCsv({ rows: Number(rows), seed: Number(seed), idPrefix: prefix }), encoding), {
  flag: 'wx',
});
process.stdout.write(`Wrote ${rows} synthetic rows (${encoding}) to ${out}\n`);
