/**
 * What the citizens' pages show, read from the register as it stands now (readRegister: the declared
 * items plus the fields staff defined on screens). Only scopes citizens can use are shown: a scope the
 * declaring module marks public (an active service, a published procedure, the card booking site) and
 * that lives in the internet zone. Items about the city's own staff are left out: the page is about
 * what the city collects from the person reading it. No counts: how many people a procedure holds is
 * internal (the inventory).
 */
import type { Queryable } from '../../../platform/db.js';
import type { Bilingual, PersonalDataRegister, PersonalItem, Scope } from '../../../platform/personal-data.js';
import { itemsOfScope, readRegister } from '../read-register.js';

export type PublicScope = {
  scope: Scope;
  module: string;
  /** The department in charge (the contact point), or null when the scope names none. */
  department: Bilingual | null;
};

export type TransparencyPage = PublicScope & { items: PersonalItem[] };

const isPublic = (s: Scope) => s.isPublic && s.zone === 'internet';

async function departmentNames(db: Queryable, ids: readonly string[]): Promise<Map<string, Bilingual>> {
  if (!ids.length) return new Map();
  const r = await db.query<{ id: string; name: string; name_en: string | null }>(
    'SELECT id::text AS id, name, name_en FROM departments WHERE id::text = ANY($1::text[])',
    [[...new Set(ids)]],
  );
  return new Map(r.rows.map((d) => [d.id, { ja: d.name, en: d.name_en || d.name }]));
}

/** Every scope with a public page, in the modules' order and each module's own order. */
export async function listPublicScopes(db: Queryable, registers: readonly PersonalDataRegister[]): Promise<PublicScope[]> {
  const found = (await readRegister(db, registers)).flatMap((m) => m.scopes.filter(isPublic).map((scope) => ({ scope, module: m.module })));
  const names = await departmentNames(
    db,
    found.flatMap((f) => (f.scope.departmentId ? [f.scope.departmentId] : [])),
  );
  return found.map((f) => ({ ...f, department: (f.scope.departmentId && names.get(f.scope.departmentId)) || null }));
}

/** One public scope with the items it holds about citizens, or undefined when citizens cannot use it. */
export async function readPublicScope(
  db: Queryable,
  registers: readonly PersonalDataRegister[],
  scopeId: string,
): Promise<TransparencyPage | undefined> {
  for (const m of await readRegister(db, registers)) {
    const scope = m.scopes.find((s) => s.id === scopeId);
    if (!scope) continue;
    if (!isPublic(scope)) return undefined;
    const names = await departmentNames(db, scope.departmentId ? [scope.departmentId] : []);
    return {
      scope,
      module: m.module,
      department: (scope.departmentId && names.get(scope.departmentId)) || null,
      items: itemsOfScope(m, scopeId).filter((i) => i.subject !== 'staff'),
    };
  }
  return undefined;
}
