/**
 * A new procedure in one of the person's departments (dept-admin), as a draft version 1 that already
 * satisfies every rule: one step asking the applicant's name and e-mail (the contact address every
 * procedure needs). Audited in the same transaction.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../applications.policy.js';
import type { LocalisedText, ProcedureDefinition } from './definition.js';
import { parseDefinition } from './parse-definition.js';
import { procedureMessages as pm } from './procedures.messages.js';
import { insertProcedure, insertVersion } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

/** Five years, the usual keeping period of application forms; staff change it per procedure. */
const DEFAULT_RETENTION_DAYS = 5 * 365;

export type NewProcedure = { title: LocalisedText; description: LocalisedText; eligibility: LocalisedText };

export function starterDefinition(o: NewProcedure): ProcedureDefinition {
  return {
    format: 'madoguchi.procedure/1',
    title: o.title,
    description: o.description,
    eligibility: o.eligibility,
    steps: [
      {
        title: pm.text('defaultStepTitle'),
        fields: [
          {
            key: 'name',
            label: pm.text('defaultNameLabel'),
            type: 'text',
            required: true,
            privacy: 'personal',
            validation: { maxLength: 100 },
          },
          {
            key: 'email',
            label: pm.text('defaultEmailLabel'),
            help: pm.text('defaultEmailHelp'),
            type: 'email',
            required: true,
            privacy: 'personal',
            validation: {},
          },
        ],
      },
    ],
    contactEmailField: 'email',
    applicantNameField: 'name',
    retentionDays: DEFAULT_RETENTION_DAYS,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: null,
  };
}

export async function createProcedure(
  ctx: AppContext,
  actor: StaffActor,
  departmentId: string,
  input: NewProcedure,
  audit: Audit,
): Promise<string> {
  assertCan(actor, 'manage-procedures', departmentId);
  const definition = parseDefinition(starterDefinition(input));
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = await insertProcedure(tx, { departmentId, createdBy: actor.id, now });
    await insertVersion(tx, { procedureId: id, version: 1, definition, createdBy: actor.id, now });
    await recordAudit(tx, { ...audit, action: 'procedure.create', departmentId, recordType: 'procedure', recordId: id }, now);
    return id;
  });
}
