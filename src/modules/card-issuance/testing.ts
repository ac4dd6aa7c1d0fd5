/** Test support: a card office for the 市民課 (department 'shimin') with the default id pattern. */
import type { AppContext } from '../../platform/context.js';
import { getCardSettings, upsertCardSettings, type CardSettings } from './internal/card-settings.js';

export async function openCardOffice(
  ctx: AppContext,
  o: { passwordPolicy?: 'birthday' | 'random'; now?: Date } = {},
): Promise<CardSettings> {
  await ctx.db.query(`INSERT INTO departments (code, name) VALUES ('shimin', '市民課') ON CONFLICT DO NOTHING`);
  const d = (await ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'shimin'`)).rows[0]!.id;
  await upsertCardSettings(
    ctx.db,
    {
      departmentId: d,
      idPattern: '^[0-9A-Z]{3}[0-9]{6}$',
      passwordPolicy: o.passwordPolicy ?? 'birthday',
      bookingUrl: '',
      columnMapping: {},
    },
    o.now ?? ctx.clock.now(),
  );
  return (await getCardSettings(ctx.db, d))!;
}
