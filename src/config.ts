/**
 * The one validated configuration object. Nothing else in the codebase reads process.env.
 * Every problem is collected and reported at once, naming the variable and what is wrong.
 */
import path from 'node:path';
import { z } from 'zod';
import { configMessages } from './config.messages.js';

export type Environment = 'demo' | 'production' | 'test';

export type Config = {
  env: Environment;
  port: number;
  /**
   * Address the web server (and the demo's LINE stand-in) listens on (HOST). Demo and test: 127.0.0.1,
   * because the demo publishes its staff passwords and its stand-in issues LINE identities to anyone;
   * production: 0.0.0.0 (behind the city's reverse proxy or container network).
   */
  host: string;
  /** Absent: the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /** Allow the embedded database in production (single small site); refused otherwise. */
  allowEmbeddedInProduction: boolean;
  /** Proxy addresses/CIDRs whose X-Forwarded-For is believed. Empty: none. */
  trustProxy: string[];
  /** Base URL citizens and staff see, used in e-mails, QR codes and LINE links. */
  publicBaseUrl: string;
  /**
   * Field-encryption keys: "kid:base64key,kid2:base64key". The first is used for new writes;
   * the others still decrypt (rotation).
   */
  encryptionKeys: string | undefined;
  /** Key for keyed blind indexes (HMAC), base64, 32 bytes. */
  blindIndexKey: string | undefined;
  /** Ed25519 private key (PKCS#8 PEM, or base64 of DER) signing audit checkpoints. */
  auditSigningKey: string | undefined;
  /** Secret for session-independent HMACs (e.g. signed links). base64, >= 32 bytes. */
  appSecret: string | undefined;
  staff: {
    /** CIDR allow-list for staff log-in; empty means any network. */
    loginAllowedNetworks: string[];
    /** TOTP second factor required for every staff member (not only administrators). */
    requireMfaForAll: boolean;
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    lockoutThreshold: number;
    lockoutMinutes: number;
    /** Days after which staff are reminded to renew their password (council rule), 0 = never. */
    passwordRenewalDays: number;
  };
  rateLimit: { perMinute: number };
  /**
   * Load shedding of reads (src/http/read-shedding.ts): READ_MAX_IN_FLIGHT (default 256) sheddable reads
   * at once per process; READ_SHED_LAG_MS (default 300; 0 turns it off, the default in test) of event-loop
   * delay (p99 over 200 ms) above which reads are answered 503 + Retry-After at once.
   */
  readShedding: { maxInFlight: number; maxLagMs: number };
  /** LISTEN_BACKLOG (default 4096, capped by the kernel's somaxconn): connections the kernel queues before accept. */
  listenBacklog: number;
  /**
   * Seconds between audit-chain checkpoints written by the worker (a run with no new entry writes
   * nothing); 0 disables, which production refuses.
   */
  auditCheckpointIntervalSeconds: number;
  /**
   * Directory where the checkpoint job writes signed checkpoint files (AUDIT_CHECKPOINT_DIR), and where
   * `audit verify` looks for the newest one. Required in production; keep it off the database host
   * (a mount the database's administrators cannot write).
   */
  auditCheckpointDir?: string;
  /** Auditors' addresses that each checkpoint is also mailed to (AUDIT_CHECKPOINT_MAIL_TO); empty: none. */
  auditCheckpointMailTo: string[];
  /**
   * Outgoing mail. `from` is MAIL_FROM (required in production); `messageIdDomain` is the right-hand
   * side of every Message-ID: MAIL_FROM's domain, else PUBLIC_BASE_URL's host.
   */
  smtp: { url: string | undefined; from: string; messageIdDomain: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Run the job worker inside the web process (default) or not (separate `madoguchi worker`). */
  runWorker: boolean;
  /**
   * Card issuance zone of this process (MADOGUCHI_CARD_ZONE): 'internal' (issuance list, letters; no
   * internet-facing routes, no mail), 'internet' (booking site), or 'both' (demo: both in one process,
   * separate tables, exchange still by file).
   */
  cardZone: 'internal' | 'internet' | 'both';
  /** This zone's Ed25519 key signing exchange files: "kid:base64 PKCS#8 DER" (MADOGUCHI_CARD_SIGNING_KEY). */
  cardSigningKey: string | undefined;
  /** The peer zone's Ed25519 public key(s): "kid:base64 SPKI DER[,…]" (MADOGUCHI_CARD_PEER_PUBLIC_KEY). */
  cardPeerPublicKey: string | undefined;
  /** Only for cardZone 'both': the internet half's own signing key (MADOGUCHI_CARD_PEER_SIGNING_KEY). */
  cardPeerSigningKey: string | undefined;
  /**
   * Internal zone: X25519 private key(s) "kid:base64 PKCS#8 DER[,…]" that open the e-mail and memo sealed
   * in booking files; the first is current, the others still open files in transit (MADOGUCHI_CARD_FILE_KEY).
   */
  cardFileKey: string | undefined;
  /** Internet zone: the internal zone's X25519 public key "kid:base64 SPKI DER" (MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY). */
  cardPeerFilePublicKey: string | undefined;
  /**
   * LINE Messaging API channel (LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN), LIFF app (LINE_LIFF_ID,
   * "<login channel id>-<suffix>") and API base URLs. In demo mode, unset values point at the built-in
   * LINE stand-in (its own server on LINE_STANDIN_PORT) with demo credentials (standin: true).
   */
  line: {
    channelSecret: string | undefined;
    channelAccessToken: string | undefined;
    liffId: string | undefined;
    apiBaseUrl: string;
    apiDataBaseUrl: string;
    /** Run the local LINE platform stand-in (LINE_STANDIN; default true in demo, false otherwise). */
    standin: boolean;
    /** Port of the stand-in's own server (LINE_STANDIN_PORT, default PORT + 1). */
    standinPort: number;
    /** Where the bot sends questions it cannot answer: the city's phone and hours (LINE_CONTACT_TEXT). */
    contactText: string;
  };
  /**
   * Online payment of e-application fees. The provider sees only the 整理番号 and the amount. In demo
   * mode the Stripe protocol is spoken by the local payment stand-in (its own server on
   * PAYMENT_STANDIN_PORT, standin: true); production refuses the stand-in.
   */
  payments: {
    /** PAYMENT_PROVIDER: 'stripe', or 'none' (procedures with a fee then cannot take applications). */
    provider: 'stripe' | 'none';
    stripeSecretKey: string | undefined;
    stripeWebhookSecret: string | undefined;
    /** STRIPE_API_BASE_URL: the API's origin (the SDK's protocol/host/port); default https://api.stripe.com. */
    stripeApiBaseUrl: string;
    /** Run the local payment stand-in (PAYMENT_STANDIN; default true in demo, false otherwise). */
    standin: boolean;
    /** Port of the stand-in's own server (PAYMENT_STANDIN_PORT, default PORT + 2). */
    standinPort: number;
    /** Where the stand-in sends its signed events (PAYMENT_STANDIN_WEBHOOK_URL; default PUBLIC_BASE_URL + /api/v1/payments/stripe/webhook). */
    standinWebhookUrl: string | undefined;
    /** How long a hosted payment page stays open (PAYMENT_SESSION_MINUTES, 30–1440, Stripe's limits). */
    sessionMinutes: number;
    /** A payment not final this many minutes after it was created is re-read from the provider (PAYMENT_RECONCILE_AFTER_MINUTES). */
    reconcileAfterMinutes: number;
    /** An application whose fee is still unpaid this many hours after it became payable expires (APPLICATION_UNPAID_EXPIRY_HOURS). */
    unpaidExpiryHours: number;
    /** "Waiting for payment longer than N hours" alert for the payment administrators (PAYMENT_WAITING_ALERT_HOURS). */
    waitingAlertHours: number;
    /** Code of the department (the digital promotion office) whose members alone may hold the payment_admin role (PAYMENT_ADMIN_DEPARTMENT). */
    adminDepartmentCode: string;
    /** Password renewal interval for payment administrators in days (PAYMENT_ADMIN_PASSWORD_RENEWAL_DAYS, default 365; 0 = never). */
    adminPasswordRenewalDays: number;
  };
  /** E-applications: attachments and save-and-resume. */
  applications: {
    /**
     * ClamAV daemon for attachments (CLAMD_ADDRESS): "unix:/run/clamav/clamd.ctl" or "tcp:127.0.0.1:3310".
     * Unset: attachments are not virus-scanned (recorded as such on each file).
     */
    clamdAddress: string | undefined;
    /** Largest attachment in bytes (UPLOAD_MAX_BYTES, default 10 MiB). */
    uploadMaxBytes: number;
    /** Days a save-and-resume link stays valid (APPLICATION_RESUME_DAYS, default 7). */
    resumeLinkDays: number;
  };
  /** Childcare facility claims (施設型給付費): which city divisions use it, and the portal-only process. */
  facility: {
    /** FACILITY_REVIEW_DEPARTMENT (default hoiku-shisetsu): the facility childcare division — facility master, review, export. */
    reviewDepartmentCode: string;
    /** FACILITY_ENROLMENT_DEPARTMENT (default hoiku-nyuen): the enrolment division — imports the child counts. */
    enrolmentDepartmentCode: string;
    /**
     * MADOGUCHI_FACILITY_PORTAL_ONLY=true: this process serves only the facility portal and its log-in (the DMZ
     * process of docs/architecture.md); no staff, citizen or card routes.
     */
    portalOnly: boolean;
  };
  /** Operations: backups and restore drills, intrusion detection and its mail, metrics. */
  operations: {
    backup: {
      /**
       * BACKUP_DIR: where backup files are written (default: <data dir>/backups). In production a mount on
       * another host than the database's, so a lost server does not take its backups with it.
       */
      dir: string;
      /** BACKUP_KEEP_GENERATIONS (default 7): backups kept; older ones are removed after a successful backup. */
      keepGenerations: number;
      /** BACKUP_HOUR (0–23, Japan time, default 2): when the daily backup job runs. */
      hourJst: number;
      /** BACKUP_SCHEDULE (default true, false in test): run the daily backup and the weekly drill jobs. */
      scheduled: boolean;
      /** BACKUP_DRILL_INTERVAL_DAYS (default 7): how often the restore drill (`backup verify`) runs. */
      drillIntervalDays: number;
      /**
       * MADOGUCHI_BACKUP_KEY: "kid:base64 of 32 bytes[,kid2:…]" — the first encrypts new backups, the others
       * still open older ones. Kept apart from the field-encryption keys. Required in production; the demo
       * generates one.
       */
      key: string | undefined;
      /** PG_BIN_DIR: directory of pg_dump and pg_restore (default: found on PATH). */
      pgBinDir: string | undefined;
    };
    detection: {
      /** SECURITY_ALERT_MAIL_TO: the security administrators' addresses that alerts are mailed to (demo: security@city.example.lg.jp). */
      alertMailTo: string[];
      /** ALERT_DIGEST_MINUTES (default 15): at most one digest mail per this many minutes. */
      digestMinutes: number;
      /** ALERT_IMMEDIATE_MAILS_PER_DIGEST (default 3): immediate alert mails allowed per digest period; the rest go in the digest. */
      immediateMailsPerDigest: number;
      /**
       * ALERT_THRESHOLD_<DETECTOR> = "count/minutes" (e.g. ALERT_THRESHOLD_STAFF_LOGIN_FAILURES=20/10):
       * a detector fires when it counts at least `count` in the last `minutes`. Defaults in DETECTOR_DEFAULTS.
       */
      thresholds: Record<DetectorName, DetectorThreshold>;
    };
    metrics: {
      /** METRICS_PORT: serve GET /metrics on this port only (its own listener). Unset: on the main port, allow-listed. */
      port: number | undefined;
      /** METRICS_ALLOWED_NETWORKS (default loopback): clients allowed to read /metrics on the main port. */
      allowedNetworks: string[];
    };
  };
  /** Privacy register (src/modules/privacy): the offline inventory bundle. */
  privacy: {
    /**
     * PRIVACY_BUNDLE_DIR: where the offline inventory bundles are written (default: <data dir>/privacy-bundles).
     * In production a share outside the database server (the privacy officer's file server), so the
     * inventory can be read while the system is down.
     */
    bundleDir: string;
    /** PRIVACY_BUNDLE_KEEP_GENERATIONS (default 7): bundles kept; older ones are removed after a new one is written. */
    keepGenerations: number;
    /** PRIVACY_BUNDLE_HOUR (0–23, Japan time, default 3): when the daily bundle is written. */
    hourJst: number;
    /** PRIVACY_BUNDLE_SCHEDULE (default true, false in test): write the daily bundle and one after each definition change. */
    scheduled: boolean;
  };
};

/** The intrusion detectors (src/modules/operations/detection); each has a configurable threshold. */
export const DETECTOR_NAMES = [
  'staff_login_failures',
  'card_login_failures',
  'facility_login_failures',
  'login_outside_network',
  'reference_enumeration',
  'export_volume',
  'webhook_signature_failures',
  'audit_chain_broken',
  'backup_failed',
  'server_errors',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];
export type DetectorThreshold = { count: number; minutes: number };

/** Default thresholds: bursts well above what a busy office does by mistake; integrity failures at once. */
export const DETECTOR_DEFAULTS: Readonly<Record<DetectorName, DetectorThreshold>> = {
  staff_login_failures: { count: 20, minutes: 10 },
  card_login_failures: { count: 30, minutes: 10 },
  facility_login_failures: { count: 20, minutes: 10 },
  login_outside_network: { count: 1, minutes: 60 },
  reference_enumeration: { count: 30, minutes: 10 },
  export_volume: { count: 20, minutes: 60 },
  webhook_signature_failures: { count: 5, minutes: 10 },
  audit_chain_broken: { count: 1, minutes: 60 },
  backup_failed: { count: 1, minutes: 1440 },
  server_errors: { count: 20, minutes: 5 },
};

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const departmentCode = (name: string) => z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: `${name} must be a department code` });

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean),
);

