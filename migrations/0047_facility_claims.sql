-- Childcare facility claims (施設型給付費・地域型保育給付費): facilities and their users, the e-mailed one-time
-- password log-in, the staff roster (職員名簿), child counts imported from the city's core system, application
-- items (加算) per fiscal year, and submissions (claims and forms) with the city's review.
-- No child's personal data is stored anywhere here: counts only.
-- Personal fields of people (facility users, roster staff) are field-encrypted (*_enc), bound to their column.

CREATE TABLE fc_facilities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- hoikusho 保育所, kodomoen 認定こども園, yochien 幼稚園 (施設型給付), shokibo-a/b/c 小規模保育 A/B/C,
  -- jigyoshonai 事業所内保育, katei 家庭的保育 (地域型保育給付)
  type text NOT NULL CHECK (type IN ('hoikusho', 'kodomoen', 'yochien', 'shokibo-a', 'shokibo-b', 'shokibo-c', 'jigyoshonai', 'katei')),
  operator_name text NOT NULL DEFAULT '' CHECK (length(operator_name) <= 100),
  -- 地域区分 as the percentage of the region (20/100地域 … 3/100地域); 0 = その他地域
  region_percent smallint NOT NULL DEFAULT 0 CHECK (region_percent IN (0, 3, 6, 10, 12, 15, 16, 20)),
  capacity_1 integer NOT NULL DEFAULT 0 CHECK (capacity_1 BETWEEN 0 AND 999),   -- 利用定員 1号
  capacity_23 integer NOT NULL DEFAULT 0 CHECK (capacity_23 BETWEEN 0 AND 999), -- 利用定員 2・3号
  postal_code text CHECK (postal_code IS NULL OR postal_code ~ '^[0-9]{7}$'),
  address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Facility users (1–2 per facility, enforced by the operation under the facility's row lock). The e-mail
-- address is registered by city staff from the facility's notification; no facility route can change it.
CREATE TABLE fc_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  login_id text NOT NULL UNIQUE CHECK (login_id ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name_enc text NOT NULL,
  email_enc text NOT NULL,
  email_index text NOT NULL,            -- blind index of the address (per-address throttling)
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until timestamptz,
  last_login_at timestamptz,
  created_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fc_users_facility ON fc_users (facility_id);

-- One row per log-in attempt that passed the password: the code is bound to this challenge.
CREATE TABLE fc_otp_challenges (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 20 AND 64),  -- challengeId: random, returned to the client
  user_id uuid NOT NULL REFERENCES fc_users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,                                  -- HMAC of (challenge id, code), never the code
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'used', 'dead', 'superseded')),
  client_ip text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX fc_otp_challenges_user ON fc_otp_challenges (user_id, created_at);

CREATE TABLE fc_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES fc_users(id) ON DELETE CASCADE,
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX fc_sessions_user ON fc_sessions (user_id);

-- 職員名簿: the current state of each person; dated changes in fc_staff_history.
CREATE TABLE fc_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  name_enc text NOT NULL,
  name_kana_enc text,
  birth_date_enc text NOT NULL,
  address_enc text NOT NULL,
  qualification_number_enc text,        -- 保育士登録番号 etc.
  -- qualification kinds held: hoikushi 保育士, kyoyu 幼稚園教諭免許, kangoshi 看護師・保健師, eiyoshi 栄養士,
  -- kanri-eiyoshi 管理栄養士, chorishi 調理師
  qualifications text[] NOT NULL DEFAULT '{}',
  role text NOT NULL CHECK (role IN ('director', 'vice-director', 'chief', 'sub-chief', 'nursery-teacher', 'kodomoen-teacher',
    'kindergarten-teacher', 'nurse', 'nutritionist', 'cook', 'clerk', 'assistant', 'other')),
  employment text NOT NULL CHECK (employment IN ('full-time', 'part-time')),
  weekly_hours numeric(4,1) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 60),
  hired_on date NOT NULL,
  left_on date CHECK (left_on IS NULL OR left_on >= hired_on),
  prior_experience_months integer NOT NULL DEFAULT 0 CHECK (prior_experience_months BETWEEN 0 AND 720),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fc_staff_facility ON fc_staff (facility_id);

CREATE TABLE fc_staff_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES fc_staff(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('hire', 'role-change', 'employment-change', 'leave-start', 'leave-end', 'retire')),
  effective_on date NOT NULL,
  role text,
  employment text CHECK (employment IS NULL OR employment IN ('full-time', 'part-time')),
  weekly_hours numeric(4,1) CHECK (weekly_hours IS NULL OR (weekly_hours > 0 AND weekly_hours <= 60)),
  note_enc text,
  recorded_by uuid REFERENCES fc_users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fc_staff_history_staff ON fc_staff_history (staff_id, effective_on);

