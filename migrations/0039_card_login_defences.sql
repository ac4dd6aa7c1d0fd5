-- Card booking site: bundle replays are judged per department, and the log-in guard escalates.

-- A bundle's sequence is its department's own counter: two departments may both send sequence 1.
ALTER TABLE card_net_bundle_imports DROP CONSTRAINT card_net_bundle_imports_sequence_key;
ALTER TABLE card_net_bundle_imports ADD CONSTRAINT card_net_bundle_imports_department_sequence_key UNIQUE (department_id, sequence);

-- Per-id escalation: each lock is longer than the one before (lock_count), and after a total number of
-- failures without a successful log-in (failures_total) the id stays locked until staff unlock it.
ALTER TABLE card_net_login_guard
  ADD COLUMN lock_count integer NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
  ADD COLUMN failures_total integer NOT NULL DEFAULT 0 CHECK (failures_total >= 0),
  ADD COLUMN staff_unlock_required boolean NOT NULL DEFAULT false;

-- Log-in settings of the booking site (one row), with the site-wide circuit breaker. When failed
-- log-ins spread over more than failed_ids_limit distinct ids within window_seconds, it trips for
-- trip_minutes: every log-in then also needs the shipping number printed on the letter. The
-- thresholds are settings: UPDATE this row to change them. login_keypad is the keyboard phones offer for
-- the passwords the letters carry: 'numeric' for the birthday policy (the default), 'text' for random ones
-- (the internet zone cannot see the office's password policy).
CREATE TABLE card_net_login_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  login_keypad text NOT NULL DEFAULT 'numeric' CHECK (login_keypad IN ('numeric', 'text')),
  failed_ids_limit integer NOT NULL DEFAULT 100 CHECK (failed_ids_limit > 0),
  window_seconds integer NOT NULL DEFAULT 600 CHECK (window_seconds BETWEEN 60 AND 86400),
  trip_minutes integer NOT NULL DEFAULT 60 CHECK (trip_minutes BETWEEN 1 AND 10080),
  tripped_at timestamptz,
  tripped_until timestamptz
);
INSERT INTO card_net_login_settings (id) VALUES (true);
