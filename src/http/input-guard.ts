/**
 * Refuses a NUL character (U+0000) anywhere in a request's path parameters, query or parsed body.
 * PostgreSQL cannot store it in text ("invalid byte sequence for encoding UTF8: 0x00"), no person
 * types it, and refusing it once here keeps every filter and free-text field from a 500.
 */
import { errors, type FieldError } from './errors.js';
import { errorMessages } from './errors.messages.js';

const NUL = '\u0000';

function findNul(value: unknown, path: string[], out: string[], depth = 0): void {
  if (out.length >= 10 || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, [...path, String(i)], out, depth + 1));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) out.push([...path, k.replaceAll(NUL, '\\0')].join('.'));
      else findNul(v, [...path, k], out, depth + 1);
    }
  }
}

/**
 * JSON and form bodies and query strings; never a Buffer or a stream. The query parser's objects have
 * a bare prototype whose own prototype is null (a fast dictionary), hence the second step.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** Throws a 422 with one field error per input that holds a NUL character. */
export function refuseNul(input: { params?: unknown; query?: unknown; body?: unknown }): void {
  const found: string[] = [];
  findNul(input.params, [], found);
  findNul(input.query, [], found);
  // Only parsed bodies (JSON, forms); streamed uploads (multipart, CSV) are checked by their readers.
  findNul(input.body, [], found);
  if (!found.length) return;
  const message = errorMessages.text('nulCharacter');
  throw errors.validation(found.map((field): FieldError => ({ field: field || '(body)', message })));
}
