/**
 * docs/openapi.json is what the code declares: this fails when a route, schema or description
 * changed without regenerating it (`npm run openapi`), and when the document is not valid OpenAPI 3.1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { describe, it } from 'node:test';
import { generateOpenApi, openApiFile } from '../scripts/openapi.js';

type Validity = { valid: boolean; errors?: { message: string }[] };
type Validator = { validate(api: unknown): Promise<Validity> };

/** @readme/openapi-parser (a devDependency) validates against the OpenAPI 3.1 schema and resolves every $ref. */
async function loadValidator(): Promise<Validator> {
  const mod = (await import('@readme/openapi-parser')) as { validate?: Validator['validate']; default?: Validator };
  const v = mod.validate ? { validate: mod.validate } : mod.default;
  if (!v) throw new Error('@readme/openapi-parser has no validate()');
  return v;
}

describe('the committed OpenAPI document', () => {
  let generated: string;

  it('matches what the code generates (run `npm run openapi` and commit docs/openapi.json)', async () => {
    generated = await generateOpenApi();
    const committed = await fs.readFile(openApiFile, 'utf8').catch(() => '');
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.fail(
        `docs/openapi.json is out of date: run \`npm run openapi\` and commit it.\n` +
          `first difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`,
      );
    }
  });

  it('describes every operation and names its response schemas', () => {
    const doc = JSON.parse(generated) as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) assert.ok(op.description?.trim(), `${method.toUpperCase()} ${p} has no description`);
    for (const id of ['Problem', 'Service', 'Reservation', 'StaffSession', 'AuditEntry'])
      assert.ok(doc.components.schemas[id], `component ${id}`);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = await loadValidator();
    const r = await validator.validate(JSON.parse(generated));
    assert.ok(r.valid, (r.errors ?? []).map((e) => e.message).join('\n\n'));
  });
});
