/**
 * A fingerprint of what the register defines — every scope (id, label, department, zone, public) and
 * every item (key, label, category, subject, sensitivity, purpose, storage, readers, recipients,
 * retention, scopes) — and nothing it counts. It moves when a procedure or service definition changes
 * (a field added, a label or a class edited, a service created) and stays put as bookings come and go,
 * so the change job can compare it with the newest bundle's cheaply. Pure.
 */
import crypto from 'node:crypto';
import type { ModuleRegister } from '../read-register.js';

/** JSON with object keys sorted at every level: the same definitions give the same text, whatever order built them. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function definitionsFingerprint(registers: readonly ModuleRegister[]): string {
  // Scopes and defined items come from database queries without a promised order: sort them.
  const definitions = [...registers].sort(byKey((m) => m.module)).map((m) => ({
    module: m.module,
    scopes: [...m.scopes].sort(byKey((s) => s.id)),
    items: [...m.items].sort(byKey((i) => i.key)),
  }));
  return `sha256:${crypto.createHash('sha256').update(canonical(definitions)).digest('hex')}`;
}
