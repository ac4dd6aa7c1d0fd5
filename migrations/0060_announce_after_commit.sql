-- Seat changes of the three booking operations are announced by their callers after COMMIT, batched, not by
-- the trigger inside their transaction (issue 15). A transaction that NOTIFYs takes PostgreSQL's one lock for
-- notifications at COMMIT and holds it through its WAL flush (async.c: "serialize the commits of notifying
-- transactions"), so bookings that announced themselves committed one at a time: 1,033–1,249 bookings/s with
-- p99 93–193 ms against 1,776–1,840/s with p99 78–81 ms without (same machine, interleaved).
-- rsv_book, rsv_change and rsv_cancel run with madoguchi.announce = 'caller' (a setting of the function, so it
-- holds only while they run, and their AFTER ROW triggers fire inside them); the trigger then stays silent and
-- the web process announces "<service> <month>" itself (availability-announcer.ts). Every other writer of
-- rsv_slots (staff status changes, closures, retention, the CLI, SQL by hand) still announces in its own
-- transaction. A migration that redefines one of the three with CREATE OR REPLACE must repeat the SET clause
-- (availability-listener.test.ts fails without it).
CREATE OR REPLACE FUNCTION rsv_announce_availability() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('madoguchi.announce', true) IS DISTINCT FROM 'caller' THEN
    PERFORM pg_notify('rsv_availability', NEW.service_id::text || ' ' || to_char(NEW.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'));
  END IF;
  RETURN NULL;
END $$;

ALTER FUNCTION rsv_book SET madoguchi.announce = 'caller';
ALTER FUNCTION rsv_change SET madoguchi.announce = 'caller';
ALTER FUNCTION rsv_cancel SET madoguchi.announce = 'caller';
