/**
 * Changes to a definition's steps and fields, as pure functions for editProcedureDraft: the builder
 * screens post one change at a time (no JavaScript), and the result is then checked as a whole
 * (schema and checkDefinition). A change that cannot apply throws a validation error naming why.
 */
import { errors } from '../../../http/errors.js';
import type { FieldDefinition, LocalisedText, ProcedureDefinition } from './definition.js';
import { procedureMessages as pm } from './procedures.messages.js';

type Def = ProcedureDefinition;

function refuse(field: string, key: 'noSuchStep' | 'noSuchField' | 'lastStep' | 'lastField'): never {
  throw errors.validation([{ field, message: pm.text(key) }]);
}

/** Where a field is: step index and index within the step. */
export function locateField(def: Def, key: string): { step: number; index: number } | undefined {
  for (let s = 0; s < def.steps.length; s++) {
    const index = (def.steps[s]?.fields ?? []).findIndex((f) => f.key === key);
    if (index >= 0) return { step: s, index };
  }
  return undefined;
}

/** Adds a field at the end of a step; `step === steps.length` starts a new step with this title. */
export function addField(def: Def, step: number, field: FieldDefinition, newStepTitle?: LocalisedText): Def {
  if (step === def.steps.length) {
    if (!newStepTitle) refuse('stepTitleJa', 'noSuchStep');
    return { ...def, steps: [...def.steps, { title: newStepTitle, fields: [field] }] };
  }
  const target = def.steps[step];
  if (!target) refuse('step', 'noSuchStep');
  return { ...def, steps: def.steps.map((s, i) => (i === step ? { ...s, fields: [...s.fields, field] } : s)) };
}

/** Every place a definition names a field by key (conditions, address, fee quantity, contact, applicant name). */
function renameReferences(def: Def, from: string, to: string): Def {
  const ren = (k: string | undefined) => (k === from ? to : k);
  return {
    ...def,
    contactEmailField: ren(def.contactEmailField) as string,
    applicantNameField: ren(def.applicantNameField),
    fee: def.fee?.kind === 'per_unit' ? { ...def.fee, quantityField: ren(def.fee.quantityField) as string } : def.fee,
    steps: def.steps.map((s) => ({
      ...s,
      fields: s.fields.map((f) => ({
        ...f,
        ...(f.addressField ? { addressField: ren(f.addressField) } : {}),
        ...(f.showIf ? { showIf: { ...f.showIf, field: ren(f.showIf.field) as string } } : {}),
      })),
    })),
  };
}

/** Replaces a field; a changed key is renamed wherever the definition refers to it. */
export function replaceField(def: Def, key: string, field: FieldDefinition): Def {
  const at = locateField(def, key);
  if (!at) refuse('key', 'noSuchField');
  const replaced: Def = {
    ...def,
    steps: def.steps.map((s, i) => (i === at.step ? { ...s, fields: s.fields.map((f, j) => (j === at.index ? field : f)) } : s)),
  };
  return field.key === key ? replaced : renameReferences(replaced, key, field.key);
}

/** Removes a field; a step left without fields goes too (the only step cannot). */
export function removeField(def: Def, key: string): Def {
  const at = locateField(def, key);
  if (!at) refuse('key', 'noSuchField');
  const step = def.steps[at.step] as Def['steps'][number];
  if (step.fields.length === 1) {
    if (def.steps.length === 1) refuse('key', 'lastField');
    return { ...def, steps: def.steps.filter((_, i) => i !== at.step) };
  }
  return { ...def, steps: def.steps.map((s, i) => (i === at.step ? { ...s, fields: s.fields.filter((_, j) => j !== at.index) } : s)) };
}

/**
 * Moves a field one place up or down; at the edge of its step it moves into the neighbouring step
 * (the step it leaves goes when it is left empty).
 */
export function moveField(def: Def, key: string, direction: 'up' | 'down'): Def {
  const at = locateField(def, key);
  if (!at) refuse('key', 'noSuchField');
  const steps = def.steps.map((s) => ({ ...s, fields: [...s.fields] }));
  const fields = (steps[at.step] as (typeof steps)[number]).fields;
  const to = direction === 'up' ? at.index - 1 : at.index + 1;
  if (to >= 0 && to < fields.length) {
    [fields[at.index], fields[to]] = [fields[to] as FieldDefinition, fields[at.index] as FieldDefinition];
    return { ...def, steps };
  }
  const neighbour = steps[direction === 'up' ? at.step - 1 : at.step + 1];
  if (!neighbour) return def; // already first (or last) of all
  const [field] = fields.splice(at.index, 1) as [FieldDefinition];
  if (direction === 'up') neighbour.fields.push(field);
  else neighbour.fields.unshift(field);
  return { ...def, steps: steps.filter((s) => s.fields.length > 0) };
}

export function moveStep(def: Def, step: number, direction: 'up' | 'down'): Def {
  if (!def.steps[step]) refuse('step', 'noSuchStep');
  const to = direction === 'up' ? step - 1 : step + 1;
  if (to < 0 || to >= def.steps.length) return def;
  const steps = [...def.steps];
  [steps[step], steps[to]] = [steps[to] as Def['steps'][number], steps[step] as Def['steps'][number]];
  return { ...def, steps };
}

/** Removes a step with its fields (not the only one). */
export function removeStep(def: Def, step: number): Def {
  if (!def.steps[step]) refuse('step', 'noSuchStep');
  if (def.steps.length === 1) refuse('step', 'lastStep');
  return { ...def, steps: def.steps.filter((_, i) => i !== step) };
}

export function renameStep(def: Def, step: number, title: LocalisedText): Def {
  if (!def.steps[step]) refuse('step', 'noSuchStep');
  return { ...def, steps: def.steps.map((s, i) => (i === step ? { ...s, title } : s)) };
}
