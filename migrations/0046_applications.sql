-- E-applications (電子申請): procedures built by departments as versioned forms, applications with
-- encrypted answers and attachments, a department inbox, and fees paid on a provider's hosted page.
-- The payment tables hold only what the provider also sees (整理番号, amount) plus the provider's ids:
-- no name, address or answer is ever joined into a payment row.

-- A procedure (手続) belongs to one department. Its content lives in versions; an application keeps
-- the version it was filled in.
CREATE TABLE app_procedures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  -- the version citizens fill in now; NULL until first published
  published_version integer,
  archived_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id)
);
CREATE INDEX app_procedures_department ON app_procedures (department_id);

CREATE TABLE app_procedure_versions (
  procedure_id uuid NOT NULL REFERENCES app_procedures(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  -- the ProcedureDefinition (src/modules/applications/procedures/definition.ts), validated on write
  definition jsonb NOT NULL,
  -- a draft version is editable; once published it never changes
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id),
  PRIMARY KEY (procedure_id, version)
);
ALTER TABLE app_procedures
  ADD CONSTRAINT app_procedures_published_fk FOREIGN KEY (id, published_version) REFERENCES app_procedure_versions (procedure_id, version)
  DEFERRABLE INITIALLY DEFERRED;

-- An application. Personal data is field-encrypted: the answers as one JSON value, the contact
-- address for notices separately (it is read by the notice job without opening the answers).
CREATE TABLE app_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 整理番号: 10 characters from a 31-letter unambiguous alphabet, random (not a count of applications)
  reference_number text NOT NULL UNIQUE CHECK (reference_number ~ '^[2-9A-HJKMNP-Z]{10}$'),
  access_token_hash text NOT NULL UNIQUE,     -- SHA-256 of the secret status-link token
  procedure_id uuid NOT NULL REFERENCES app_procedures(id),
  procedure_version integer NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  status text NOT NULL CHECK (status IN (
    'awaiting_payment', 'received', 'in_review', 'correction_requested', 'paid', 'completed', 'rejected', 'withdrawn', 'expired')),
  channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api', 'line')),
  lang text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
  answers_enc text,                           -- NULL once erased
  email_enc text,
  line_user_id text,
  -- field keys the staff asked to correct (補正), while status = correction_requested
  correction_fields text[] NOT NULL DEFAULT '{}',
  -- the fee as computed at submission (yen); NULL = no fee
  fee_amount integer CHECK (fee_amount IS NULL OR fee_amount > 0),
  fee_quantity integer,
  -- when a fee became payable (at submission, or when staff accepted a 事後決済 application)
  payable_since timestamptz,
  assigned_staff_id uuid REFERENCES staff(id),
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  status_changed_at timestamptz NOT NULL,
  -- set when the application reaches a final state: erased after this (the procedure's retention)
  retain_until timestamptz,
  FOREIGN KEY (procedure_id, procedure_version) REFERENCES app_procedure_versions (procedure_id, version)
);
CREATE INDEX app_applications_inbox ON app_applications (department_id, submitted_at DESC);
CREATE INDEX app_applications_procedure ON app_applications (procedure_id, status);
CREATE INDEX app_applications_retention ON app_applications (retain_until) WHERE retain_until IS NOT NULL;
CREATE INDEX app_applications_awaiting ON app_applications (payable_since) WHERE status = 'awaiting_payment';

-- Every status change, with the comment shown to the citizen (encrypted: staff may write personal facts).
CREATE TABLE app_status_history (
  id bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES app_applications(id) ON DELETE CASCADE,
  status text NOT NULL,
  comment_enc text,
  correction_fields text[] NOT NULL DEFAULT '{}',
  changed_at timestamptz NOT NULL,
  changed_by_staff_id uuid REFERENCES staff(id),
  actor_type text NOT NULL CHECK (actor_type IN ('citizen', 'staff', 'system', 'payment'))
);
CREATE INDEX app_status_history_application ON app_status_history (application_id, id);

-- Staff-only notes on an application (never shown to the citizen).
CREATE TABLE app_notes (
  id bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES app_applications(id) ON DELETE CASCADE,
  staff_id uuid NOT NULL REFERENCES staff(id),
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX app_notes_application ON app_notes (application_id, id);

-- Save and resume: a partly filled form, reopened by a secret link mailed to the citizen.
CREATE TABLE app_drafts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL REFERENCES app_procedures(id) ON DELETE CASCADE,
  procedure_version integer NOT NULL,
  resume_token_hash text NOT NULL UNIQUE,
  answers_enc text NOT NULL,
  email_enc text NOT NULL,
  step integer NOT NULL DEFAULT 0,
  lang text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  FOREIGN KEY (procedure_id, procedure_version) REFERENCES app_procedure_versions (procedure_id, version)
);
CREATE INDEX app_drafts_expiry ON app_drafts (expires_at);

