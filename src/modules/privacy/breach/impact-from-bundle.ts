/**
 * A breach-impact report from an offline bundle's inventory.json (the InventoryReport the bundle part
 * writes) with no database at all, for when the system is down: the items, records and people the bundle
 * counted per scope when it was written, whatever the window. Staff and table scopes need the audit log or
 * the rows themselves: refused, saying so. Reachable people per channel are not in a bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InventoryReport, InventoryScope } from '../inventory/inventory-report.js';
import type { BreachImpact, BreachItem, BreachNote } from './breach-impact.js';
import { parseScope, UnknownScopeError } from './breach-scope.js';
import { type BreachQuery, windowOf } from './compute-breach-impact.js';

/** Reads DIR/inventory.json; a missing or unreadable file is refused naming the path. */
export function readBundleInventory(dir: string): InventoryReport {
  const file = path.join(dir, 'inventory.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UnknownScopeError(`No offline bundle here: ${file} cannot be read.`);
  }
  const report = JSON.parse(text) as InventoryReport;
  if (!Array.isArray(report?.scopes) || typeof report.generatedAt !== 'string')
    throw new UnknownScopeError(`${file} is not an inventory (no scopes or generatedAt).`);
  return report;
}

function matching(report: InventoryReport, kind: string, values: string[]): InventoryScope[] {
  if (kind === 'staff' || kind === 'table')
    throw new UnknownScopeError(
      `A ${kind}: scope needs the database (the ${kind === 'staff' ? 'audit log' : 'rows themselves'}): an offline bundle holds counts per procedure, service, facility, module and zone only. Run it against a restored backup instead.`,
    );
  if (kind === 'module') {
    const unknown = values.filter((v) => !report.scopes.some((s) => s.module === v));
    if (unknown.length)
      throw new UnknownScopeError(
        `No module "${unknown.join(', ')}" in the bundle; modules: ${[...new Set(report.scopes.map((s) => s.module))].join(', ')}.`,
      );
    return report.scopes.filter((s) => values.includes(s.module));
  }
  if (kind === 'zone') return report.scopes.filter((s) => values.includes(s.scope.zone));
  const ids = values.map((v) => `${kind}:${v}`);
  const missing = ids.filter((id) => !report.scopes.some((s) => s.scope.id === id));
  if (missing.length) {
    const same = report.scopes.filter((s) => s.scope.id.startsWith(`${kind}:`)).map((s) => `${s.scope.id} (${s.scope.label.ja})`);
    throw new UnknownScopeError(
      `Unknown scope ${missing.join(', ')} in the bundle; ${same.length ? `its ${kind} scopes: ${same.join(', ')}` : `it has no ${kind} scope`}.`,
    );
  }
  return report.scopes.filter((s) => ids.includes(s.scope.id));
}

export function impactFromBundle(report: InventoryReport, q: BreachQuery, now: Date): BreachImpact {
  windowOf(q);
  const parsed = parseScope(q.scope);
  const scopes = matching(report, parsed.kind, parsed.values);
  const items = new Map<string, BreachItem>();
  for (const s of scopes)
    for (const i of s.items) {
      if (!i.records) continue;
      const protection = i.storedAt[0]?.protection ?? (i.isEncrypted ? 'encrypted' : 'plain');
      const e = items.get(i.key) ?? {
        key: i.key,
        module: s.module,
        label: i.label,
        category: i.category,
        subject: i.subject,
        sensitive: i.isSensitive,
        encrypted: i.isEncrypted,
        protection,
        records: 0,
      };
      e.records += i.records;
      items.set(i.key, e);
    }
  const encryption = { encrypted: 0, hashed: 0, plain: 0 };
  for (const i of items.values()) encryption[i.protection] += i.records;
  const departments = new Map(scopes.flatMap((s) => (s.department ? [[s.department.id, s.department] as const] : [])));
  const notes: BreachNote[] = [{ kind: 'bundle', generatedAt: report.generatedAt }];
  if (scopes.length > 1) notes.push({ kind: 'bundlePeopleSummed' });
  return {
    scope: `${parsed.kind}:${parsed.values.join(',')}`,
    scopeKind: parsed.kind,
    window: { from: q.from, to: q.to },
    generatedAt: now.toISOString(),
    source: 'bundle',
    scopes: scopes.map((s) => ({ id: s.scope.id, module: s.module, label: s.scope.label })),
    items: [...items.values()],
    people: scopes.reduce((a, s) => a + s.people, 0),
    records: scopes.reduce((a, s) => a + s.records, 0),
    departments: [...departments.values()].sort((a, b) => a.code.localeCompare(b.code)),
    encryption,
    notifiable: null,
    notes,
  };
}
