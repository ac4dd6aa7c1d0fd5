-- Cross-process availability, settings: a change of a service's settings, form fields, weekly schedule or
-- calendar exceptions announces "<service id> *" on rsv_availability ("* *" for an exception of every
-- service), so every web process drops what it cached of that service at once. With seat changes
-- announced too (0058), a listening process keeps its months for a minute instead of 3 s.
CREATE FUNCTION rsv_announce_service_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'rsv_services' THEN
    PERFORM pg_notify('rsv_availability', r.id::text || ' *');
  ELSE
    PERFORM pg_notify('rsv_availability', coalesce(r.service_id::text, '*') || ' *');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rsv_services_announce AFTER INSERT OR UPDATE OR DELETE ON rsv_services
  FOR EACH ROW EXECUTE FUNCTION rsv_announce_service_change();
CREATE TRIGGER rsv_service_fields_announce AFTER INSERT OR UPDATE OR DELETE ON rsv_service_fields
  FOR EACH ROW EXECUTE FUNCTION rsv_announce_service_change();
CREATE TRIGGER rsv_schedule_ranges_announce AFTER INSERT OR UPDATE OR DELETE ON rsv_schedule_ranges
  FOR EACH ROW EXECUTE FUNCTION rsv_announce_service_change();
CREATE TRIGGER rsv_calendar_exceptions_announce AFTER INSERT OR UPDATE OR DELETE ON rsv_calendar_exceptions
  FOR EACH ROW EXECUTE FUNCTION rsv_announce_service_change();
