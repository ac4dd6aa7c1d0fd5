/**
 * The one gate every stored definition passes: procedureDefinitionSchema, then checkDefinition. A
 * refusal is a 422 with field-level messages whose paths are the definition's (`steps.0.fields.1.key`).
 */
import { errors } from '../../../http/errors.js';
import { fieldErrorsOf } from '../../../http/validation.js';
import { checkDefinition } from './check-definition.js';
import { definitionMessages as m } from './definition.messages.js';
import { type ProcedureDefinition, procedureDefinitionSchema } from './definition.js';

/** The largest procedure file accepted for import (a definition is a few kilobytes). */
export const MAX_DEFINITION_BYTES = 512 * 1024;

export function parseDefinition(input: unknown): ProcedureDefinition {
  const r = procedureDefinitionSchema.safeParse(input);
  if (!r.success) throw errors.validation(fieldErrorsOf(r.error));
  const problems = checkDefinition(r.data);
  if (problems.length) throw errors.validation(problems);
  return r.data;
}

/** A shared procedure file (JSON, UTF-8 with or without BOM) as a definition, or a 422 saying why not. */
export function parseDefinitionFile(bytes: Buffer, field = 'file'): ProcedureDefinition {
  if (bytes.length > MAX_DEFINITION_BYTES)
    throw errors.validation([{ field, message: m.text('fileTooLarge', { kilobytes: MAX_DEFINITION_BYTES / 1024 }) }]);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw errors.validation([{ field, message: m.text('notJson') }]);
  }
  if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== 'madoguchi.procedure/1')
    throw errors.validation([{ field, message: m.text('wrongFormat') }]);
  return parseDefinition(json);
}
