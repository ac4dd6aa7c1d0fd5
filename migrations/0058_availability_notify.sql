-- Cross-process availability: every change of a slot's seats announces the service and month on the
-- channel rsv_availability (delivered at COMMIT, so only to changes that happened; duplicates within a
-- transaction are folded by PostgreSQL). Each web process LISTENs and refreshes that month at once,
-- instead of serving its cached counts until their TTL runs out.
CREATE FUNCTION rsv_announce_availability() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rsv_availability', NEW.service_id::text || ' ' || to_char(NEW.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM'));
  RETURN NULL;
END $$;

CREATE TRIGGER rsv_slots_announce
  AFTER INSERT OR UPDATE OF booked, capacity, overbooked ON rsv_slots
  FOR EACH ROW EXECUTE FUNCTION rsv_announce_availability();
