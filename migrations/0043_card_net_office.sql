-- Card booking site: what it knows of each card office, from the signed bundle's manifest (optional
-- field `office`, so bundles written before it still import and leave this row as it was). The
-- contact (counter name, phone, hours) is printed in the booking mails and on the booking pages.
-- login_policy is the office's password policy (no column here is named like a password): it chooses
-- the keypad phones offer; card_net_login_settings.login_keypad applies while no bundle has said.
-- Never personal data: the same values are printed on every letter of the office.
CREATE TABLE card_net_offices (
  department_id uuid PRIMARY KEY REFERENCES departments(id),
  contact_office text NOT NULL DEFAULT '' CHECK (char_length(contact_office) <= 60),
  contact_phone text NOT NULL DEFAULT '' CHECK (contact_phone ~ '^([0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4})?$'),
  contact_hours text NOT NULL DEFAULT '' CHECK (char_length(contact_hours) <= 100),
  login_policy text NOT NULL CHECK (login_policy IN ('birthday', 'random')),
  bundle_id uuid NOT NULL REFERENCES card_net_bundle_imports(bundle_id),
  updated_at timestamptz NOT NULL
);
