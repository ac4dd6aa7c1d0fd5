/**
 * Validates and normalises what a person enters for a booking against the service's fields.
 * Pure. Field keys in errors: name, phone, email, fields.<key>.
 */
import type { FieldError } from '../../http/errors.js';
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
  const required = { ja: '入力してください。', en: 'This is required.' };
  const def = (key: string) => service.fields.find((f) => f.key === key);

  const name = str(input.name);
  if (!name) errors.push({ field: 'name', message: name === null ? { ja: '形式が正しくありません。', en: 'Not valid.' } : { ja: 'お名前を入力してください。', en: 'Enter your name.' } });
  else if (name.length > (def('name')?.maxLength ?? 100))
    errors.push({ field: 'name', message: { ja: `${def('name')?.maxLength ?? 100}文字以内で入力してください。`, en: 'Too long.' } });

  const phoneRaw = str(input.phone);
  const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (!phoneRaw) errors.push({ field: 'phone', message: { ja: '電話番号を入力してください。', en: 'Enter your phone number.' } });
  else if (!phone)
    errors.push({
      field: 'phone',
      message: { ja: '電話番号は「090-1234-5678」のように入力してください。', en: 'Enter a Japanese phone number such as 090-1234-5678.' },
    });

  const emailRaw = str(input.email);
  const emailDef = def('email');
  let email: string | null = null;
  if (emailRaw) {
    const e = emailRaw.normalize('NFKC');
    if (!EMAIL.test(e) || e.length > 254)
      errors.push({ field: 'email', message: { ja: 'メールアドレスの形式で入力してください（例: taro@example.jp）。', en: 'Enter an e-mail address, e.g. taro@example.jp.' } });
    else email = e;
  } else if (emailRaw === null) errors.push({ field: 'email', message: { ja: '形式が正しくありません。', en: 'Not valid.' } });
  else if (emailDef?.required) errors.push({ field: 'email', message: { ja: 'メールアドレスを入力してください。', en: 'Enter your e-mail address.' } });

  const fields: Record<string, string> = {};
  const given = input.fields ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    errors.push({ field: 'fields', message: { ja: '形式が正しくありません。', en: 'Not valid.' } });
  } else {
    const g = given as Record<string, unknown>;
    for (const key of Object.keys(g))
      if (CORE.has(key) || !def(key))
        errors.push({ field: `fields.${key}`, message: { ja: 'この項目は受け付けていません。', en: 'This field is not accepted.' } });
    for (const f of service.fields) {
      if (CORE.has(f.key)) continue;
      const v = str(g[f.key]);
      const field = `fields.${f.key}`;
      if (v === null) {
        errors.push({ field, message: { ja: '形式が正しくありません。', en: 'Not valid.' } });
        continue;
      }
      if (!v) {
        if (f.required) errors.push({ field, message: f.type === 'choice' ? { ja: '選んでください。', en: 'Choose one.' } : required });
        continue;
      }
      if (v.length > f.maxLength) {
        errors.push({ field, message: { ja: `${f.maxLength}文字以内で入力してください。`, en: `Enter at most ${f.maxLength} characters.` } });
        continue;
      }
      if (f.type === 'choice' && !(f.options ?? []).some((o) => o.value === v)) {
        errors.push({ field, message: { ja: '選択肢から選んでください。', en: 'Choose one of the options.' } });
        continue;
      }
      if (f.type === 'email' && !EMAIL.test(v.normalize('NFKC'))) {
        errors.push({ field, message: { ja: 'メールアドレスの形式で入力してください。', en: 'Enter an e-mail address.' } });
        continue;
      }
      if (f.type === 'tel' && !normalisePhone(v)) {
        errors.push({ field, message: { ja: '電話番号の形式で入力してください。', en: 'Enter a phone number.' } });
        continue;
      }
      fields[f.key] = v;
    }
  }
  return { errors, value: { name: name ?? '', phone: phone ?? '', email, fields } };
}
