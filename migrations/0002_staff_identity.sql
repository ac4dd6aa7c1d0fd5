-- Staff identity additions: a TOTP secret waiting for confirmation during set-up (encrypted like
-- totp_secret_enc), and an index for the administrators' unacknowledged security alerts.
ALTER TABLE staff ADD COLUMN totp_pending_secret_enc text;
CREATE INDEX security_events_open ON security_events (occurred_at DESC) WHERE acknowledged_at IS NULL;
CREATE INDEX throttle_counters_window ON throttle_counters (window_start);
