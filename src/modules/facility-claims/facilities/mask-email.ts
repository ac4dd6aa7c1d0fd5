/** How staff screens show a facility user's address: enough to recognise it, never the whole of it. */

/** `hoikuen.taro@example.jp` → `ho***@example.jp`; a one- or two-letter local part keeps only its first letter. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const shown = [...local].slice(0, local.length > 2 ? 2 : 1).join('');
  return `${shown}***${email.slice(at)}`;
}
