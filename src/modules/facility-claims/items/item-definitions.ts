/**
 * What each application item (加算・減算, shared/types.ts ITEM_CODES) needs: the schema of its value, the
 * fields a form asks for, how many units it is priced for, and the conditions the roster and the child
 * counts must meet (年齢別配置基準 included). Pure: no I/O. The claims part's entry checks, the items page's
 * warnings and the pricing engine use the same rules.
 */
import { z } from 'zod';
import type { Text } from '../../../platform/i18n.js';
import { zodMessage } from '../../../http/validation.js';
import type { ChildCount, ItemCode, StaffingSummary } from '../shared/types.js';
import { itemMessages } from './items.messages.js';

/** Deductions (減算): "claimed" means the facility declares that the deduction applies. */
export const DEDUCTION_CODES: readonly ItemCode[] = ['shisetsucho-mihaichi', 'anzen-keikaku-misakutei'];

const whole = (max: number) =>
  z
    .number(zodMessage(itemMessages, 'wholeNumber'))
    .int(zodMessage(itemMessages, 'wholeNumber'))
    .min(0, zodMessage(itemMessages, 'wholeNumber'))
    .max(max);
const rate = z.number().min(0).max(30);
const none = z.object({}).strict();

export const ITEM_VALUE_SCHEMAS = {
  'shukan-senin': none,
  'jimu-yatoiage': none,
  'eiyo-kanri': z.object({ kind: z.enum(['employed', 'contract', 'shared']) }).strict(),
  'team-hoiku': z.object({ staff: whole(20).min(1) }).strict(),
  'sansai-haichi': none,
  'kyujitsu-hoiku': z.object({ yearlyDays: whole(366) }).strict(),
  shogu: z
    .object({
      kubun1Rate: rate.optional(),
      kubun2Rate: rate.optional(),
      kubun3: z.object({ personsA: whole(200), personsB: whole(200) }).strict(),
    })
    .strict(),
  'genka-shokyaku': none,
  chinshaku: none,
  'shisetsucho-mihaichi': none,
  'anzen-keikaku-misakutei': none,
  'ken-shogu': z.object({ persons: whole(200) }).strict(),
  'shi-shogaiji': z.object({ children: whole(200), extraStaff: z.number().min(0).max(50) }).strict(),
  'shi-encho': z.object({ minutes: z.union([z.literal(30), z.literal(60), z.literal(120)]), children: whole(999) }).strict(),
} as const satisfies Record<ItemCode, z.ZodType>;

/** A field of an item's form: `path` in the value (dots for nesting), how it is typed. */
export type ItemField = { path: string; kind: 'integer' | 'decimal' | 'choice' | 'number-choice'; choices?: readonly string[] };

export const ITEM_FIELDS: Readonly<Record<ItemCode, readonly ItemField[]>> = {
  'shukan-senin': [],
  'jimu-yatoiage': [],
  'eiyo-kanri': [{ path: 'kind', kind: 'choice', choices: ['employed', 'contract', 'shared'] }],
  'team-hoiku': [{ path: 'staff', kind: 'integer' }],
  'sansai-haichi': [],
  'kyujitsu-hoiku': [{ path: 'yearlyDays', kind: 'integer' }],
  shogu: [
    { path: 'kubun1Rate', kind: 'decimal' },
    { path: 'kubun2Rate', kind: 'decimal' },
    { path: 'kubun3.personsA', kind: 'integer' },
    { path: 'kubun3.personsB', kind: 'integer' },
  ],
  'genka-shokyaku': [],
  chinshaku: [],
  'shisetsucho-mihaichi': [],
  'anzen-keikaku-misakutei': [],
  'ken-shogu': [{ path: 'persons', kind: 'integer' }],
  'shi-shogaiji': [
    { path: 'children', kind: 'integer' },
    { path: 'extraStaff', kind: 'decimal' },
  ],
  'shi-encho': [
    { path: 'minutes', kind: 'number-choice', choices: ['30', '60', '120'] },
    { path: 'children', kind: 'integer' },
  ],
};

/**
 * The value of an item from a form's strings (`value.<path>` fields): numbers where they read as numbers,
 * anything else kept as typed so the schema refuses it with a message; an empty optional rate is left out.
 */
export function valueFromForm(code: ItemCode, raw: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ITEM_FIELDS[code]) {
    const text = (raw[`value.${f.path}`] ?? '').trim().normalize('NFKC');
    let v: unknown;
    if (text === '') v = undefined;
    else if (f.kind === 'choice') v = text;
    else v = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    if (v === undefined) continue;
    const keys = f.path.split('.');
    let target = out;
    for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
    target[keys.at(-1) as string] = v;
  }
  // a nested object the form left wholly empty is still an object, so its own fields are the ones refused
  if (code === 'shogu') out.kubun3 ??= {};
  return out;
}

