/**
 * The security module's personal data (privacy register, src/platform/personal-data.ts): security events
 * (client addresses and the ids of whom they concern) and the counters behind throttling and intrusion
 * detection, whose keys embed client addresses or one-way hashes of log-in ids and e-mail addresses.
 * System administrators read every event (/staff/security-events); a department administrator only the
 * alerts about their own departments' staff (security.policy.ts).
 */
import type { PersonalDataRegister } from '../../platform/personal-data.js';
import { securityPersonalDataMessages as m } from './personal-data.messages.js';

const SCOPE = 'module:security';

const eventReaders = { roles: ['sys-admin', 'dept-admin'], departments: 'all' } as const;
// the counters are read by the throttles and the detectors, never shown (alerts show their own keys)
const nobody = { roles: [], departments: 'none' } as const;

/** Events about the system itself (backups, the audit chain) concern nobody. */
const EVENT_PERSON = `CASE WHEN t.kind LIKE 'backup.%' OR t.kind LIKE 'audit.%' THEN NULL ELSE coalesce(t.subject, t.client_ip) END`;

export const securityPersonalData: PersonalDataRegister = {
  module: 'security',
  tables: [
    {
      table: 'security_events',
      scope: `'${SCOPE}'`,
      person: EVENT_PERSON,
      subject: 'staff',
      createdAt: 't.occurred_at',
      auditRecordType: 'security_event',
      nonPersonal: ['id', 'occurred_at', 'kind', 'severity', 'acknowledged_at', 'acknowledged_by'],
    },
    {
      table: 'throttle_counters',
      scope: `'${SCOPE}'`,
      person: 't.key',
      subject: 'citizen',
      createdAt: 't.window_start',
      nonPersonal: ['window_start', 'count'],
    },
    {
      table: 'security_counts',
      scope: `'${SCOPE}'`,
      person: "NULLIF(t.key, 'global')",
      subject: 'citizen',
      createdAt: 't.window_start',
      holdsData: "t.key <> 'global'",
      nonPersonal: ['source', 'window_start', 'count'],
    },
  ],
  nonPersonalTables: [],
  items: [
    {
      key: 'security.event_address',
      label: m.text('eventAddress.label'),
      category: 'online_identifier',
      subject: 'staff',
      isSensitive: false,
      purpose: m.text('eventAddress.purpose'),
      storedAt: [{ table: 'security_events', column: 'client_ip', protection: 'plain' }],
      readers: eventReaders,
      recipients: [],
      retention: m.text('retention.events'),
    },
    {
      key: 'security.event_subject',
      label: m.text('eventSubject.label'),
      category: 'activity_record',
      subject: 'staff',
      isSensitive: false,
      purpose: m.text('eventSubject.purpose'),
      storedAt: [
        { table: 'security_events', column: 'subject', protection: 'plain' },
        { table: 'security_events', column: 'detail', protection: 'plain' },
      ],
      readers: eventReaders,
      recipients: [],
      retention: m.text('retention.events'),
    },
    {
      key: 'security.counter_key',
      label: m.text('counterKey.label'),
      category: 'online_identifier',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('counterKey.purpose'),
      storedAt: [
        { table: 'throttle_counters', column: 'key', protection: 'plain' },
        { table: 'security_counts', column: 'key', protection: 'plain' },
      ],
      readers: nobody,
      recipients: [],
      retention: m.text('retention.counters'),
    },
  ],
  async scopes() {
    return [{ id: SCOPE, label: m.text('scope'), departmentId: null, zone: 'internet', isPublic: false }];
  },
};