const cidr = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Values published in the README and the LINE module's README for the demo and its LINE stand-in.
 * Anyone can read them, so production refuses them wherever they appear.
 */
export const PUBLISHED_DEMO_VALUES: readonly string[] = [
  'demo-line-channel-secret',
  'demo-line-access-token',
  '2000000000-demoLiff',
  'demo-password-2026',
];

/** A mailbox: `local@domain.tld` or `Name <local@domain.tld>`; returns the address or undefined. */
export function mailAddressOf(value: string): string | undefined {
  const m = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = m?.[1] ?? m?.[2];
  if (!address || !/^[^@\s"(),:;<>[\\\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(address)) return undefined;
  return address;
}

/**
 * Reads and validates configuration; throws ConfigError listing every problem.
 *
 * MADOGUCHI_ENV=test skips every production check and serves the demo mailbox. An operator who sets
 * it (say, for a city's staging server) would run without those walls, so it is refused unless the
 * process runs under Node's test runner, which sets NODE_TEST_CONTEXT in every test process (and
 * processes the tests spawn inherit it), or the caller is a harness that says so in code
 * (`testHarness`, e.g. the benchmark), something no environment variable can do.
 */
export function loadConfig(env: Env = process.env, options: { testHarness?: boolean } = {}): Config {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: string | undefined): T | undefined => {
    const raw = env[name] === undefined || env[name] === '' ? fallback : env[name];
    if (raw === undefined) return undefined;
    const r = schema.safeParse(raw);
    if (!r.success) {
      problems.push(`${name}: ${r.error.issues.map((i) => i.message).join('; ')} (got "${raw.slice(0, 40)}")`);
      return undefined;
    }
    return r.data;
  };

  const envName = read(
    'MADOGUCHI_ENV',
    z.enum(['demo', 'production', 'test'], { error: 'MADOGUCHI_ENV must be demo, production or test' }),
    'demo',
  ) as Environment;
  if (envName === 'test' && !options.testHarness && !process.env.NODE_TEST_CONTEXT)
    problems.push('MADOGUCHI_ENV: "test" is only for the test suite (node --test); use demo to try madoguchi or production to run it');
  const dataDir = path.resolve(env.MADOGUCHI_DATA_DIR || './data');
  const port = read('PORT', int('PORT', 0, 65535), '3000') ?? 3000;
  const trustProxy = read('TRUST_PROXY', list, '') ?? [];
  for (const p of trustProxy) if (!cidr.test(p)) problems.push(`TRUST_PROXY: "${p}" is not an IP address or CIDR range`);
  const loginAllowedNetworks = read('STAFF_LOGIN_ALLOWED_NETWORKS', list, '') ?? [];
  for (const p of loginAllowedNetworks)
    if (!cidr.test(p)) problems.push(`STAFF_LOGIN_ALLOWED_NETWORKS: "${p}" is not an IP address or CIDR range`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: must start with postgres:// or postgresql://');

  const config: Config = {
    env: envName ?? 'demo',
    port,
    host: env.HOST || (envName === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    databasePoolSize: read('DATABASE_POOL_SIZE', int('DATABASE_POOL_SIZE', 1, 200), '16') ?? 16,
    dataDir,
    allowEmbeddedInProduction: read('ALLOW_EMBEDDED_DATABASE', bool('ALLOW_EMBEDDED_DATABASE'), 'false') ?? false,
    trustProxy,
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    encryptionKeys: env.MADOGUCHI_ENCRYPTION_KEYS || undefined,
    blindIndexKey: env.MADOGUCHI_BLIND_INDEX_KEY || undefined,
    auditSigningKey: env.MADOGUCHI_AUDIT_SIGNING_KEY || undefined,
    appSecret: env.MADOGUCHI_APP_SECRET || undefined,
    staff: {
      loginAllowedNetworks,
      requireMfaForAll: read('STAFF_REQUIRE_MFA', bool('STAFF_REQUIRE_MFA'), 'false') ?? false,
      sessionIdleMinutes: read('STAFF_SESSION_IDLE_MINUTES', int('STAFF_SESSION_IDLE_MINUTES', 1, 1440), '30') ?? 30,
      sessionAbsoluteHours: read('STAFF_SESSION_ABSOLUTE_HOURS', int('STAFF_SESSION_ABSOLUTE_HOURS', 1, 72), '12') ?? 12,
      lockoutThreshold: read('STAFF_LOCKOUT_THRESHOLD', int('STAFF_LOCKOUT_THRESHOLD', 3, 100), '5') ?? 5,
      lockoutMinutes: read('STAFF_LOCKOUT_MINUTES', int('STAFF_LOCKOUT_MINUTES', 1, 1440), '15') ?? 15,
      passwordRenewalDays: read('STAFF_PASSWORD_RENEWAL_DAYS', int('STAFF_PASSWORD_RENEWAL_DAYS', 0, 3650), '90') ?? 90,
    },
    rateLimit: { perMinute: read('RATE_LIMIT_PER_MINUTE', int('RATE_LIMIT_PER_MINUTE', 10, 1_000_000), '600') ?? 600 },
    readShedding: {
      maxInFlight: read('READ_MAX_IN_FLIGHT', int('READ_MAX_IN_FLIGHT', 1, 100_000), '256') ?? 256,
      // A loaded test machine's pauses (GC, other test files) would shed test reads: off in test unless set.
      maxLagMs: read('READ_SHED_LAG_MS', int('READ_SHED_LAG_MS', 0, 60_000), envName === 'test' ? '0' : '300') ?? 300,
    },
    listenBacklog: read('LISTEN_BACKLOG', int('LISTEN_BACKLOG', 16, 65_535), '4096') ?? 4096,
    auditCheckpointIntervalSeconds:
      read('AUDIT_CHECKPOINT_INTERVAL_SECONDS', int('AUDIT_CHECKPOINT_INTERVAL_SECONDS', 0, 604800), '300') ?? 300,
    auditCheckpointDir: env.AUDIT_CHECKPOINT_DIR ? path.resolve(env.AUDIT_CHECKPOINT_DIR) : undefined,
    auditCheckpointMailTo: mailList('AUDIT_CHECKPOINT_MAIL_TO', env.AUDIT_CHECKPOINT_MAIL_TO, problems),
    smtp: smtpConfig(env, port, problems),
    logLevel:
      (read(
        'LOG_LEVEL',
        z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        }),
        envName === 'test' ? 'silent' : 'info',
      ) as Config['logLevel']) ?? 'info',
    runWorker: read('RUN_WORKER', bool('RUN_WORKER'), 'true') ?? true,
    cardZone:
      (read(
        'MADOGUCHI_CARD_ZONE',
        z.enum(['internal', 'internet', 'both'], { error: 'MADOGUCHI_CARD_ZONE must be internal, internet or both' }),
        'both',
      ) as Config['cardZone']) ?? 'both',
    cardSigningKey: env.MADOGUCHI_CARD_SIGNING_KEY || undefined,
    cardPeerPublicKey: env.MADOGUCHI_CARD_PEER_PUBLIC_KEY || undefined,
    cardPeerSigningKey: env.MADOGUCHI_CARD_PEER_SIGNING_KEY || undefined,
    cardFileKey: env.MADOGUCHI_CARD_FILE_KEY || undefined,
    cardPeerFilePublicKey: env.MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY || undefined,
    line: lineConfig(env, envName ?? 'demo', port, problems),
    payments: paymentsConfig(env, envName ?? 'demo', port, problems),
    applications: {
      clamdAddress: clamdAddress(env.CLAMD_ADDRESS, problems),
      uploadMaxBytes:
        read('UPLOAD_MAX_BYTES', int('UPLOAD_MAX_BYTES', 1024, 100 * 1024 * 1024), String(10 * 1024 * 1024)) ?? 10 * 1024 * 1024,
      resumeLinkDays: read('APPLICATION_RESUME_DAYS', int('APPLICATION_RESUME_DAYS', 1, 90), '7') ?? 7,
    },
    facility: {
      reviewDepartmentCode:
        read('FACILITY_REVIEW_DEPARTMENT', departmentCode('FACILITY_REVIEW_DEPARTMENT'), 'hoiku-shisetsu') ?? 'hoiku-shisetsu',
      enrolmentDepartmentCode:
        read('FACILITY_ENROLMENT_DEPARTMENT', departmentCode('FACILITY_ENROLMENT_DEPARTMENT'), 'hoiku-nyuen') ?? 'hoiku-nyuen',
      portalOnly: read('MADOGUCHI_FACILITY_PORTAL_ONLY', bool('MADOGUCHI_FACILITY_PORTAL_ONLY'), 'false') ?? false,
    },
    operations: {
      backup: {
        dir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
        keepGenerations: read('BACKUP_KEEP_GENERATIONS', int('BACKUP_KEEP_GENERATIONS', 1, 365), '7') ?? 7,
        hourJst: read('BACKUP_HOUR', int('BACKUP_HOUR', 0, 23), '2') ?? 2,
        scheduled: read('BACKUP_SCHEDULE', bool('BACKUP_SCHEDULE'), envName === 'test' ? 'false' : 'true') ?? true,
        drillIntervalDays: read('BACKUP_DRILL_INTERVAL_DAYS', int('BACKUP_DRILL_INTERVAL_DAYS', 1, 90), '7') ?? 7,
        key: env.MADOGUCHI_BACKUP_KEY || undefined,
        pgBinDir: env.PG_BIN_DIR ? path.resolve(env.PG_BIN_DIR) : undefined,
      },
      detection: {
        alertMailTo: mailList(
          'SECURITY_ALERT_MAIL_TO',
          // the demo's alerts reach its mailbox (/demo/mailbox)
          env.SECURITY_ALERT_MAIL_TO ?? (envName === 'demo' ? 'security@city.example.lg.jp' : undefined),
          problems,
        ),
        digestMinutes: read('ALERT_DIGEST_MINUTES', int('ALERT_DIGEST_MINUTES', 1, 1440), '15') ?? 15,
        immediateMailsPerDigest: read('ALERT_IMMEDIATE_MAILS_PER_DIGEST', int('ALERT_IMMEDIATE_MAILS_PER_DIGEST', 0, 100), '3') ?? 3,
        thresholds: detectorThresholds(env, problems),
      },
      metrics: {
        port: read('METRICS_PORT', int('METRICS_PORT', 1, 65535), undefined),
        allowedNetworks: read('METRICS_ALLOWED_NETWORKS', list, '127.0.0.1/32,::1/128') ?? [],
      },
    },
    privacy: {
      bundleDir: path.resolve(env.PRIVACY_BUNDLE_DIR || path.join(dataDir, 'privacy-bundles')),
      keepGenerations: read('PRIVACY_BUNDLE_KEEP_GENERATIONS', int('PRIVACY_BUNDLE_KEEP_GENERATIONS', 1, 365), '7') ?? 7,
      hourJst: read('PRIVACY_BUNDLE_HOUR', int('PRIVACY_BUNDLE_HOUR', 0, 23), '3') ?? 3,
      scheduled: read('PRIVACY_BUNDLE_SCHEDULE', bool('PRIVACY_BUNDLE_SCHEDULE'), envName === 'test' ? 'false' : 'true') ?? true,
    },
  };
  for (const p of config.operations.metrics.allowedNetworks)
    if (!cidr.test(p)) problems.push(`METRICS_ALLOWED_NETWORKS: "${p}" is not an IP address or CIDR range`);
  if (config.operations.metrics.port !== undefined && config.operations.metrics.port === config.port)
    problems.push('METRICS_PORT: must differ from PORT (metrics get their own listener)');
  if (config.facility.portalOnly && config.cardZone === 'internal')
    problems.push('MADOGUCHI_FACILITY_PORTAL_ONLY: cannot be combined with MADOGUCHI_CARD_ZONE=internal (the portal faces the internet)');

  if (config.env === 'production') {
    if (!config.databaseUrl && !config.allowEmbeddedInProduction)
      problems.push(
        'DATABASE_URL: required in production (the embedded database is for demo and small trials; set ALLOW_EMBEDDED_DATABASE=true to accept it deliberately)',
      );
    for (const [name, value] of [
      ['MADOGUCHI_ENCRYPTION_KEYS', config.encryptionKeys],
      ['MADOGUCHI_BLIND_INDEX_KEY', config.blindIndexKey],
      ['MADOGUCHI_AUDIT_SIGNING_KEY', config.auditSigningKey],
      ['MADOGUCHI_APP_SECRET', config.appSecret],
    ] as const) {
      if (!value) problems.push(`${name}: required in production (generate with \`madoguchi keys generate\`)`);
      else if (value.includes(DEMO_SECRET_MARK))
        problems.push(`${name}: is a demo secret; production refuses it (generate with \`madoguchi keys generate\`)`);
    }
    cardFileKeyProblems(config, problems);
    // the internal zone sends no mail and opens no outbound connection: a relay there is a mistake
    if (config.cardZone === 'internal' && config.smtp.url)
      problems.push('SMTP_URL: must not be set in the internal zone (MADOGUCHI_CARD_ZONE=internal), which sends no mail');
    if (config.cardZone !== 'internal' && !config.smtp.url)
      problems.push(
        'SMTP_URL: required in production (confirmations, reminders and notices are sent by e-mail), e.g. smtp://relay.city.example:25',
      );
    if (!config.publicBaseUrl.startsWith('https://')) problems.push('PUBLIC_BASE_URL: must be an https:// address in production');
    if (config.cardZone !== 'internal' && !env.MAIL_FROM)
      // i18n-exempt: an operator's message in English; the Japanese is an example sender name
      problems.push(
        'MAIL_FROM: required in production: the sender citizens see, an address of the city\'s mail domain, e.g. "○○市 予約窓口 <yoyaku@city.example.lg.jp>"',
      );
    if (config.cardZone === 'internal' && config.auditCheckpointMailTo.length)
      problems.push(
        'AUDIT_CHECKPOINT_MAIL_TO: must not be set in the internal zone (MADOGUCHI_CARD_ZONE=internal), which sends no mail; use AUDIT_CHECKPOINT_DIR',
      );
    auditAnchorProblems(config, problems);
    if (!config.operations.backup.key)
      problems.push(
        'MADOGUCHI_BACKUP_KEY: required in production: backups are encrypted with it (generate with `madoguchi keys generate`; keep it apart from the database and its backups)',
      );
    else if (config.operations.backup.key.includes(DEMO_SECRET_MARK))
      problems.push('MADOGUCHI_BACKUP_KEY: is a demo secret; production refuses it (generate with `madoguchi keys generate`)');
    if (config.cardZone !== 'internal' && config.operations.detection.alertMailTo.length === 0)
      problems.push(
        "SECURITY_ALERT_MAIL_TO: required in production: the security administrators' addresses that intrusion alerts are mailed to",
      );
    demoValueProblems(env, problems);
    if (config.cardZone !== 'internal' && config.payments.provider === 'stripe') {
      if (!config.payments.stripeSecretKey) problems.push('STRIPE_SECRET_KEY: required in production when PAYMENT_PROVIDER=stripe');
      if (!config.payments.stripeWebhookSecret)
        problems.push(
          'STRIPE_WEBHOOK_SECRET: required in production when PAYMENT_PROVIDER=stripe (the signing secret of the webhook endpoint)',
        );
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * Someone with full rights on the database can delete the newest audit entries or rewrite the chain
 * consistently; only a signed checkpoint kept outside the database shows it. Production therefore
 * writes one to AUDIT_CHECKPOINT_DIR at a short interval, and `audit verify` compares with the newest.
 */
function auditAnchorProblems(config: Config, problems: string[]): void {
  if (!config.auditCheckpointDir)
    problems.push(
      'AUDIT_CHECKPOINT_DIR: required in production: a directory outside the database server (e.g. a mount the database administrators cannot write) where signed audit checkpoints are written and `audit verify` reads them',
    );
  if (config.auditCheckpointIntervalSeconds === 0)
    problems.push('AUDIT_CHECKPOINT_INTERVAL_SECONDS: 0 (no checkpoints) is refused in production; the default is 300');
  else if (config.auditCheckpointIntervalSeconds > 3600)
    problems.push(
      'AUDIT_CHECKPOINT_INTERVAL_SECONDS: at most 3600 in production: entries deleted after the newest checkpoint cannot be noticed',
    );
}

/** Demo-marked keys (generated with the demo mark) and values published in the READMEs. */
function demoValueProblems(env: Env, problems: string[]): void {
  for (const name of [
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'LINE_CHANNEL_SECRET',
    'LINE_CHANNEL_ACCESS_TOKEN',
    'LINE_LIFF_ID',
    'MADOGUCHI_CARD_SIGNING_KEY',
    'MADOGUCHI_CARD_PEER_SIGNING_KEY',
    'MADOGUCHI_CARD_PEER_PUBLIC_KEY',
  ]) {
    const value = env[name];
    if (!value) continue;
    const published = PUBLISHED_DEMO_VALUES.find((v) => value.includes(v));
    const keyIds = value.split(',').map((part) => part.trim().split(':')[0] ?? '');
    if (published) problems.push(`${name}: is the published demo value "${published}"; production refuses it`);
    else if (
      value.startsWith(DEMO_SECRET_MARK) ||
      value.includes(`_${DEMO_SECRET_MARK}`) ||
      keyIds.some((id) => id.startsWith(DEMO_SECRET_MARK))
    )
      problems.push(`${name}: is a demo secret; production refuses it`);
  }
}

function mailList(name: string, value: string | undefined, problems: string[]): string[] {
  const items = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const item of items) if (!mailAddressOf(item)) problems.push(`${name}: "${item.slice(0, 60)}" is not an e-mail address`);
  return items;
}

function smtpConfig(env: Env, port: number, problems: string[]): Config['smtp'] {
  const publicHost = (() => {
    try {
      return new URL(env.PUBLIC_BASE_URL || `http://localhost:${port}`).hostname;
    } catch {
      return 'localhost';
    }
  })();
  let from = `madoguchi@${publicHost}`;
  if (env.MAIL_FROM) {
    if (mailAddressOf(env.MAIL_FROM)) from = env.MAIL_FROM.trim();
    // i18n-exempt: an operator's message in English; the Japanese is an example sender name
    else
      problems.push(
        `MAIL_FROM: "${env.MAIL_FROM.slice(0, 60)}" is not an e-mail address (write "yoyaku@city.example.lg.jp" or "○○市 <yoyaku@city.example.lg.jp>")`,
      );
  }
  const domain = (mailAddressOf(from) ?? from).split('@')[1] ?? publicHost;
  return { url: env.SMTP_URL || undefined, from, messageIdDomain: domain.toLowerCase() };
}

/**
 * Booking files carry citizens' e-mail addresses and memos sealed for the internal zone: the booking
 * site needs the internal zone's public key to write one, the internal zone its private key to read one,
 * and the private key must never sit on the booking site.
 */
function cardFileKeyProblems(config: Config, problems: string[]): void {
  const zone = config.cardZone;
  const hint = '(generate the pair with `madoguchi keys generate`)';
  const need: [string, string | undefined, string][] = [];
  if (zone !== 'internet')
    need.push([
      'MADOGUCHI_CARD_FILE_KEY',
      config.cardFileKey,
      `required in production for MADOGUCHI_CARD_ZONE=${zone}: the internal zone cannot read booking files without it ${hint}`,
    ]);
  if (zone !== 'internal')
    need.push([
      'MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY',
      config.cardPeerFilePublicKey,
      `required in production for MADOGUCHI_CARD_ZONE=${zone}: the booking site cannot write a booking file without the internal zone's public key ${hint}`,
    ]);
  for (const [name, value, missing] of need) {
    if (!value) problems.push(`${name}: ${missing}`);
    else if (value.includes(DEMO_SECRET_MARK)) problems.push(`${name}: is a demo secret; production refuses it ${hint}`);
  }
  if (zone === 'internet' && config.cardFileKey)
    problems.push(
      "MADOGUCHI_CARD_FILE_KEY: must not be set on the booking site (MADOGUCHI_CARD_ZONE=internet): it opens citizens' e-mail addresses and memos and belongs to the internal zone only",
    );
}

function lineConfig(env: Env, envName: Environment, port: number, problems: string[]): Config['line'] {
  const flag = env.LINE_STANDIN || (envName === 'demo' ? 'true' : 'false');
  const standin = bool('LINE_STANDIN').safeParse(flag);
  if (!standin.success) problems.push('LINE_STANDIN: must be true or false');
  const isStandin = standin.success && standin.data;
  if (isStandin && envName === 'production') problems.push('LINE_STANDIN: the LINE stand-in is refused in production');
  const standinPort = int('LINE_STANDIN_PORT', 0, 65535).safeParse(env.LINE_STANDIN_PORT || String(port < 65535 ? port + 1 : port - 1));
  if (!standinPort.success) problems.push('LINE_STANDIN_PORT: must be a port number');
  // Its own server: the SDK resolves API paths against the base URL's origin, so no path prefix.
  const local = `http://127.0.0.1:${standinPort.success ? standinPort.data : port + 1}`;
  const url = (name: string, fallback: string) => {
    const v = (env[name] || fallback).replace(/\/$/, '');
    if (!/^https?:\/\//.test(v)) problems.push(`${name}: must be an http(s):// address`);
    return v;
  };
  const liffId = env.LINE_LIFF_ID || (isStandin ? '2000000000-demoLiff' : undefined);
  if (liffId && !/^\d+-[A-Za-z0-9]+$/.test(liffId)) problems.push('LINE_LIFF_ID: must look like "1234567890-AbCdEfGh"');
  return {
    channelSecret: env.LINE_CHANNEL_SECRET || (isStandin ? `${DEMO_SECRET_MARK}line-channel-secret` : undefined),
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN || (isStandin ? `${DEMO_SECRET_MARK}line-access-token` : undefined),
    liffId,
    apiBaseUrl: url('LINE_API_BASE_URL', isStandin ? local : 'https://api.line.me'),
    apiDataBaseUrl: url('LINE_API_DATA_BASE_URL', isStandin ? local : 'https://api-data.line.me'),
    standin: isStandin,
    standinPort: standinPort.success ? standinPort.data : port + 1,
    contactText:
      env.LINE_CONTACT_TEXT?.trim().slice(0, 300) ||
      // the setting has one language (README: Japanese unless written otherwise); its defaults live in the catalogue
      configMessages.t('ja', envName === 'demo' ? 'demoLineContact' : 'lineContact'),
  };
}

function paymentsConfig(env: Env, envName: Environment, port: number, problems: string[]): Config['payments'] {
  const flag = env.PAYMENT_STANDIN || (envName === 'demo' ? 'true' : 'false');
  const standin = bool('PAYMENT_STANDIN').safeParse(flag);
  if (!standin.success) problems.push('PAYMENT_STANDIN: must be true or false');
  const isStandin = standin.success && standin.data;
  if (isStandin && envName === 'production') problems.push('PAYMENT_STANDIN: the payment stand-in is refused in production');
  const standinPort = int('PAYMENT_STANDIN_PORT', 0, 65535).safeParse(
    env.PAYMENT_STANDIN_PORT || String(port < 65534 ? port + 2 : port - 2),
  );
  if (!standinPort.success) problems.push('PAYMENT_STANDIN_PORT: must be a port number');
  const portNumber = standinPort.success ? standinPort.data : port + 2;
  const provider = env.PAYMENT_PROVIDER || (envName === 'production' ? 'none' : 'stripe');
  if (provider !== 'stripe' && provider !== 'none') problems.push('PAYMENT_PROVIDER: must be stripe or none');
  const base = (env.STRIPE_API_BASE_URL || (isStandin ? `http://127.0.0.1:${portNumber}` : 'https://api.stripe.com')).replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(base))
    problems.push('STRIPE_API_BASE_URL: must be an http(s):// origin without a path, e.g. https://api.stripe.com');
  if (envName === 'production' && !base.startsWith('https://')) problems.push('STRIPE_API_BASE_URL: must be https:// in production');
  const number = (name: string, min: number, max: number, fallback: number) => {
    const r = int(name, min, max).safeParse(env[name] || String(fallback));
    if (!r.success) problems.push(`${name}: ${r.error.issues.map((i) => i.message).join('; ')}`);
    return r.success ? r.data : fallback;
  };
  const adminDepartmentCode = env.PAYMENT_ADMIN_DEPARTMENT || 'digital';
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(adminDepartmentCode)) problems.push('PAYMENT_ADMIN_DEPARTMENT: must be a department code');
  return {
    provider: provider === 'none' ? 'none' : 'stripe',
    stripeSecretKey: env.STRIPE_SECRET_KEY || (isStandin ? `sk_test_${DEMO_SECRET_MARK}payment-standin` : undefined),
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || (isStandin ? `whsec_${DEMO_SECRET_MARK}payment-standin` : undefined),
    stripeApiBaseUrl: base,
    standin: isStandin,
    standinPort: portNumber,
    standinWebhookUrl: standinWebhookUrl(env.PAYMENT_STANDIN_WEBHOOK_URL, problems),
    sessionMinutes: number('PAYMENT_SESSION_MINUTES', 30, 1440, 60),
    reconcileAfterMinutes: number('PAYMENT_RECONCILE_AFTER_MINUTES', 1, 1440, 10),
    unpaidExpiryHours: number('APPLICATION_UNPAID_EXPIRY_HOURS', 1, 24 * 90, 72),
    waitingAlertHours: number('PAYMENT_WAITING_ALERT_HOURS', 1, 24 * 90, 24),
    adminDepartmentCode,
    adminPasswordRenewalDays: number('PAYMENT_ADMIN_PASSWORD_RENEWAL_DAYS', 0, 3650, 365),
  };
}

function standinWebhookUrl(value: string | undefined, problems: string[]): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(value)) problems.push('PAYMENT_STANDIN_WEBHOOK_URL: must be an http(s):// URL');
  return value;
}

