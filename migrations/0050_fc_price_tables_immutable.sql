-- An imported unit-price table never changes: a correction is a new import (the newest of a fiscal year is the
-- one in force). Processes may therefore keep a loaded table by its id.
CREATE FUNCTION fc_price_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: an imported unit-price table cannot be changed; import a corrected table instead', TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER fc_price_tables_immutable BEFORE UPDATE ON fc_price_tables FOR EACH ROW EXECUTE FUNCTION fc_price_immutable();
CREATE TRIGGER fc_price_entries_immutable BEFORE UPDATE ON fc_price_entries FOR EACH ROW EXECUTE FUNCTION fc_price_immutable();
