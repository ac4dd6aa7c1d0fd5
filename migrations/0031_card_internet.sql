-- My Number card issuance, INTERNET zone (the booking site). Pseudonymous by construction: a card is
-- only its reservation id (製造管理番号), a password verifier (argon2id, never the password) and the
-- shipping number. No name, address, birth date or sex is ever stored here (a test asserts on these
-- tables' columns and contents). Tables are prefixed card_net_ and never joined with card_int_ tables.

-- Bundles imported from the internal zone: id and sequence unique, so a replay is refused.
CREATE TABLE card_net_bundle_imports (
  bundle_id uuid PRIMARY KEY,
  sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
  department_id uuid NOT NULL REFERENCES departments(id),
  card_count integer NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL
);

CREATE TABLE card_net_cards (
  reservation_id text PRIMARY KEY CHECK (reservation_id ~ '^[0-9A-Z]{4,32}$'),
  department_id uuid NOT NULL REFERENCES departments(id),
  verifier text NOT NULL CHECK (verifier LIKE '$argon2id$%'),
  shipping_no text NOT NULL,
  -- false when the latest bundle no longer carries the card (issued, returned, destroyed)
  is_active boolean NOT NULL DEFAULT true,
  bundle_id uuid NOT NULL REFERENCES card_net_bundle_imports(bundle_id),
  updated_at timestamptz NOT NULL
);

-- Per-reservation-id log-in guard, keyed by the normalised id whether or not a card exists (so an
-- unknown id locks exactly like a known one: no existence oracle). An attempt is CLAIMED with a
-- conditional upsert before the password is checked, so concurrent guesses cannot exceed the limit.
CREATE TABLE card_net_login_guard (
  id_key text PRIMARY KEY,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);

CREATE TABLE card_net_sessions (
  token_hash text PRIMARY KEY,
  reservation_id text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE card_net_locations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_en text NOT NULL DEFAULT '',
  -- capacity of a slot = open counters × people one counter serves in a slot
  counters integer NOT NULL CHECK (counters BETWEEN 0 AND 100),
  people_per_counter integer NOT NULL DEFAULT 2 CHECK (people_per_counter BETWEEN 1 AND 50),
  slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes IN (10, 15, 20, 30, 60)),
  open_time text NOT NULL DEFAULT '09:00' CHECK (open_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  close_time text NOT NULL DEFAULT '17:00' CHECK (close_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  is_active boolean NOT NULL DEFAULT true
);

-- Same technique as the reservation engine's slots: capacity counts people; a booking takes n seats
-- with one conditional UPDATE (booked + n <= capacity), and the CHECK is the last line of defence.
CREATE TABLE card_net_slots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL REFERENCES card_net_locations(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  capacity integer NOT NULL CHECK (capacity >= 0),
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  CONSTRAINT card_net_slots_capacity CHECK (booked <= capacity),
  UNIQUE (location_id, starts_at)
);
CREATE INDEX card_net_slots_time ON card_net_slots (starts_at);

CREATE TABLE card_net_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text NOT NULL UNIQUE,           -- booking number shown to the citizen
  slot_id uuid NOT NULL REFERENCES card_net_slots(id),
  party_size integer NOT NULL CHECK (party_size BETWEEN 1 AND 10),
  status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
  email_enc text,                     -- optional, encrypted; only for completion and reminder mails
  memo_enc text,                      -- optional, encrypted
  created_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  created_by_staff uuid,              -- phone booking on the citizen's behalf
  reminder_sent_at timestamptz
);
CREATE INDEX card_net_bookings_slot ON card_net_bookings (slot_id);

-- Cards booked together (a household). A card is in at most one active booking.
CREATE TABLE card_net_booking_members (
  booking_id uuid NOT NULL REFERENCES card_net_bookings(id),
  reservation_id text NOT NULL REFERENCES card_net_cards(reservation_id),
  is_active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (booking_id, reservation_id)
);
CREATE UNIQUE INDEX card_net_booking_members_one_active ON card_net_booking_members (reservation_id) WHERE is_active;

-- Booking files exported to the internal zone (sequence strictly increasing).
CREATE TABLE card_net_booking_exports (
  file_id uuid PRIMARY KEY,
  sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
  row_count integer NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
