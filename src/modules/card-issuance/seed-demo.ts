/**
 * Demo data (idempotent): the 市民課 card office with its settings, 60 synthetic cards (households
 * share addresses) and the office's (fictional) contact, pickup locations 市役所本庁舎 市民課 and 北支所 (weekdays 9:00–17:00, and one Saturday morning opening).
 */
import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { getCardSettings, upsertCardSettings } from './internal/card-settings.js';
import { setCardContact } from './internal/card-contact-settings.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';
import { findLocation, listLocations, upsertLocation } from './internet/locations.js';
import { addPickupException } from '../reservations/index.js';
import { addDays, jstDate, weekday } from '../../platform/japan-time.js';

export async function seedCardDemo(ctx: AppContext): Promise<void> {
  await ctx.db.query(
    // i18n-exempt: demo data — the department's stored name (name_en holds the English one)
    `INSERT INTO departments (code, name, name_en) VALUES ('shimin', '市民課', 'Citizens Division') ON CONFLICT (code) DO NOTHING`,
  );
  const dept = await ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'shimin'`);
  const departmentId = (dept.rows[0] as { id: string }).id;
  const now = ctx.clock.now();
  const zone = ctx.config.cardZone;
  if (zone !== 'internet') {
    if (!(await getCardSettings(ctx.db, departmentId))) {
      await upsertCardSettings(
        ctx.db,
        {
          departmentId,
          idPattern: '^[0-9A-Z]{3}[0-9]{6}$',
          passwordPolicy: 'birthday',
          bookingUrl: `${ctx.config.publicBaseUrl}/card`,
          columnMapping: {},
        },
        now,
      );
      // a fictional number, like the demo's LINE contact text; i18n-exempt: demo data — the office's own contact as staff type it
      await setCardContact(
        ctx.db,
        departmentId,
        { contactOffice: '市民課 マイナンバーカード窓口', contactPhone: '0000-00-0000', contactHours: '平日 8:30〜17:15' },
        now,
      );
    }
    const has = await ctx.db.query('SELECT 1 FROM card_int_imports WHERE department_id = $1 LIMIT 1', [departmentId]);
    if (has.rows.length === 0) {
      const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 60, seed: 7, idPrefix: 'DMO' }), 'shift_jis');
      const settings = await getCardSettings(ctx.db, departmentId);
      const r = await importIssuanceList(ctx, {
        settings: settings as NonNullable<typeof settings>,
        fileName: 'demo-issuance-list.csv',
        open: () => Readable.from([bytes]),
        actor: { type: 'system', id: 'demo-seed', label: 'demo-seed' },
      });
      if (!r.ok) throw new Error(`card demo seed: synthetic list did not import (${r.reason})`);
    }
  }
  if (zone !== 'internal') {
    const existing = await listLocations(ctx.db, [departmentId]);
    if (existing.length === 0) {
      await ctx.db.transaction(async (tx) => {
        for (const l of [
          // i18n-exempt: demo data — stored location names, nameEn holds the English ones
          { code: 'honcho', name: '市役所本庁舎 市民課', nameEn: 'City Hall, Citizens Division', counters: 3 },
          // i18n-exempt: demo data — stored location names, nameEn holds the English ones
          { code: 'kita', name: '北支所', nameEn: 'North Branch Office', counters: 1 },
        ])
          await upsertLocation(
            tx,
            {
              ...l,
              departmentId,
              peoplePerCounter: 2,
              slotMinutes: 30,
              openTime: '09:00',
              closeTime: '17:00',
              weekdays: [1, 2, 3, 4, 5],
              opensDaysAhead: 30,
              bookUntilMinutes: 1440,
              isActive: true,
            },
            now,
          );
        // a Saturday morning opening at the main office (休日開庁), the engine's extra-opening rule
        const honcho = await findLocation(tx, 'honcho', [departmentId]);
        const today = jstDate(now);
        const saturday = addDays(today, (6 - weekday(today) + 7) % 7 || 7);
        // i18n-exempt: demo data — the staff's own note on the opening, stored as typed
        if (honcho)
          await addPickupException(tx, honcho.serviceId, {
            day: saturday,
            kind: 'open',
            start: '09:00',
            end: '12:00',
            note: '休日開庁',
          });
      });
    }
  }
}
