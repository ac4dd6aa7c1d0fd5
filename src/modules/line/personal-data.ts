/**
 * The LINE module's personal data (privacy register, src/platform/personal-data.ts): the LINE user ids of
 * the people who added the city's official account, and the pushes made to them. LINE (LY Corporation)
 * receives the user id with every message madoguchi sends. The user id a booking was made with is the
 * reservations module's item (rsv_reservations.line_user_id); the message text a person types arrives in
 * the webhook job's payload (the operations module declares the jobs table) and is blanked once answered.
 */
import type { PersonalDataRegister, PersonalItem } from '../../platform/personal-data.js';
import { linePersonalDataMessages as m } from './personal-data.messages.js';

const SCOPE = 'module:line';

const recipients: PersonalItem['recipients'] = [{ to: 'line', receives: m.text('line.receives') }];
// no staff screen lists LINE users or pushes
const nobody = { roles: [], departments: 'none' } as const;

export const linePersonalData: PersonalDataRegister = {
  module: 'line',
  tables: [
    {
      table: 'line_users',
      scope: `'${SCOPE}'`,
      person: 't.line_user_id',
      subject: 'citizen',
      createdAt: 'coalesce(t.followed_at, t.updated_at)',
      contact: { line: { table: 'line_users', column: 'line_user_id', protection: 'plain' } },
      nonPersonal: ['is_following', 'followed_at', 'unfollowed_at', 'updated_at', 'lang'],
    },
    {
      table: 'line_pushes',
      sweep: { delete: "t.created_at < $1::timestamptz - interval '90 days'" },
      scope: `'${SCOPE}'`,
      person: 't.line_user_id',
      subject: 'citizen',
      createdAt: 't.created_at',
      contact: { line: { table: 'line_pushes', column: 'line_user_id', protection: 'plain' } },
      nonPersonal: ['retry_key', 'purpose', 'status', 'created_at'],
    },
  ],
  nonPersonalTables: [
    {
      table: 'line_webhook_events',
      why: "LINE's webhook event ids with their type and arrival time, to take a redelivered event once; no user id.",
    },
  ],
  items: [
    {
      key: 'line.user_id',
      label: m.text('userId.label'),
      category: 'online_identifier',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('userId.purpose'),
      storedAt: [{ table: 'line_users', column: 'line_user_id', protection: 'plain' }],
      readers: nobody,
      recipients,
      retention: m.text('retention'),
    },
    {
      key: 'line.pushes',
      label: m.text('push.label'),
      category: 'activity_record',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('push.purpose'),
      storedAt: [{ table: 'line_pushes', column: 'line_user_id', protection: 'plain' }],
      readers: nobody,
      recipients,
      retention: m.text('retention.pushes'),
    },
  ],
  async scopes() {
    return [{ id: SCOPE, label: m.text('scope'), departmentId: null, zone: 'internet', isPublic: true }];
  },
};
