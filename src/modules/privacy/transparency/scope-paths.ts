/**
 * Where a scope's public page lives. `service:<id>` → /privacy/services/<id>, `procedure:<id>` →
 * /privacy/procedures/<id>, `facility:<id>` → /privacy/facilities/<id>, `module:<name>` →
 * /privacy/modules/<name>; a few whole-module scopes that forms link to have a plainer address
 * (the card booking site's form links to /privacy/card-booking).
 */

export const PATH_KINDS = { services: 'service', procedures: 'procedure', facilities: 'facility', modules: 'module' } as const;
export type PathKind = keyof typeof PATH_KINDS;

/** Plain addresses of whole-module scopes: /privacy/<name>. */
export const NAMED_SCOPES = { 'card-booking': 'module:card-issuance-internet' } as const;
export type NamedScope = keyof typeof NAMED_SCOPES;

export function scopeIdOf(kind: PathKind, id: string): string {
  return `${PATH_KINDS[kind]}:${id}`;
}

/** The public page of a scope id, or undefined for a kind of scope that has none. */
export function pathOfScope(scopeId: string): string | undefined {
  const named = Object.entries(NAMED_SCOPES).find(([, id]) => id === scopeId);
  if (named) return `/privacy/${named[0]}`;
  const colon = scopeId.indexOf(':');
  const prefix = scopeId.slice(0, colon);
  const kind = Object.entries(PATH_KINDS).find(([, p]) => p === prefix)?.[0];
  return kind && colon > 0 ? `/privacy/${kind}/${encodeURIComponent(scopeId.slice(colon + 1))}` : undefined;
}
