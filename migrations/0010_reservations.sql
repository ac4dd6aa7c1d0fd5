-- Counter and consultation reservations: bookable services, schedules, closures, input fields,
-- materialised slots (the capacity invariant), reservations, status history, idempotency keys.
-- All times are Asia/Tokyo (+09:00, no DST); instants are stored as timestamptz.

CREATE TABLE rsv_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  kind text NOT NULL DEFAULT 'counter' CHECK (kind IN ('counter', 'consultation')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_en text,
  description text NOT NULL DEFAULT '',
  place text NOT NULL DEFAULT '',
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  -- number of open windows: bookings per time slot
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  -- booking window: opens this many days ahead; closes (for booking, and for change/cancel by the
  -- citizen) this many minutes before the slot starts
  opens_days_ahead integer NOT NULL DEFAULT 60 CHECK (opens_days_ahead BETWEEN 1 AND 400),
  book_until_minutes integer NOT NULL DEFAULT 60 CHECK (book_until_minutes BETWEEN 0 AND 43200),
  change_until_minutes integer NOT NULL DEFAULT 60 CHECK (change_until_minutes BETWEEN 0 AND 43200),
  closed_on_national_holidays boolean NOT NULL DEFAULT true,
  closed_year_end boolean NOT NULL DEFAULT true,      -- 12/29 to 1/3
  reminder_days_before integer NOT NULL DEFAULT 1 CHECK (reminder_days_before BETWEEN 0 AND 30),
  reminder_time text NOT NULL DEFAULT '10:00' CHECK (reminder_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  reminders_enabled boolean NOT NULL DEFAULT true,
  -- personal data of a booking is erased this many days after its date
  retention_days integer NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650),
  is_active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rsv_services_department ON rsv_services (department_id);

-- Weekly schedule: time ranges per weekday (0 = Sunday); slots of duration_minutes fill each range.
CREATE TABLE rsv_schedule_ranges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES rsv_services(id) ON DELETE CASCADE,
  weekday integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
  CHECK (start_time < end_time)
);
CREATE INDEX rsv_schedule_ranges_service ON rsv_schedule_ranges (service_id);

-- The city's own closures and extra openings. service_id NULL: city-wide (every service).
-- 'closed' without times closes the whole day; 'open' adds a time range on a day that is otherwise
-- closed (a holiday, a weekend, the year-end) or not scheduled.
CREATE TABLE rsv_calendar_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid REFERENCES rsv_services(id) ON DELETE CASCADE,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('closed', 'open')),
  start_time text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text CHECK (end_time ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'closed' AND start_time IS NULL AND end_time IS NULL)
      OR (kind = 'open' AND start_time IS NOT NULL AND end_time IS NOT NULL AND start_time < end_time))
);
CREATE INDEX rsv_calendar_exceptions_day ON rsv_calendar_exceptions (day);

-- Input fields per service. The keys name, phone and email are stored in their own (encrypted)
-- columns; every other key goes into the encrypted fields document.
CREATE TABLE rsv_service_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES rsv_services(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label_ja text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 100),
  label_en text NOT NULL DEFAULT '',
  type text NOT NULL CHECK (type IN ('text', 'textarea', 'tel', 'email', 'choice')),
  required boolean NOT NULL DEFAULT false,
  classification text NOT NULL DEFAULT 'personal' CHECK (classification IN ('personal', 'sensitive', 'none')),
  options jsonb,                      -- choice: [{ "value", "ja", "en" }]
  max_length integer NOT NULL DEFAULT 200 CHECK (max_length BETWEEN 1 AND 4000),
  position integer NOT NULL DEFAULT 0,
  UNIQUE (service_id, key),
  CHECK (key NOT IN ('name', 'phone') OR required),
  CHECK ((type = 'choice') = (options IS NOT NULL))
);

-- Materialised slots: the capacity invariant lives here. A booking takes a seat with
--   UPDATE rsv_slots SET booked = booked + 1 WHERE id = $1 AND booked + 1 <= capacity
-- so concurrent attempts on any number of processes can never exceed capacity.
CREATE TABLE rsv_slots (
  id bigserial PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES rsv_services(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 0),
  booked integer NOT NULL DEFAULT 0,
  -- seats added by a department administrator's deliberate overbooking (audited)
  overbooked integer NOT NULL DEFAULT 0 CHECK (overbooked >= 0),
  CONSTRAINT rsv_slots_capacity CHECK (booked >= 0 AND booked <= capacity),
  UNIQUE (service_id, starts_at)
);

CREATE TABLE rsv_reservations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 8 characters from a 31-letter unambiguous alphabet (~40 bits), random, not sequential
  reservation_number text NOT NULL UNIQUE CHECK (reservation_number ~ '^[2-9A-HJKMNP-Z]{8}$'),
  access_token_hash text NOT NULL UNIQUE,   -- SHA-256 of the 128-bit secret link token
  service_id uuid NOT NULL REFERENCES rsv_services(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  slot_id bigint NOT NULL REFERENCES rsv_slots(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'arrived', 'done', 'no_show', 'cancelled')),
  channel text NOT NULL CHECK (channel IN ('web', 'phone', 'line')),
  line_user_id text,
  name_enc text,
  phone_enc text,
  phone_index text,
  email_enc text,
  fields_enc text,                          -- JSON of the other fields, encrypted as one value
  created_by_staff_id uuid REFERENCES staff(id),
  status_changed_at timestamptz,
  status_changed_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  anonymised_at timestamptz,
  -- a personal-data-free booking must have been anonymised
  CHECK (anonymised_at IS NOT NULL OR (name_enc IS NOT NULL AND phone_enc IS NOT NULL))
);
CREATE INDEX rsv_reservations_dept_time ON rsv_reservations (department_id, starts_at);
CREATE INDEX rsv_reservations_service_time ON rsv_reservations (service_id, starts_at);
CREATE INDEX rsv_reservations_phone ON rsv_reservations (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX rsv_reservations_line_user ON rsv_reservations (line_user_id) WHERE line_user_id IS NOT NULL;
CREATE INDEX rsv_reservations_retention ON rsv_reservations (starts_at) WHERE anonymised_at IS NULL;

-- Who changed a booking's status, and when (citizen changes have no staff id).
CREATE TABLE rsv_status_history (
  id bigserial PRIMARY KEY,
  reservation_id uuid NOT NULL REFERENCES rsv_reservations(id) ON DELETE CASCADE,
  status text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by_staff_id uuid REFERENCES staff(id),
  actor_type text NOT NULL CHECK (actor_type IN ('citizen', 'staff', 'system', 'line'))
);
CREATE INDEX rsv_status_history_reservation ON rsv_status_history (reservation_id, id);

-- Idempotency keys: the first booking made with a key is the answer to every retry. The row is
-- written in the booking's own transaction, so a failed attempt leaves no key behind. The stored
-- response (it holds the access token) is field-encrypted and purged after a day.
CREATE TABLE rsv_idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
  request_hash text NOT NULL,
  reservation_id uuid REFERENCES rsv_reservations(id) ON DELETE CASCADE,
  response_enc text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX rsv_idempotency_keys_created ON rsv_idempotency_keys (created_at);
