/** The card office's settings per department, and resolving a department for CLI commands. */
import type { Queryable } from '../../../platform/db.js';
import { CliError } from '../../../platform/cli-command.js';
import type { PasswordPolicy } from '../shared/password.js';
import type { ColumnMapping } from './issuance-list-layout.js';

export type CardSettings = {
  departmentId: string;
  departmentCode: string;
  idPattern: string;
  passwordPolicy: PasswordPolicy;
  bookingUrl: string;
  columnMapping: ColumnMapping;
};

type Row = {
  department_id: string;
  code: string;
  id_pattern: string;
  password_policy: PasswordPolicy;
  booking_url: string;
  column_mapping: ColumnMapping;
};

const SELECT = `SELECT s.department_id, d.code, s.id_pattern, s.password_policy, s.booking_url, s.column_mapping
  FROM card_int_settings s JOIN departments d ON d.id = s.department_id`;

const toSettings = (r: Row): CardSettings => ({
  departmentId: r.department_id,
  departmentCode: r.code,
  idPattern: r.id_pattern,
  passwordPolicy: r.password_policy,
  bookingUrl: r.booking_url,
  columnMapping: r.column_mapping ?? {},
});

export async function getCardSettings(q: Queryable, departmentId: string): Promise<CardSettings | undefined> {
  const r = await q.query<Row>(`${SELECT} WHERE s.department_id = $1`, [departmentId]);
  return r.rows[0] ? toSettings(r.rows[0]) : undefined;
}

/** Settings of the department with this code, or of the only card office when no code is given. */
export async function resolveCardOffice(q: Queryable, code: string | undefined): Promise<CardSettings> {
  const r = await q.query<Row>(`${SELECT} ${code ? 'WHERE d.code = $1' : ''} ORDER BY d.code`, code ? [code] : []);
  if (r.rows.length === 0)
    throw new CliError(
      code
        ? `Department "${code}" has no card issuance settings (set them up on the staff screen or run \`madoguchi demo seed\`).`
        : 'No department runs a card issuance office yet (card_int_settings is empty).',
    );
  if (r.rows.length > 1)
    throw new CliError(`Several departments run card offices; choose one with --department (${r.rows.map((x) => x.code).join(', ')}).`);
  return toSettings(r.rows[0] as Row);
}

export async function upsertCardSettings(q: Queryable, s: Omit<CardSettings, 'departmentCode'>, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO card_int_settings (department_id, id_pattern, password_policy, booking_url, column_mapping, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (department_id) DO UPDATE SET id_pattern = EXCLUDED.id_pattern, password_policy = EXCLUDED.password_policy,
       booking_url = EXCLUDED.booking_url, column_mapping = EXCLUDED.column_mapping, updated_at = EXCLUDED.updated_at`,
    [s.departmentId, s.idPattern, s.passwordPolicy, s.bookingUrl, JSON.stringify(s.columnMapping), now],
  );
}
