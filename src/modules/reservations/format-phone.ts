/**
 * Writes a stored phone number (digits only, e.g. "09012345678") the way people in Japan write it:
 * 090-1234-5678, 03-1234-5678, 0166-12-3456, 0120-123-456, 050-1234-5678. Pure.
 * Where the area code ends depends on the Ministry's numbering plan (2 to 5 digits), so the grouping
 * comes from libphonenumber's Japanese metadata rather than a hand-kept table. Anything it cannot
 * group (or would group without its leading 0) is returned unchanged: the digits are never altered.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export function formatPhoneJp(stored: string): string {
  const digits = stored.replace(/\D/g, '');
  if (!/^0\d{9,10}$/.test(digits)) return stored;
  const parsed = parsePhoneNumberFromString(digits, 'JP');
  const national = parsed?.isValid() ? parsed.formatNational() : null;
  return national && national.replace(/\D/g, '') === digits ? national : stored;
}
