-- Lifecycle of uncollected cards per card office (domain-japan.md §1.4; each city sets its own rules):
-- after its pickup deadline a card still waiting becomes 未受取 (uncollected) by the daily job; it is due for
-- destruction (廃棄) `destroy_after_days` after that, but never before `destroy_min_days_after_receipt` days
-- after it arrived from J-LIS (Awara and others: "deadline passed AND about one year since application").
-- Staff confirm each destruction. `personal_retention_days` after a card was issued or destroyed, its
-- personal data is erased; control number, state and dates stay for statistics. The notes give no
-- retention period (§4: get the city's 文書管理規程): 5 years is a placeholder the city must confirm.
ALTER TABLE card_int_settings
  ADD COLUMN destroy_after_days integer NOT NULL DEFAULT 90 CHECK (destroy_after_days BETWEEN 0 AND 1095),
  ADD COLUMN destroy_min_days_after_receipt integer NOT NULL DEFAULT 365 CHECK (destroy_min_days_after_receipt BETWEEN 0 AND 1095),
  ADD COLUMN personal_retention_days integer NOT NULL DEFAULT 1825 CHECK (personal_retention_days BETWEEN 30 AND 7300);

-- Erasure: personal_enc is overwritten with an envelope of empty fields (readers need no special case),
-- the blind indexes, password, verifier and booking contact go to NULL, and personal_erased_at says so.
ALTER TABLE card_int_cards
  ADD COLUMN personal_erased_at timestamptz,
  ALTER COLUMN kana_bidx DROP NOT NULL,
  ALTER COLUMN birth_bidx DROP NOT NULL,
  ALTER COLUMN address_bidx DROP NOT NULL,
  ALTER COLUMN application_bidx DROP NOT NULL,
  DROP CONSTRAINT card_int_cards_check,
  ADD CONSTRAINT card_int_cards_password_present
    CHECK (personal_erased_at IS NOT NULL OR (password_policy = 'random') = (password_enc IS NOT NULL)),
  ADD CONSTRAINT card_int_cards_indexed
    CHECK (personal_erased_at IS NOT NULL OR (kana_bidx IS NOT NULL AND birth_bidx IS NOT NULL AND address_bidx IS NOT NULL AND application_bidx IS NOT NULL)),
  -- Only a card whose life is over (issued or destroyed: no transition leaves them) can lose its data.
  ADD CONSTRAINT card_int_cards_erased
    CHECK (personal_erased_at IS NULL OR (state IN ('issued', 'destroyed') AND kana_bidx IS NULL AND birth_bidx IS NULL
      AND address_bidx IS NULL AND application_bidx IS NULL AND password_enc IS NULL AND verifier IS NULL
      AND booking_email_enc IS NULL AND booking_memo_enc IS NULL AND booking_group IS NULL));

-- The pickup deadline reads a card's notices from its state log; the daily job does so for every waiting card.
CREATE INDEX card_int_state_log_card ON card_int_state_log (card_id, to_state);
-- Cards whose personal data may still have to be erased.
CREATE INDEX card_int_cards_erasable ON card_int_cards (department_id, (COALESCE(destroyed_at, issued_at)))
  WHERE personal_erased_at IS NULL AND state IN ('issued', 'destroyed');
