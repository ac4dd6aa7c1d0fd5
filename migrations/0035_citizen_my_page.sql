-- Citizen My Page without phone-number access (issue 9, H-1).
-- * A booking's e-mail blind index: "my bookings" are listed only after the citizen proves control of
--   the address (a single-use link mailed to it). Bookings made before this migration have none and
--   stay reachable per booking only (its mailed link, or its number + phone).
-- * My Page sessions live in the database (revocable): the cookie holds a random token, stored here
--   only as its SHA-256; each session has an absolute expiry and is revoked on "close My Page".
-- * English descriptions of services (shown on English pages; Japanese when empty).

ALTER TABLE rsv_reservations ADD COLUMN email_index text;
CREATE INDEX rsv_reservations_email ON rsv_reservations (email_index) WHERE email_index IS NOT NULL;

ALTER TABLE rsv_services ADD COLUMN description_en text NOT NULL DEFAULT '';

CREATE TABLE rsv_my_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  -- set when the session was opened by a link mailed to this address (blind index): it then lists
  -- every booking with that e-mail
  email_index text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX rsv_my_sessions_expiry ON rsv_my_sessions (expires_at);

-- The single bookings a session has proven access to (just booked, mailed link, number + phone).
CREATE TABLE rsv_my_session_grants (
  session_id uuid NOT NULL REFERENCES rsv_my_sessions(id) ON DELETE CASCADE,
  reservation_id uuid NOT NULL REFERENCES rsv_reservations(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, reservation_id)
);

-- Single-use, expiring sign-in links mailed to an address. Only the token's SHA-256 is kept; using a
-- link is one conditional UPDATE (used_at IS NULL AND expires_at > now), so it works once.
CREATE TABLE rsv_email_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  email_index text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX rsv_email_links_expiry ON rsv_email_links (expires_at);
