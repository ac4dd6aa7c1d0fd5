/**
 * Every audit action and security-event kind that the code can write has a readable label, so the
 * audit screen and the alerts never fall back to raw codes (issue 9, item 21). The codes are read
 * from the source itself: a new `action: '…'` or `recordSecurityEvent(… kind: '…')` without a label
 * fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ACTION_LABELS } from './audit-labels.js';
import { EVENT_KIND_LABELS } from '../security/event-labels.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('testing') && !e.name.includes('test-support'))
      out.push(p);
  }
  return out;
}

const CODE = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

function codesIn(files: string[], anchor: RegExp, window: number, key: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(anchor)) {
      const after = text.slice(m.index!, m.index! + window);
      const k = key.exec(after);
      if (!k) continue;
      const expr = after.slice(k.index, after.indexOf('\n', k.index) === -1 ? undefined : after.indexOf('\n', k.index));
      for (const c of expr.matchAll(CODE)) found.set(c[1]!, path.relative(srcDir, f));
    }
  }
  return found;
}

describe('readable labels for every audit action and security event', () => {
  const files = sourceFiles(srcDir);

  it('finds the codes it checks (the scan itself works)', () => {
    const actions = codesIn(files, /action:\s*/g, 200, /action:/);
    assert.ok(actions.has('reservation.create') && actions.has('staff.login'), [...actions.keys()].join(', '));
    const kinds = codesIn(files, /recordSecurityEvent\(/g, 400, /kind:/);
    assert.ok(kinds.has('staff.locked'), [...kinds.keys()].join(', '));
  });

  it('labels every audit action written by the code', () => {
    const actions = codesIn(files, /action:\s*/g, 200, /action:/);
    const missing = [...actions].filter(([code]) => !ACTION_LABELS[code]).map(([code, file]) => `${code} (${file})`);
    assert.deepEqual(missing, [], 'add these to src/modules/audit/audit-labels.messages.ts');
  });

  it('labels every security-event kind raised by the code', () => {
    const kinds = codesIn(files, /recordSecurityEvent\(/g, 400, /kind:/);
    const missing = [...kinds].filter(([code]) => !EVENT_KIND_LABELS[code]).map(([code, file]) => `${code} (${file})`);
    assert.deepEqual(missing, [], 'add these to src/modules/security/event-labels.messages.ts');
  });
});
