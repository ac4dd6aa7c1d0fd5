/** The demo's procedures are valid definitions, as a shared JSON file of them would have to be. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { procedureDefinitionSchema } from '../procedures/definition.js';
import { parseDefinition } from '../procedures/parse-definition.js';
import { DEMO_PROCEDURES } from './procedures.js';

describe('demo procedures', () => {
  for (const p of DEMO_PROCEDURES)
    it(`${p.key} parses as a procedure definition`, () => {
      const r = procedureDefinitionSchema.safeParse(JSON.parse(JSON.stringify(p.definition)));
      assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
    });

  for (const p of DEMO_PROCEDURES)
    it(`${p.key} passes the cross-field rules a procedure must satisfy to be imported and published`, () => {
      assert.doesNotThrow(() => parseDefinition(JSON.parse(JSON.stringify(p.definition))));
    });

  it('covers two departments, a fee paid at submission, a fee after acceptance, a free course with seats', () => {
    assert.ok(new Set(DEMO_PROCEDURES.map((p) => p.department)).size >= 2);
    assert.ok(DEMO_PROCEDURES.some((p) => p.definition.fee?.timing === 'on_submission' && p.definition.identityDocuments.required));
    assert.ok(DEMO_PROCEDURES.some((p) => p.definition.fee?.timing === 'after_acceptance'));
    assert.ok(DEMO_PROCEDURES.some((p) => p.definition.fee === null && p.definition.capacity));
  });
});
