-- Intrusion detection (src/modules/operations/detection): per-minute counts of things too frequent to be
-- an event each, the alerts the detectors open, and the alert mails (so a flood becomes few mails).

-- One row per (source, key, minute), incremented by a single upsert: failed card-site log-ins and
-- not-found reference look-ups per client address, 5xx answers (flushed by each web process once a minute).
CREATE TABLE security_counts (
  source text NOT NULL,
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL CHECK (count > 0),
  PRIMARY KEY (source, window_start, key)
);
CREATE INDEX security_counts_window ON security_counts (window_start);

-- An alert per detector and key (a client address, a staff id or 'global'). While it is not closed, new
-- hits update it (the partial unique index guarantees one at a time, whatever the number of workers).
CREATE TABLE alerts (
  id bigserial PRIMARY KEY,
  detector text NOT NULL,
  key text NOT NULL,
  key_kind text NOT NULL CHECK (key_kind IN ('client', 'staff', 'global')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  count integer NOT NULL CHECK (count > 0),
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  opened_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES staff(id),
  closed_at timestamptz,
  closed_by uuid REFERENCES staff(id),
  close_note text CHECK (length(close_note) <= 500),
  -- when a mail (immediate or digest) first listed it; null: not mailed (yet, or never: internal zone)
  notified_at timestamptz,
  -- opened or updated since the last mail that listed it: goes into the next digest
  digest_pending boolean NOT NULL DEFAULT false,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX alerts_one_active ON alerts (detector, key) WHERE status <> 'closed';
CREATE INDEX alerts_recent ON alerts (last_seen_at DESC);
CREATE INDEX alerts_closed ON alerts (detector, key, closed_at) WHERE status = 'closed';
CREATE INDEX alerts_digest ON alerts (id) WHERE digest_pending;

-- When each detector last ran: the next run counts hits after it as new.
CREATE TABLE alert_detector_runs (
  detector text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);

-- Each alert mail, written in the detectors' transaction and sent by a job: the immediate mails of the last
-- digest period are counted from here, and a digest is written at most once per period. Subject and text
-- hold ids, addresses and counts only, never personal data.
CREATE TABLE alert_mails (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('immediate', 'digest')),
  queued_at timestamptz NOT NULL,
  alert_ids bigint[] NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  sent_at timestamptz
);
CREATE INDEX alert_mails_recent ON alert_mails (kind, queued_at);