/** One value of a stored item as a form string (the form shows what is in effect). */
export function formValueOf(value: Record<string, unknown>, path: string): string {
  let v: unknown = value;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** How many units an item is priced for: the table's amount × this (per extra staff, person or child). */
export function quantityOf(code: ItemCode, value: Record<string, unknown>): number {
  const n = (k: string) => (typeof value[k] === 'number' ? (value[k] as number) : 0);
  switch (code) {
    case 'team-hoiku':
      return n('staff');
    case 'ken-shogu':
      return n('persons');
    case 'shi-shogaiji':
    case 'shi-encho':
      return n('children');
    default:
      return 1;
  }
}

const RATIOS = { age0: 3, age12: 6, age3: 20, age3Improved: 15, age4plus: 30 } as const;

/**
 * 年齢別配置基準 (the sample's documented rule): 0歳 3:1, 1・2歳 6:1, 3歳 20:1 (15:1 with 3歳児配置改善),
 * 4歳以上 30:1. Each band's children ÷ ratio is rounded down to one decimal place, the sum is rounded half
 * up to a whole number. 1号 children count in the 3歳 (満3歳 included) and 4歳以上 bands.
 */
export function requiredCareFte(counts: readonly ChildCount[], opts: { sansaiHaichi: boolean }): number {
  const sum = (pred: (c: ChildCount) => boolean) => counts.filter(pred).reduce((s, c) => s + c.count, 0);
  const age0 = sum((c) => c.ageBand === 'age0');
  const age12 = sum((c) => c.ageBand === 'age1-2');
  const age3 = sum((c) => c.ageBand === 'age3' || c.ageBand === 'mansan');
  const age4 = sum((c) => c.ageBand === 'age4plus');
  // tenths as integers: floor(children × 10 / ratio) is "÷ ratio, rounded down to one decimal" without float residue
  const tenths = (children: number, ratio: number) => Math.floor((children * 10) / ratio);
  const total =
    tenths(age0, RATIOS.age0) +
    tenths(age12, RATIOS.age12) +
    tenths(age3, opts.sansaiHaichi ? RATIOS.age3Improved : RATIOS.age3) +
    tenths(age4, RATIOS.age4plus);
  return Math.floor((total + 5) / 10);
}

export type ConditionResult = { met: boolean; reason?: Text };

const num = (v: Record<string, unknown>, k: string): number => (typeof v[k] === 'number' ? (v[k] as number) : 0);

/**
 * Whether the roster and the counts meet an item's conditions. For additions an unmet condition means the
 * addition cannot be priced; for a deduction the "condition" is that it really applies (a facility with a
 * director declaring 施設長未配置 gets a warning). `opts.sansaiHaichi`: whether 3歳児配置改善 is claimed too
 * (then the extra staff of チーム保育 and 障害児保育 must come on top of the 15:1 requirement).
 */
export function itemConditionsMet(
  code: ItemCode,
  value: Record<string, unknown>,
  staffing: StaffingSummary,
  counts: readonly ChildCount[],
  opts: { sansaiHaichi?: boolean } = {},
): ConditionResult {
  const role = (r: keyof StaffingSummary['byRole']) => staffing.byRole[r] ?? 0;
  const required = () => requiredCareFte(counts, { sansaiHaichi: opts.sansaiHaichi ?? false });
  const fail = (reason: Text): ConditionResult => ({ met: false, reason });
  switch (code) {
    case 'shukan-senin':
      return role('chief') >= 1 ? { met: true } : fail(itemMessages.text('cond.shukan-senin'));
    case 'jimu-yatoiage':
      return role('clerk') >= 1 ? { met: true } : fail(itemMessages.text('cond.jimu-yatoiage'));
    case 'eiyo-kanri':
      return value.kind === 'contract' || role('nutritionist') >= 1 ? { met: true } : fail(itemMessages.text('cond.eiyo-kanri'));
    case 'team-hoiku': {
      const req = required();
      const staff = num(value, 'staff');
      return staffing.careFte >= req + staff
        ? { met: true }
        : fail(itemMessages.text('cond.team-hoiku', { care: staffing.careFte, required: req, staff }));
    }
    case 'sansai-haichi': {
      const req = requiredCareFte(counts, { sansaiHaichi: true });
      return staffing.careFte >= req
        ? { met: true }
        : fail(itemMessages.text('cond.sansai-haichi', { required: req, care: staffing.careFte }));
    }
    case 'kyujitsu-hoiku':
      return num(value, 'yearlyDays') > 0 ? { met: true } : fail(itemMessages.text('cond.kyujitsu-hoiku'));
    case 'ken-shogu': {
      const persons = num(value, 'persons');
      return persons <= staffing.headcount
        ? { met: true }
        : fail(itemMessages.text('cond.ken-shogu', { persons, headcount: staffing.headcount }));
    }
    case 'shi-shogaiji': {
      const req = required();
      const extra = num(value, 'extraStaff');
      return extra <= Math.max(0, staffing.careFte - req)
        ? { met: true }
        : fail(itemMessages.text('cond.shi-shogaiji', { extra, required: req, care: staffing.careFte }));
    }
    case 'shogu': {
      const k3 = (value.kubun3 ?? {}) as Record<string, unknown>;
      const a = num(k3, 'personsA');
      const b = num(k3, 'personsB');
      return a + b <= staffing.headcount ? { met: true } : fail(itemMessages.text('cond.shogu', { a, b, headcount: staffing.headcount }));
    }
    case 'shisetsucho-mihaichi':
      return role('director') === 0 ? { met: true } : fail(itemMessages.text('cond.shisetsucho-mihaichi'));
    default:
      return { met: true };
  }
}
