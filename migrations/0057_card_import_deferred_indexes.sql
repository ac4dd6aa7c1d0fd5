-- A large issuance-list import builds card_int_cards' secondary indexes after its COPY instead of
-- maintaining them row by row, inside its own all-or-nothing transaction (measured, 100,000 rows: the
-- database's CPU for the COPY of the encrypted rows into the indexed table 3.2 s, with the secondary
-- indexes built afterwards 1.8 s; building an index over sorted keys costs a fraction of inserting
-- into it key by key).
--
-- What stays live during the load: the primary key and the unique control number (they guard
-- correctness and report a card already held, as before), the foreign keys, every CHECK and NOT
-- NULL. What is dropped and rebuilt with exactly its migration's definition: the seven plain indexes
-- and the partial index of erasable cards. The foreign keys stay although their per-row checks cost
-- about a fifth of the load: dropping one takes ACCESS EXCLUSIVE on the referenced table, and
-- departments is read by nearly every request.
--
-- Locks (the trade-off): DROP INDEX needs ACCESS EXCLUSIVE on card_int_cards until the commit, so
-- staff reading the card list wait (not fail) while a deferred import runs. The import therefore
-- defers only when the table is small next to the file (rebuilding is then cheaper than inserting),
-- takes the lock first, and gives up waiting for it after a short lock_timeout, importing row by row
-- instead (import-issuance-list.ts). A city's import runs at a quiet time.
--
-- Privileges: the application role owns no table, so the two functions run as their owner (SECURITY
-- DEFINER) and hold the index definitions themselves: nothing the application can write is ever
-- executed as DDL. A deferred check at commit refuses any transaction that dropped the indexes and
-- did not rebuild them, so the table is never committed without its indexes.

-- One row per transaction that deferred the indexes; deleted again by the rebuild, in the same transaction.
CREATE TABLE card_int_deferred_indexes (
  txid xid8 PRIMARY KEY DEFAULT pg_current_xact_id()
);

-- At commit, from the catalogue (not from the marker row, which the application role may delete).
CREATE FUNCTION card_int_deferred_indexes_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'card_int_cards'::regclass AND c.relname IN ('card_int_cards_dept_state', 'card_int_cards_kana',
        'card_int_cards_birth', 'card_int_cards_address', 'card_int_cards_application', 'card_int_cards_shipping',
        'card_int_cards_import', 'card_int_cards_erasable')) <> 8 THEN
    RAISE EXCEPTION 'the indexes of card_int_cards were dropped for an import and not rebuilt';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER card_int_deferred_indexes_rebuilt
  AFTER INSERT ON card_int_deferred_indexes DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION card_int_deferred_indexes_check();

CREATE FUNCTION card_int_cards_defer_indexes() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE card_int_cards IN ACCESS EXCLUSIVE MODE;
  INSERT INTO card_int_deferred_indexes DEFAULT VALUES;
  DROP INDEX card_int_cards_dept_state, card_int_cards_kana, card_int_cards_birth, card_int_cards_address,
    card_int_cards_application, card_int_cards_shipping, card_int_cards_import, card_int_cards_erasable;
END $$;

-- The definitions of 0030 and 0034, unchanged.
CREATE FUNCTION card_int_cards_rebuild_indexes() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM card_int_deferred_indexes WHERE txid = pg_current_xact_id();
  IF NOT FOUND THEN
    RAISE EXCEPTION 'card_int_cards_rebuild_indexes: this transaction did not defer the indexes';
  END IF;
  CREATE INDEX card_int_cards_dept_state ON card_int_cards (department_id, state);
  CREATE INDEX card_int_cards_kana ON card_int_cards (kana_bidx);
  CREATE INDEX card_int_cards_birth ON card_int_cards (birth_bidx);
  CREATE INDEX card_int_cards_address ON card_int_cards (address_bidx);
  CREATE INDEX card_int_cards_application ON card_int_cards (application_bidx);
  CREATE INDEX card_int_cards_shipping ON card_int_cards (shipping_no);
  CREATE INDEX card_int_cards_import ON card_int_cards (import_id);
  CREATE INDEX card_int_cards_erasable ON card_int_cards (department_id, (COALESCE(destroyed_at, issued_at)))
    WHERE personal_erased_at IS NULL AND state IN ('issued', 'destroyed');
END $$;
