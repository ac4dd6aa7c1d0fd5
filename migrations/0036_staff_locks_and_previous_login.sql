-- Staff identity: the second factor locks after repeated wrong codes (counted in one conditional
-- UPDATE, like the password lockout of failed_login_count/locked_until), and the staff home shows
-- the log-in BEFORE the current one, so the current log-in is kept apart from the previous one.
ALTER TABLE staff ADD COLUMN mfa_failed_count integer NOT NULL DEFAULT 0 CHECK (mfa_failed_count >= 0);
ALTER TABLE staff ADD COLUMN mfa_locked_until timestamptz;
ALTER TABLE staff ADD COLUMN previous_login_at timestamptz;
ALTER TABLE staff ADD COLUMN previous_login_ip text;
