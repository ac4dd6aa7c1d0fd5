/**
 * Reading one field of parsed request input (query, form body, params) where no schema applies yet —
 * the language switch, the CSRF token, an upload form's fields — without trusting its shape: only own
 * properties, only strings.
 */

/** The string value of `name`, or undefined (absent, repeated, or not a string). */
export function stringField(input: unknown, name: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const v: unknown = Object.getOwnPropertyDescriptor(input, name)?.value;
  return typeof v === 'string' ? v : undefined;
}

/** Every string-valued own field (others left out). */
export function stringFields(input: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof input !== 'object' || input === null) return out;
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string') out[k] = v;
  return out;
}
