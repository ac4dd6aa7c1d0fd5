/**
 * Validates and normalises what a person enters for a booking against the service's fields.
 * Pure. Field keys in errors: name, phone, email, fields.<key>.
 */
import type { FieldError } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import type { Service } from './services.repository.js';

export type ContactInput = { name?: unknown; phone?: unknown; email?: unknown; fields?: unknown };
export type CleanInput = { name: string; phone: string; email: string | null; fields: Record<string, string> };

const CORE = new Set(['name', 'phone', 'email']);

/** "090-1234-5678", "０９０（１２３４）５６７８", "+81 90 1234 5678" → "09012345678"; null when not a phone number. */
export function normalisePhone(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/[\s\-‐−ー()（）.]/g, '');
  if (s.startsWith('+81')) s = `0${s.slice(3)}`;
  return /^0\d{9,10}$/.test(s) ? s : null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v === undefined || v === null ? '' : null);

export function validateBookingInput(service: Service, input: ContactInput): { errors: FieldError[]; value: CleanInput } {
  const errors: FieldError[] = [];
  const m = reservationMessages;
  const def = (key: string) => service.fields.find((f) => f.key === key);

  const name = str(input.name);
  if (!name) errors.push({ field: 'name', message: m.text(name === null ? 'notValid' : 'enterName') });
  else if (name.length > (def('name')?.maxLength ?? 100))
    errors.push({ field: 'name', message: m.text('tooLong', { max: def('name')?.maxLength ?? 100 }) });

  const phoneRaw = str(input.phone);
  const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (!phoneRaw) errors.push({ field: 'phone', message: m.text('enterPhone') });
  else if (!phone) errors.push({ field: 'phone', message: m.text('phoneFormat') });

  const emailRaw = str(input.email);
  const emailDef = def('email');
  let email: string | null = null;
  if (emailRaw) {
    const e = emailRaw.normalize('NFKC');
    if (!EMAIL.test(e) || e.length > 254) errors.push({ field: 'email', message: m.text('emailFormatExample') });
    else email = e;
  } else if (emailRaw === null) errors.push({ field: 'email', message: m.text('notValid') });
  else if (emailDef?.required) errors.push({ field: 'email', message: m.text('enterEmail') });

  const fields: Record<string, string> = {};
  const given = input.fields ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    errors.push({ field: 'fields', message: m.text('notValid') });
  } else {
    const g = given as Record<string, unknown>;
    for (const key of Object.keys(g))
      if (CORE.has(key) || !def(key)) errors.push({ field: `fields.${key}`, message: m.text('fieldNotAccepted') });
    for (const f of service.fields) {
      if (CORE.has(f.key)) continue;
      const v = str(g[f.key]);
      const field = `fields.${f.key}`;
      if (v === null) {
        errors.push({ field, message: m.text('notValid') });
        continue;
      }
      if (!v) {
        if (f.required) errors.push({ field, message: m.text(f.type === 'choice' ? 'chooseOne' : 'required') });
        continue;
      }
      if (v.length > f.maxLength) {
        errors.push({ field, message: m.text('tooLong', { max: f.maxLength }) });
        continue;
      }
      if (f.type === 'choice' && !(f.options ?? []).some((o) => o.value === v)) {
        errors.push({ field, message: m.text('chooseOption') });
        continue;
      }
      if (f.type === 'email' && !EMAIL.test(v.normalize('NFKC'))) {
        errors.push({ field, message: m.text('emailFormat') });
        continue;
      }
      if (f.type === 'tel' && !normalisePhone(v)) {
        errors.push({ field, message: m.text('phoneFormatShort') });
        continue;
      }
      fields[f.key] = v;
    }
  }
  return { errors, value: { name: name ?? '', phone: phone ?? '', email, fields } };
}
