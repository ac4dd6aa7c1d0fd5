-- Key rotation (`madoguchi keys rotate`) re-encrypts every version of a facility's submission, approved and
-- superseded ones included: the same content under the newest key. The lock on those versions stays for
-- every other change; the rotation declares itself for its own transaction
-- (set_config('madoguchi.reencrypting', 'on', true)) and may then change content_enc and nothing else.
-- It cannot prove in SQL that the plaintext is unchanged: the rotation decrypts and re-encrypts the value
-- it read, and writes it only while the row still holds that value.
CREATE OR REPLACE FUNCTION fc_submissions_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('madoguchi.reencrypting', true) = 'on'
     AND (to_jsonb(NEW) - 'content_enc') = (to_jsonb(OLD) - 'content_enc') THEN
    RETURN NEW;
  END IF;
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
