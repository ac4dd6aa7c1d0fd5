-- What the card letters (交付案内) tell a citizen besides the booking site: whom to call, when, and by
-- when to collect the card. Per card office; empty until the office fills them in (the letter then
-- leaves the line out rather than printing a wrong number). The pickup deadline printed on a letter
-- comes from notice_deadline_days / renotice_deadline_days (0032).
ALTER TABLE card_int_settings
  ADD COLUMN contact_office text NOT NULL DEFAULT '' CHECK (char_length(contact_office) <= 60),
  ADD COLUMN contact_phone text NOT NULL DEFAULT '' CHECK (contact_phone ~ '^([0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4})?$'),
  ADD COLUMN contact_hours text NOT NULL DEFAULT '' CHECK (char_length(contact_hours) <= 100);
