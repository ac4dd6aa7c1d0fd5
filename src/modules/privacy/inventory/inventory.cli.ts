/**
 * `madoguchi privacy inventory [--json]`: the inventory of this database. With --json, exactly the pinned
 * shape `[{ module, scope, items: [{ key, category, sensitive, encrypted, records }] }]` and nothing else on
 * standard output (outside checks rely on it); without, a table to read, one block per scope.
 */
import type { CliCommand } from '../../../platform/cli-command.js';
import type { RegisterSource } from '../privacy-part.js';
import { computeInventory } from './compute-inventory.js';
import { inventoryText, pinnedInventory } from './inventory-format.js';

export function inventoryCommands(registers: RegisterSource): CliCommand[] {
  return [
    {
      name: 'privacy inventory',
      summary:
        'Print the personal data inventory of this database: per module and scope, the items with category, sensitivity, protection and the records holding them now. --json prints the pinned JSON and nothing else.',
      options: {
        json: { flag: true, description: 'Print [{ module, scope, items: [{ key, category, sensitive, encrypted, records }] }]' },
        lang: { description: 'Language of the table (default ja)', choices: ['ja', 'en'] },
      },
      async run(ctx, { options }, io) {
        const report = await computeInventory(ctx.db, registers(), ctx.clock.now());
        if (options.json === true) {
          io.out(JSON.stringify(pinnedInventory(report), null, 2));
          return;
        }
        const lang = options.lang === 'en' ? 'en' : 'ja';
        for (const line of inventoryText(report, lang)) io.out(line);
      },
    },
  ];
}
