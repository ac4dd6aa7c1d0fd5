/**
 * The audit module's personal data (privacy register, src/platform/personal-data.ts): the audit log says
 * who did what from where. recordAudit never writes a name, phone or e-mail into it, but the actor's
 * log-in ID, the client address and the ids in `detail` (which records a person viewed or exported, an
 * alert's client address, the reason typed for reading sensitive data) describe people. System
 * administrators read every entry, department administrators their departments' (audit.policy.ts). The
 * verification runs, checkpoints and the chain head hold hashes, counts and times only.
 */
import type { PersonalDataRegister, PersonalItem } from '../../platform/personal-data.js';
import { auditPersonalDataMessages as m } from './personal-data.messages.js';

const SCOPE = 'module:audit';

const entry = (key: string, text: 'actor' | 'clientIp' | 'detail', p: Pick<PersonalItem, 'category' | 'storedAt'>): PersonalItem => ({
  key: `audit.${key}`,
  label: m.text(`${text}.label`),
  purpose: m.text(`${text}.purpose`),
  category: p.category,
  subject: 'staff',
  isSensitive: false,
  storedAt: p.storedAt,
  readers: { roles: ['sys-admin', 'dept-admin'], departments: 'all' },
  recipients: [],
  retention: m.text('retention'),
});

export const auditPersonalData: PersonalDataRegister = {
  module: 'audit',
  tables: [
    {
      table: 'audit_log',
      scope: `'${SCOPE}'`,
      // the acting person; system jobs act for nobody
      person:
        "CASE WHEN t.actor_type = 'system' THEN NULL ELSE t.actor_type || ':' || coalesce(t.actor_id, t.actor_label, t.client_ip) END",
      subject: 'staff',
      createdAt: 't.occurred_at',
      auditRecordType: 'audit_log',
      auditRecordKey: 'seq',
      nonPersonal: [
        'seq',
        'occurred_at',
        'actor_type',
        'department_id',
        'action',
        'outcome',
        'record_type',
        'record_id',
        'request_id',
        'prev_hash',
        'hash',
      ],
    },
  ],
  nonPersonalTables: [
    {
      table: 'audit_verifications',
      why: 'Runs of the chain verification: times, counts, sequence numbers, the requesting staff id and the problem found.',
    },
    { table: 'audit_checkpoints', why: 'Signed chain checkpoints: sequence number, hash, key id and signature.' },
    { table: 'audit_chain_head', why: "The chain's newest sequence number and hash." },
    { table: 'audit_chain_identity', why: "The database's random identity and creation time." },
  ],
  items: [
    entry('actor', 'actor', {
      category: 'activity_record',
      storedAt: [
        { table: 'audit_log', column: 'actor_label', protection: 'plain' },
        { table: 'audit_log', column: 'actor_id', protection: 'plain' },
      ],
    }),
    entry('client_ip', 'clientIp', {
      category: 'online_identifier',
      storedAt: [{ table: 'audit_log', column: 'client_ip', protection: 'plain' }],
    }),
    entry('detail', 'detail', {
      category: 'activity_record',
      storedAt: [{ table: 'audit_log', column: 'detail', protection: 'plain' }],
    }),
  ],
  async scopes() {
    return [{ id: SCOPE, label: m.text('scope'), departmentId: null, zone: 'internet', isPublic: false }];
  },
};