-- Attachments: content checked by magic bytes, metadata stripped, encrypted (AES-256-GCM, a data key per
-- file), scanned when clamd is configured. An upload belongs to no application until an application or
-- draft names it; unclaimed uploads are deleted after a day. Deleted with their application.
CREATE TABLE app_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid REFERENCES app_applications(id) ON DELETE CASCADE,
  draft_id uuid REFERENCES app_drafts(id) ON DELETE SET NULL,
  -- SHA-256 of the uploader's claim token, so only the browser or API client that uploaded it can attach it
  owner_token_hash text NOT NULL,
  field_key text,
  filename_enc text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content_enc bytea NOT NULL,
  scan_status text NOT NULL CHECK (scan_status IN ('clean', 'not_scanned')),
  metadata_stripped boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX app_files_application ON app_files (application_id);
CREATE INDEX app_files_unclaimed ON app_files (created_at) WHERE application_id IS NULL;

-- One attempt to pay an application's fee on the provider's hosted page. Several may exist (a retry
-- after expiry, two browser tabs); at most one counts as the application's payment (partial unique
-- index), a second paid one is refunded automatically.
CREATE TABLE app_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid REFERENCES app_applications(id) ON DELETE SET NULL,
  reference_number text NOT NULL,              -- what the provider saw (client_reference_id)
  provider text NOT NULL,
  provider_payment_id text,                    -- e.g. Stripe's cs_… (NULL until the provider answered)
  provider_payment_intent text,                -- the charge to refund (Stripe pi_…)
  idempotency_key text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'jpy' CHECK (currency = 'jpy'),
  status text NOT NULL CHECK (status IN ('creating', 'pending', 'paid', 'expired', 'cancelled', 'failed', 'refunded', 'partially_refunded')),
  counted boolean NOT NULL DEFAULT false,
  method text,                                  -- card | apple_pay | paypay | …
  hosted_url text,
  refunded_amount integer NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  revenue_account_code text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  paid_at timestamptz,
  final_at timestamptz,
  last_checked_at timestamptz,
  next_check_at timestamptz,
  UNIQUE (provider, provider_payment_id)
);
CREATE UNIQUE INDEX app_payments_one_counted ON app_payments (application_id) WHERE counted;
CREATE INDEX app_payments_application ON app_payments (application_id);
CREATE INDEX app_payments_reconcile ON app_payments (next_check_at) WHERE status IN ('creating', 'pending');
CREATE INDEX app_payments_paid_at ON app_payments (paid_at) WHERE paid_at IS NOT NULL;

-- Provider notifications, once each (idempotent by the provider's event id).
CREATE TABLE app_payment_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  provider_payment_id text,
  outcome text NOT NULL,                        -- applied | ignored_final | unknown_payment | mismatch | …
  received_at timestamptz NOT NULL,
  PRIMARY KEY (provider, event_id)
);
CREATE INDEX app_payment_events_received ON app_payment_events (received_at);

-- Refunds: asked by one payment administrator, approved by another (never the same person).
CREATE TABLE app_refunds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES app_payments(id),
  amount integer NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status text NOT NULL CHECK (status IN ('requested', 'approved', 'succeeded', 'failed', 'rejected')),
  automatic boolean NOT NULL DEFAULT false,     -- a duplicate payment refunded by the system
  requested_by uuid REFERENCES staff(id),
  requested_at timestamptz NOT NULL,
  decided_by uuid REFERENCES staff(id),
  decided_at timestamptz,
  provider_refund_id text,
  idempotency_key text NOT NULL UNIQUE,
  CHECK (automatic OR requested_by IS NOT NULL),
  CHECK (decided_by IS NULL OR requested_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX app_refunds_payment ON app_refunds (payment_id);

-- Payment administrators: a role only the digital promotion office's members hold (checked in code
-- against PAYMENT_ADMIN_DEPARTMENT).
ALTER TABLE staff_memberships DROP CONSTRAINT IF EXISTS staff_memberships_role_check;
ALTER TABLE staff_memberships ADD CONSTRAINT staff_memberships_role_check
  CHECK (role IN ('sys-admin', 'dept-admin', 'staff', 'payment_admin'));
