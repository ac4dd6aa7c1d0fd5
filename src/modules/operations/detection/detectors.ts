/**
 * What each detector counts. A source is a SELECT of (key, at, n) rows for hits with `$1 < at <= $2`,
 * extra parameters from `$3`; evaluate-detectors.ts wraps it to count per key in the detector's window.
 *
 * - Events that exist one by one are read where they are already written: the audit log (failed staff and
 *   facility log-ins, lockouts, exports) and the security events (log-ins refused for the network, forged
 *   webhooks, a broken audit chain, backup failures). Both are indexed by time (audit_log by action).
 * - Things too frequent for a row each (a failed card-site log-in, a look-up of an unknown booking or
 *   application number, a 5xx) are per-minute counter rows (security_counts: one upsert per hit, a few
 *   rows per client per minute even in a flood). A minute counts once it is over (`at` is the end of the
 *   minute), so a minute is never counted while hits are still being added to it.
 */
import type { DetectorName } from '../../../config.js';
import type { SecurityCountSource } from '../../security/index.js';

export type KeyKind = 'client' | 'staff' | 'global';
export type DetectorSource = { keyKind: KeyKind; sql: string; params: unknown[] };

/** Audit actions that take personal data out of the system (files and downloads), for export_volume. */
export const EXPORT_ACTIONS = [
  'audit.export',
  'reservation.export',
  'card.bundle.export',
  'card.bookings.export',
  'card.bookings.export_csv',
  'procedure.export',
  'payment_admin.report_exported',
  'application.export',
  'application.file.download',
  'facility.export',
] as const;

const auditByClient = (actions: string[]): DetectorSource => ({
  keyKind: 'client',
  // a log-in refused for the network is login_outside_network's, not a guess at a password
  sql: `SELECT coalesce(client_ip, 'unknown') AS key, occurred_at AS at, 1 AS n FROM audit_log
        WHERE action = ANY($3::text[]) AND occurred_at > $1 AND occurred_at <= $2
          AND coalesce(detail->>'reason', '') <> 'network_not_allowed'`,
  params: [actions],
});

const events = (keyKind: 'client' | 'global', kinds: string[]): DetectorSource => ({
  keyKind,
  sql: `SELECT ${keyKind === 'client' ? "coalesce(client_ip, 'unknown')" : "'global'"} AS key, occurred_at AS at, 1 AS n
        FROM security_events WHERE kind = ANY($3::text[]) AND occurred_at > $1 AND occurred_at <= $2`,
  params: [kinds],
});

const counts = (keyKind: 'client' | 'global', source: SecurityCountSource): DetectorSource => ({
  keyKind,
  sql: `SELECT key, window_start + interval '1 minute' AS at, count AS n FROM security_counts
        WHERE source = $3 AND window_start > $1::timestamptz - interval '1 minute' AND window_start <= $2::timestamptz - interval '1 minute'`,
  params: [source],
});

export const DETECTOR_SOURCES: Readonly<Record<DetectorName, DetectorSource>> = {
  staff_login_failures: auditByClient(['staff.login_failed', 'staff.locked']),
  card_login_failures: counts('client', 'card_login_failure'),
  facility_login_failures: auditByClient(['facility.login.failed', 'facility.login.otp_failed']),
  login_outside_network: events('client', ['staff.login_outside_network']),
  reference_enumeration: counts('client', 'reference_lookup_miss'),
  export_volume: {
    keyKind: 'staff',
    sql: `SELECT actor_id AS key, occurred_at AS at, 1 AS n FROM audit_log
          WHERE action = ANY($3::text[]) AND actor_type = 'staff' AND actor_id IS NOT NULL AND occurred_at > $1 AND occurred_at <= $2`,
    params: [[...EXPORT_ACTIONS]],
  },
  webhook_signature_failures: events('global', ['payment.webhook_signature_failed']),
  audit_chain_broken: events('global', ['audit.chain_broken']),
  backup_failed: events('global', ['backup.failed', 'backup.missing', 'backup.drill_failed']),
  server_errors: counts('global', 'server_error'),
};

/** Which newly opened alerts get the few immediate mails first: integrity and intrusion before bursts. */
export const DETECTOR_PRIORITY: readonly DetectorName[] = [
  'audit_chain_broken',
  'backup_failed',
  'login_outside_network',
  'webhook_signature_failures',
  'export_volume',
  'reference_enumeration',
  'staff_login_failures',
  'facility_login_failures',
  'card_login_failures',
  'server_errors',
];
