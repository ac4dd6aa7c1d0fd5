-- LINE channel: the only LINE datum kept is the user id (友だちID) and whether they follow the account.
-- Webhook events are recorded by webhookEventId so a redelivered event takes effect once.

CREATE TABLE line_users (
  line_user_id text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  is_following boolean NOT NULL,
  followed_at timestamptz,
  unfollowed_at timestamptz,
  updated_at timestamptz NOT NULL
);

-- One row per accepted webhook event; the primary key is the redelivery guard.
CREATE TABLE line_webhook_events (
  webhook_event_id text PRIMARY KEY CHECK (length(webhook_event_id) BETWEEN 1 AND 100),
  event_type text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX line_webhook_events_received ON line_webhook_events (received_at);

-- Pushes madoguchi made (notices): the retry key is unique, so a retried job reuses it and LINE
-- (which also deduplicates by X-Line-Retry-Key) delivers the message once.
CREATE TABLE line_pushes (
  retry_key uuid PRIMARY KEY,
  line_user_id text NOT NULL,
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 60),
  status text NOT NULL CHECK (status IN ('sent', 'skipped_unfollowed')),
  created_at timestamptz NOT NULL
);
CREATE INDEX line_pushes_user ON line_pushes (line_user_id, created_at);
