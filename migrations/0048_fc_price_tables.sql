-- Unit-price tables of childcare facility claims (公定価格単価表 and the city's and prefecture's own items), one
-- per import: a table is never edited; a corrected table is a new import, and the newest import of a fiscal
-- year is the one in force. The format of the imported file is docs/facility-claims/price-table.md.

CREATE TABLE fc_price_tables (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2015 AND 2100),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  is_sample boolean NOT NULL,
  -- how the per-child unit price is rounded: floor or round to 1, 10 or 100 yen
  rounding text NOT NULL CHECK (rounding IN ('floor-1', 'floor-10', 'floor-100', 'round-1', 'round-10', 'round-100')),
  -- SHA-256 of the imported file's bytes: importing the identical file again is refused
  source_sha256 text NOT NULL UNIQUE CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  entry_count integer NOT NULL CHECK (entry_count > 0),
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text NOT NULL CHECK (length(imported_by) BETWEEN 1 AND 100)
);
CREATE INDEX fc_price_tables_year ON fc_price_tables (fiscal_year, imported_at DESC);

-- One price: NULL in a dimension column means "any" (the file's *). The most specific entry wins a look-up.
CREATE TABLE fc_price_entries (
  table_id uuid NOT NULL REFERENCES fc_price_tables(id) ON DELETE CASCADE,
  line integer NOT NULL CHECK (line > 0),                  -- line (CSV) or entry number (JSON) in the file
  region_percent smallint CHECK (region_percent IN (0, 3, 6, 10, 12, 15, 16, 20)),
  facility_type text CHECK (facility_type IN ('hoikusho', 'kodomoen', 'yochien', 'shokibo-a', 'shokibo-b', 'shokibo-c', 'jigyoshonai', 'katei')),
  capacity_min integer NOT NULL DEFAULT 0 CHECK (capacity_min BETWEEN 0 AND 9999),
  capacity_max integer CHECK (capacity_max IS NULL OR (capacity_max BETWEEN capacity_min AND 9999)),
  cert_class smallint CHECK (cert_class IN (1, 2, 3)),
  age_band text CHECK (age_band IN ('age0', 'age1-2', 'age3', 'age4plus', 'mansan')),
  need text CHECK (need IN ('standard', 'short', 'education')),
  item text NOT NULL CHECK (item ~ '^[a-z0-9-]{1,40}$'),
  unit text NOT NULL CHECK (unit IN ('per-child-month', 'facility-month', 'percent-of-basic', 'rate-by-experience')),
  amount numeric(12, 3) NOT NULL CHECK (amount >= 0),
  experience_min numeric(4, 1),
  experience_max numeric(4, 1),
  PRIMARY KEY (table_id, line),
  -- an experience range belongs to a rate by average experience years, and only there
  CHECK ((unit = 'rate-by-experience') = (experience_min IS NOT NULL)),
  CHECK (experience_max IS NULL OR (experience_min IS NOT NULL AND experience_max > experience_min)),
  CHECK (unit <> 'percent-of-basic' OR amount <= 100)
);
-- The same dimensions twice in one table would make a look-up ambiguous.
CREATE UNIQUE INDEX fc_price_entries_key ON fc_price_entries
  (table_id, item, region_percent, facility_type, cert_class, age_band, need, capacity_min, experience_min) NULLS NOT DISTINCT;
