/**
 * Stripe's request encoding, read back: `application/x-www-form-urlencoded` bodies and query strings
 * whose keys nest with brackets (`line_items[0][price_data][unit_amount]=300`, `expand[0]=…`,
 * `expand[]=…`, `created[gte]=…`), as the official SDK writes them (its utils.stringifyRequestData,
 * qs's indexed-array format). Numeric segments build arrays, others objects; values stay strings, as
 * Stripe receives them.
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** A malformed key (`a]b`, a key used both as a value and as an object): Stripe answers 400. */
export class FormParamsError extends Error {}

export function parseFormParams(body: string): FormParams {
  const root: FormParams = {};
  if (!body) return root;
  for (const [key, value] of new URLSearchParams(body)) set(root, segments(key), value);
  return compact(root) as FormParams;
}

function segments(key: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) throw new FormParamsError(`Invalid parameter name: ${key}`);
  const rest = [...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? '');
  return [m[1] as string, ...rest];
}

function set(target: FormParams | FormValue[], path: string[], value: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  const isArray = Array.isArray(target);
  if (isArray && head !== '' && !/^\d{1,4}$/.test(head)) throw new FormParamsError(`Invalid array index: ${head}`);
  const index = isArray ? (head === '' ? target.length : Number(head)) : head;
  const container = target as Record<string | number, FormValue | undefined>;
  if (rest.length === 0) {
    if (container[index] !== undefined && typeof container[index] !== 'string')
      throw new FormParamsError(`Invalid parameter: ${path.join('.')} is both a value and an object`);
    container[index] = value;
    return;
  }
  const next = rest[0] as string;
  let child = container[index];
  if (child === undefined) {
    child = next === '' || /^\d+$/.test(next) ? [] : {};
    container[index] = child;
  }
  if (typeof child === 'string') throw new FormParamsError(`Invalid parameter: ${path.join('.')} is both a value and an object`);
  set(child, rest, value);
}

// Sparse arrays (`a[1]` without `a[0]`) come out dense, as Stripe reads them.
function compact(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact); // holes dropped
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
}
