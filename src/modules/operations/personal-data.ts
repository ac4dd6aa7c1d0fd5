/**
 * The operations module's personal data (privacy register, src/platform/personal-data.ts): intrusion
 * alerts and their mails (client addresses, staff ids, closing notes), and the platform's job queue,
 * whose payloads carry what a job needs to send a mail or answer LINE: an encrypted e-mail address, an
 * encrypted link token or log-in code, or a LINE webhook event (src/platform/encrypted-fields.ts lists the
 * encrypted ones). Jobs of the other queues carry ids only. Backups, detector runs and job schedules hold
 * no personal data in their rows (a backup file holds everything, encrypted, outside the database).
 */
import type { PersonalDataRegister, PersonalItem, StoredAt } from '../../platform/personal-data.js';
import { operationsPersonalDataMessages as m } from './personal-data.messages.js';

const SCOPE = 'module:operations';

/** Security administrators: every alert; department administrators: those about their staff (detection.policy.ts). */
const alertReaders: PersonalItem['readers'] = { roles: ['sys-admin', 'dept-admin'], departments: 'all' };
// no screen shows job payloads or errors (the metrics count jobs per queue and state)
const nobody: PersonalItem['readers'] = { roles: [], departments: 'none' };

type Text = 'alertKey' | 'closeNote' | 'alertMail' | 'jobEmail' | 'jobLineEvent' | 'jobToken' | 'jobCode' | 'jobError';

const item = (
  key: string,
  text: Text,
  p: Pick<PersonalItem, 'category' | 'subject' | 'storedAt' | 'readers' | 'recipients' | 'retention'>,
): PersonalItem => ({
  key: `operations.${key}`,
  label: m.text(`${text}.label`),
  purpose: m.text(`${text}.purpose`),
  isSensitive: false,
  ...p,
});

const payload = (property: string, protection: StoredAt['protection']): StoredAt => ({
  table: 'jobs',
  column: 'payload',
  property,
  protection,
});

export const operationsPersonalData: PersonalDataRegister = {
  module: 'operations',
  tables: [
    {
      table: 'alerts',
      scope: `'${SCOPE}'`,
      person: "CASE WHEN t.key_kind = 'global' THEN NULL ELSE t.key_kind || ':' || t.key END",
      subject: 'staff',
      createdAt: 't.opened_at',
      holdsData: "t.key_kind <> 'global' OR t.close_note IS NOT NULL",
      auditRecordType: 'alert',
      nonPersonal: [
        'id',
        'detector',
        'key_kind',
        'status',
        'count',
        'first_seen_at',
        'last_seen_at',
        'opened_at',
        'updated_at',
        'acknowledged_at',
        'acknowledged_by',
        'closed_at',
        'closed_by',
        'notified_at',
        'digest_pending',
      ],
    },
    {
      table: 'alert_mails',
      sweep: { delete: "t.queued_at < $1::timestamptz - interval '400 days'" },
      scope: `'${SCOPE}'`,
      // one mail lists many alerts
      person: null,
      subject: 'staff',
      createdAt: 't.queued_at',
      nonPersonal: ['id', 'kind', 'queued_at', 'alert_ids', 'sent_at'],
    },
    {
      table: 'jobs',
      sweep: {
        // finished jobs keep their id and dedupe key (a second enqueue stays a no-op), not what they carried
        scrub: {
          set: "payload = '{}'::jsonb, last_error = NULL",
          where:
            "((t.state = 'done' AND t.finished_at < $1::timestamptz - interval '30 days') OR (t.state = 'dead' AND t.finished_at < $1::timestamptz - interval '90 days')) AND (t.payload <> '{}'::jsonb OR t.last_error IS NOT NULL)",
        },
      },
      scope: `'${SCOPE}'`,
      person: null,
      subject: 'citizen',
      createdAt: 't.created_at',
      holdsData: "t.payload ?| ARRAY['emailEnc', 'tokenEnc', 'codeEnc', 'event'] OR t.last_error IS NOT NULL",
      nonPersonal: [
        'id',
        'queue',
        'dedupe_key',
        'run_at',
        'state',
        'attempts',
        'max_attempts',
        'locked_by',
        'locked_until',
        'created_at',
        'finished_at',
      ],
    },
  ],
  nonPersonalTables: [
    {
      table: 'backup_runs',
      why: 'Backup and restore-drill runs: kind, trigger, times, outcome, file name, size, checksum, row counts per table and error text.',
    },
    { table: 'alert_detector_runs', why: 'When each intrusion detector last ran.' },
    { table: 'job_schedules', why: 'Recurring jobs: queue, interval and next run.' },
  ],
  items: [
    item('alert_key', 'alertKey', {
      category: 'online_identifier',
      subject: 'staff',
      storedAt: [{ table: 'alerts', column: 'key', protection: 'plain' }],
      readers: alertReaders,
      recipients: [{ to: 'mail_server', receives: m.text('alertMail.receives') }],
      retention: m.text('retention.alerts'),
    }),
    item('alert_close_note', 'closeNote', {
      category: 'free_text',
      subject: 'staff',
      storedAt: [{ table: 'alerts', column: 'close_note', protection: 'plain' }],
      readers: alertReaders,
      recipients: [],
      retention: m.text('retention.alerts'),
    }),
    item('alert_mail', 'alertMail', {
      category: 'online_identifier',
      subject: 'staff',
      storedAt: [
        { table: 'alert_mails', column: 'body', protection: 'plain' },
        { table: 'alert_mails', column: 'subject', protection: 'plain' },
      ],
      readers: nobody,
      recipients: [{ to: 'mail_server', receives: m.text('alertMail.receives') }],
      retention: m.text('retention.alertMails'),
    }),
    item('job_my_page_email', 'jobEmail', {
      category: 'contact',
      subject: 'citizen',
      storedAt: [payload('emailEnc', 'encrypted')],
      readers: nobody,
      recipients: [{ to: 'mail_server', receives: m.text('jobEmail.receives') }],
      retention: m.text('retention.jobs'),
    }),
    item('job_line_event', 'jobLineEvent', {
      category: 'online_identifier',
      subject: 'citizen',
      storedAt: [payload('event', 'plain')],
      readers: nobody,
      recipients: [],
      retention: m.text('retention.jobs'),
    }),
    item('job_application_token', 'jobToken', {
      category: 'credential',
      subject: 'citizen',
      storedAt: [payload('tokenEnc', 'encrypted')],
      readers: nobody,
      recipients: [{ to: 'mail_server', receives: m.text('jobToken.receives') }],
      retention: m.text('retention.jobs'),
    }),
    item('job_facility_login_code', 'jobCode', {
      category: 'credential',
      subject: 'facility_user',
      storedAt: [payload('codeEnc', 'encrypted')],
      readers: nobody,
      recipients: [{ to: 'mail_server', receives: m.text('jobCode.receives') }],
      retention: m.text('retention.jobs'),
    }),
    item('job_error', 'jobError', {
      category: 'free_text',
      subject: 'citizen',
      storedAt: [{ table: 'jobs', column: 'last_error', protection: 'plain' }],
      readers: nobody,
      recipients: [],
      retention: m.text('retention.jobs'),
    }),
  ],
  async scopes() {
    return [{ id: SCOPE, label: m.text('scope'), departmentId: null, zone: 'internet', isPublic: false }];
  },
};
