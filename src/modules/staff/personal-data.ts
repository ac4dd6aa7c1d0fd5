/**
 * The staff module's personal data (privacy register, src/platform/personal-data.ts): the city's own staff
 * accounts — names, log-in ids, credentials, departments and roles, sessions. Account data is read on the
 * account screens by system administrators (every account) and department administrators (their
 * departments' members: staff.policy.ts canManageAccount); credentials are never shown to anybody.
 */
import type { PersonalDataRegister, PersonalItem, Readers } from '../../platform/personal-data.js';
import { staffPersonalDataMessages as m } from './personal-data.messages.js';

const SCOPE = 'module:staff';

const administrators: Readers = { roles: ['sys-admin', 'dept-admin'], departments: 'all', others: m.text('readers.selfAndHistory') };
const nobody: Readers = { roles: [], departments: 'none' };

const item = (
  key: string,
  p: Pick<PersonalItem, 'category' | 'storedAt' | 'readers' | 'retention'> & {
    text:
      | 'displayName'
      | 'loginId'
      | 'password'
      | 'totp'
      | 'recoveryCodes'
      | 'loginAddress'
      | 'memberships'
      | 'sessionToken'
      | 'sessionDevice';
  },
): PersonalItem => ({
  key: `staff.${key}`,
  label: m.text(`${p.text}.label`),
  purpose: m.text(`${p.text}.purpose`),
  category: p.category,
  subject: 'staff',
  isSensitive: false,
  storedAt: p.storedAt,
  readers: p.readers,
  recipients: [],
  retention: p.retention,
});

export const staffPersonalData: PersonalDataRegister = {
  module: 'staff',
  tables: [
    {
      table: 'staff',
      scope: `'${SCOPE}'`,
      person: 't.id::text',
      subject: 'staff',
      createdAt: 't.created_at',
      auditRecordType: 'staff',
      nonPersonal: [
        'id',
        'password_changed_at',
        'must_change_password',
        'is_disabled',
        'disabled_at',
        'failed_login_count',
        'locked_until',
        'last_login_at',
        'previous_login_at',
        'totp_enabled_at',
        'totp_last_step',
        'mfa_failed_count',
        'mfa_locked_until',
        'preferred_language',
        'created_at',
        'created_by',
      ],
    },
    {
      table: 'staff_memberships',
      scope: `'${SCOPE}'`,
      person: 't.staff_id::text',
      subject: 'staff',
      createdAt: 't.granted_at',
      auditRecordType: 'staff',
      auditRecordKey: 'staff_id',
      nonPersonal: ['staff_id', 'department_id', 'granted_at', 'granted_by'],
    },
    {
      table: 'staff_sessions',
      sweep: { delete: "t.expires_at < $1::timestamptz - interval '1 day'" },
      scope: `'${SCOPE}'`,
      person: 't.staff_id::text',
      subject: 'staff',
      createdAt: 't.created_at',
      nonPersonal: ['staff_id', 'current_department_id', 'mfa_passed', 'created_at', 'last_seen_at', 'expires_at'],
    },
    {
      table: 'staff_recovery_codes',
      scope: `'${SCOPE}'`,
      person: 't.staff_id::text',
      subject: 'staff',
      createdAt: null,
      nonPersonal: ['id', 'staff_id', 'used_at'],
    },
  ],
  nonPersonalTables: [{ table: 'departments', why: "The city's organisation: department codes and names, no person." }],
  items: [
    item('display_name', {
      text: 'displayName',
      category: 'name',
      storedAt: [{ table: 'staff', column: 'display_name', protection: 'plain' }],
      readers: administrators,
      retention: m.text('retention.account'),
    }),
    item('login_id', {
      text: 'loginId',
      category: 'online_identifier',
      storedAt: [{ table: 'staff', column: 'login_id', protection: 'plain' }],
      readers: administrators,
      retention: m.text('retention.account'),
    }),
    item('password', {
      text: 'password',
      category: 'credential',
      storedAt: [{ table: 'staff', column: 'password_hash', protection: 'hashed' }],
      readers: nobody,
      retention: m.text('retention.password'),
    }),
    item('totp_secret', {
      text: 'totp',
      category: 'credential',
      storedAt: [
        { table: 'staff', column: 'totp_secret_enc', protection: 'encrypted' },
        { table: 'staff', column: 'totp_pending_secret_enc', protection: 'encrypted' },
      ],
      readers: nobody,
      retention: m.text('retention.totp'),
    }),
    item('recovery_codes', {
      text: 'recoveryCodes',
      category: 'credential',
      storedAt: [{ table: 'staff_recovery_codes', column: 'code_hash', protection: 'hashed' }],
      readers: nobody,
      retention: m.text('retention.recoveryCodes'),
    }),
    item('login_address', {
      text: 'loginAddress',
      category: 'online_identifier',
      storedAt: [
        { table: 'staff', column: 'last_login_ip', protection: 'plain' },
        { table: 'staff', column: 'previous_login_ip', protection: 'plain' },
      ],
      readers: nobody,
      retention: m.text('retention.loginAddress'),
    }),
    item('memberships', {
      text: 'memberships',
      category: 'employment',
      storedAt: [{ table: 'staff_memberships', column: 'role', protection: 'plain' }],
      readers: administrators,
      retention: m.text('retention.memberships'),
    }),
    item('session_token', {
      text: 'sessionToken',
      category: 'credential',
      storedAt: [
        { table: 'staff_sessions', column: 'token_hash', protection: 'hashed' },
        // random, not derived from anything personal; plain because every form compares it
        { table: 'staff_sessions', column: 'csrf_token', protection: 'plain' },
      ],
      readers: nobody,
      retention: m.text('retention.session'),
    }),
    item('session_device', {
      text: 'sessionDevice',
      category: 'online_identifier',
      storedAt: [
        { table: 'staff_sessions', column: 'client_ip', protection: 'plain' },
        { table: 'staff_sessions', column: 'user_agent', protection: 'plain' },
      ],
      readers: nobody,
      retention: m.text('retention.session'),
    }),
  ],
  async scopes() {
    return [{ id: SCOPE, label: m.text('scope'), departmentId: null, zone: 'internet', isPublic: false }];
  },
};