function clamdAddress(value: string | undefined, problems: string[]): string | undefined {
  if (!value) return undefined;
  if (!/^(unix:\/.+|tcp:[A-Za-z0-9.:-]+:\d{1,5})$/.test(value))
    problems.push('CLAMD_ADDRESS: must be unix:/path/to/clamd.ctl or tcp:host:port, e.g. unix:/run/clamav/clamd.ctl');
  return value;
}

/** Demo-generated secrets carry this mark so production can recognise and refuse them. */
export const DEMO_SECRET_MARK = 'demo-';

/** ALERT_THRESHOLD_<DETECTOR>=count/minutes for each detector; unset ones keep DETECTOR_DEFAULTS. */
function detectorThresholds(env: Env, problems: string[]): Record<DetectorName, DetectorThreshold> {
  const out = { ...DETECTOR_DEFAULTS };
  for (const name of DETECTOR_NAMES) {
    const variable = `ALERT_THRESHOLD_${name.toUpperCase()}`;
    const raw = env[variable];
    if (!raw) continue;
    const m = /^(\d{1,6})\/(\d{1,5})$/.exec(raw.trim());
    const count = Number(m?.[1]);
    const minutes = Number(m?.[2]);
    if (!m || count < 1 || minutes < 1 || minutes > 10080)
      problems.push(`${variable}: must be "count/minutes" with count ≥ 1 and minutes 1–10080, e.g. "20/10" (got "${raw.slice(0, 40)}")`);
    else out[name] = { count, minutes };
  }
  return out;
}