-- Child counts (月初日の利用子ども数) imported by the enrolment division, one file per month, all or nothing.
CREATE TABLE fc_count_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  file_sha256 text NOT NULL,
  file_name text,
  encoding text NOT NULL CHECK (encoding IN ('cp932', 'utf-8')),
  line_count integer NOT NULL,
  facility_count integer NOT NULL,
  imported_by uuid REFERENCES staff(id),
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fc_child_counts (
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  cert_class smallint NOT NULL CHECK (cert_class IN (1, 2, 3)),
  -- 3号: age0 乳児, age1-2 1・2歳児; 2号: age3 3歳児, age4plus 4歳以上児; 1号: mansan 満3歳児, age3, age4plus
  age_band text NOT NULL CHECK (age_band IN ('age0', 'age1-2', 'age3', 'age4plus', 'mansan')),
  -- 2・3号: standard 保育標準時間 / short 保育短時間; 1号: education 教育標準時間
  need text NOT NULL CHECK (need IN ('standard', 'short', 'education')),
  count integer NOT NULL CHECK (count BETWEEN 0 AND 9999),
  import_id uuid NOT NULL REFERENCES fc_count_imports(id),
  PRIMARY KEY (facility_id, month, cert_class, age_band, need),
  CHECK ((cert_class = 3 AND age_band IN ('age0', 'age1-2') AND need IN ('standard', 'short'))
      OR (cert_class = 2 AND age_band IN ('age3', 'age4plus') AND need IN ('standard', 'short'))
      OR (cert_class = 1 AND age_band IN ('mansan', 'age3', 'age4plus') AND need = 'education'))
);

-- The facility's answer to the month's imported counts: confirmed, or queried with a message to the city.
CREATE TABLE fc_count_reviews (
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  import_id uuid NOT NULL REFERENCES fc_count_imports(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'queried', 'answered')),
  query_text text CHECK (query_text IS NULL OR length(query_text) <= 2000),
  answer_text text CHECK (answer_text IS NULL OR length(answer_text) <= 2000),
  updated_by_user uuid REFERENCES fc_users(id),
  updated_by_staff uuid REFERENCES staff(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (facility_id, month)
);

-- Application items (加算の申請事項) per fiscal year, dated: a change adds a row effective from a date.
CREATE TABLE fc_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2015 AND 2100),
  item_code text NOT NULL CHECK (item_code ~ '^[a-z0-9-]{1,40}$'),
  effective_from date NOT NULL,
  claimed boolean NOT NULL,
  value jsonb NOT NULL DEFAULT '{}',     -- the values the item needs (e.g. {"kubun":"2"}), see shared/types.ts
  recorded_by uuid REFERENCES fc_users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility_id, fiscal_year, item_code, effective_from)
);

-- Submissions: one row per version of a form for a period. The content (filled from the roster, counts
-- and items, and may name staff) is field-encrypted; `summary` holds non-personal totals for lists/export.
CREATE TABLE fc_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL REFERENCES fc_facilities(id),
  form text NOT NULL CHECK (form IN ('monthly-claim', 'shogu-plan', 'shogu-report', 'addition-national', 'addition-prefecture', 'addition-city')),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-[0-9]{2})?$'),  -- YYYY-MM (monthly) or YYYY (fiscal year)
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded')),
  content_enc text NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}',
  total_amount bigint,                   -- yen, monthly claim only
  submitted_at timestamptz,
  submitted_by uuid REFERENCES fc_users(id),
  decided_at timestamptz,
  decided_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility_id, form, period, version)
);
-- At most one version in work (draft, submitted or returned) per facility, form and period.
CREATE UNIQUE INDEX fc_submissions_one_open ON fc_submissions (facility_id, form, period)
  WHERE status IN ('draft', 'submitted', 'returned');
-- At most one approved version in force.
CREATE UNIQUE INDEX fc_submissions_one_approved ON fc_submissions (facility_id, form, period) WHERE status = 'approved';
CREATE INDEX fc_submissions_review ON fc_submissions (form, period, status);

-- An approved submission is locked: its content never changes; it can only become superseded by a newer
-- approved version (status change alone). A superseded one is final.
CREATE FUNCTION fc_submissions_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'superseded' THEN
    RAISE EXCEPTION 'fc_submissions %: a superseded version is final', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'approved' AND (NEW.status <> 'superseded' OR NEW.content_enc IS DISTINCT FROM OLD.content_enc
      OR NEW.summary IS DISTINCT FROM OLD.summary OR NEW.total_amount IS DISTINCT FROM OLD.total_amount
      OR NEW.version <> OLD.version OR NEW.period <> OLD.period OR NEW.form <> OLD.form OR NEW.facility_id <> OLD.facility_id) THEN
    RAISE EXCEPTION 'fc_submissions %: an approved version is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fc_submissions_lock BEFORE UPDATE ON fc_submissions FOR EACH ROW EXECUTE FUNCTION fc_submissions_lock();

CREATE FUNCTION fc_submissions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('approved', 'superseded') THEN
    RAISE EXCEPTION 'fc_submissions %: an approved version cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER fc_submissions_no_delete BEFORE DELETE ON fc_submissions FOR EACH ROW EXECUTE FUNCTION fc_submissions_no_delete();

-- What happened to a submission: created, submitted, returned (with the city's comment), approved, withdrawn.
CREATE TABLE fc_submission_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES fc_submissions(id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('created', 'updated', 'submitted', 'returned', 'approved', 'withdrawn', 'superseded')),
  actor_type text NOT NULL CHECK (actor_type IN ('facility', 'staff', 'system')),
  actor_id uuid,
  comment text CHECK (comment IS NULL OR length(comment) <= 4000),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fc_submission_events_submission ON fc_submission_events (submission_id, id);
