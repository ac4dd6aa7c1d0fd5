-- My Number card issuance, INTERNAL zone (cut off from the internet). Full personal data lives here,
-- encrypted per row (one AES-GCM envelope over a JSON object: name, kana, birth date, sex, postal code,
-- address, application id). Exact search goes through keyed blind indexes; a prefix or partial search
-- over encrypted values is not possible. Tables are prefixed card_int_ and are never joined with the
-- internet zone's card_net_ tables: the two zones exchange signed files only.

-- Settings per department that runs a card office (市民課 in the demo).
CREATE TABLE card_int_settings (
  department_id uuid PRIMARY KEY REFERENCES departments(id),
  -- reservation id (= 製造管理番号 printed on the notice) after normalisation: NFKC, upper case, no hyphen
  id_pattern text NOT NULL DEFAULT '^[0-9A-Z]{3}[0-9]{6}$',
  password_policy text NOT NULL DEFAULT 'birthday' CHECK (password_policy IN ('birthday', 'random')),
  booking_url text NOT NULL DEFAULT '',
  -- column mapping: { "<field>": "<header in the city's file>" } over the default layout
  column_mapping jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per imported issuance-list file; the file's SHA-256 is unique, so a re-import is refused.
CREATE TABLE card_int_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  file_sha256 text NOT NULL,
  file_name text NOT NULL,
  encoding text NOT NULL CHECK (encoding IN ('shift_jis', 'utf-8')),
  row_count integer NOT NULL CHECK (row_count >= 0),
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL,       -- staff id or 'cli'
  CONSTRAINT card_int_imports_file_unique UNIQUE (department_id, file_sha256)
);

CREATE TABLE card_int_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  import_id uuid NOT NULL REFERENCES card_int_imports(id),
  line_no integer NOT NULL,
  -- 製造管理番号, normalised (the reservation id of the booking site)
  control_no text NOT NULL CHECK (control_no ~ '^[0-9A-Z]{4,32}$'),
  shipping_no text NOT NULL CHECK (length(shipping_no) BETWEEN 1 AND 40),
  personal_enc text NOT NULL,      -- ctx.crypto envelope over the JSON of the personal fields
  kana_bidx text NOT NULL,         -- blind index of the normalised kana (katakana, NFKC, no spaces)
  birth_bidx text NOT NULL,        -- blind index of YYYY-MM-DD
  address_bidx text NOT NULL,      -- blind index of the normalised address (also groups households)
  application_bidx text NOT NULL,  -- blind index of the 申請書ID
  state text NOT NULL DEFAULT 'received' CHECK (state IN
    ('received', 'setup_done', 'letter_sent', 'booked', 'issued', 'returned', 'destroyed', 'uncollected')),
  received_at timestamptz NOT NULL,
  setup_done_at timestamptz,
  letter_sent_at timestamptz,
  booked_at timestamptz,
  issued_at timestamptz,
  returned_at timestamptz,
  destroyed_at timestamptz,
  uncollected_at timestamptz,
  state_changed_at timestamptz NOT NULL,
  password_policy text NOT NULL CHECK (password_policy IN ('birthday', 'random')),
  password_enc text,               -- random policy only: the generated password, encrypted (printed on the letter)
  CHECK ((password_policy = 'random') = (password_enc IS NOT NULL)),
  verifier text,                   -- argon2id PHC string, computed on first bundle export and cached
  letter_printed_at timestamptz,
  letter_print_count integer NOT NULL DEFAULT 0,
  -- booking as matched from the internet zone's booking file
  booking_ref text,
  booking_location text,
  booking_start timestamptz,
  booking_end timestamptz,
  booking_email_enc text,
  booking_group text[],
  booking_memo_enc text,
  booking_file_id uuid,
  CONSTRAINT card_int_cards_control_unique UNIQUE (control_no)
);
CREATE INDEX card_int_cards_dept_state ON card_int_cards (department_id, state);
CREATE INDEX card_int_cards_kana ON card_int_cards (kana_bidx);
CREATE INDEX card_int_cards_birth ON card_int_cards (birth_bidx);
CREATE INDEX card_int_cards_address ON card_int_cards (address_bidx);
CREATE INDEX card_int_cards_application ON card_int_cards (application_bidx);
CREATE INDEX card_int_cards_shipping ON card_int_cards (shipping_no);
CREATE INDEX card_int_cards_import ON card_int_cards (import_id);

-- Dated history of state changes (dashboard per day, and who did what: ids only).
CREATE TABLE card_int_state_log (
  id bigserial PRIMARY KEY,
  card_id uuid NOT NULL REFERENCES card_int_cards(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  from_state text,
  to_state text NOT NULL,
  changed_at timestamptz NOT NULL,
  source text NOT NULL              -- import | setup-result | issued-result | bookings | staff
);
CREATE INDEX card_int_state_log_dept_day ON card_int_state_log (department_id, changed_at);

CREATE TABLE card_int_notes (
  id bigserial PRIMARY KEY,
  card_id uuid NOT NULL REFERENCES card_int_cards(id),
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id)
);
CREATE INDEX card_int_notes_card ON card_int_notes (card_id);

-- Bundles exported to the internet zone. The sequence number is unique and strictly increasing.
CREATE TABLE card_int_bundle_exports (
  bundle_id uuid PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES departments(id),
  sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
  card_count integer NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);

-- Booking files imported from the internet zone: id and sequence unique, so a replay is refused.
CREATE TABLE card_int_booking_imports (
  file_id uuid PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES departments(id),
  sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
  row_count integer NOT NULL,
  matched integer NOT NULL,
  unmatched integer NOT NULL,
  conflicts integer NOT NULL,
  report jsonb NOT NULL DEFAULT '[]',  -- reservation ids and reasons only
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL
);

-- Progress result files (交付前設定結果, 交付済結果): the file hash is unique per kind.
CREATE TABLE card_int_result_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  kind text NOT NULL CHECK (kind IN ('setup', 'issued')),
  file_sha256 text NOT NULL,
  row_count integer NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL,
  UNIQUE (department_id, kind, file_sha256)
);
