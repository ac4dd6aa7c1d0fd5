-- The card booking site shares the reservation engine: each pickup location is backed by an
-- rsv_services row of kind 'card_pickup' (weekly schedule, holidays, year-end and city-wide
-- closures, booking window, availability calendar) and a booking takes its party's seats in
-- rsv_slots with the same conditional upsert. card_net_slots is replaced by a view over rsv_slots,
-- so the pseudonymous booking tables keep their shape. Existing locations, slots and bookings move.

ALTER TABLE rsv_services DROP CONSTRAINT rsv_services_kind_check;
ALTER TABLE rsv_services ADD CONSTRAINT rsv_services_kind_check CHECK (kind IN ('counter', 'consultation', 'card_pickup'));
-- a pickup location with no open counter has capacity 0 (every day shows ×)
ALTER TABLE rsv_services DROP CONSTRAINT rsv_services_capacity_check;
ALTER TABLE rsv_services ADD CONSTRAINT rsv_services_capacity_check CHECK (capacity BETWEEN 0 AND 1000);

ALTER TABLE card_net_locations ADD COLUMN service_id uuid UNIQUE REFERENCES rsv_services(id);

-- Existing locations keep their id as their service's id; Monday to Friday, their old opening hours.
INSERT INTO rsv_services (id, department_id, kind, name, name_en, place, duration_minutes, capacity, opens_days_ahead,
  book_until_minutes, change_until_minutes, reminders_enabled, is_active)
SELECT id, department_id, 'card_pickup', name, NULLIF(name_en, ''), name, slot_minutes, counters * people_per_counter, 60, 60, 60,
  false, is_active
FROM card_net_locations;
INSERT INTO rsv_schedule_ranges (service_id, weekday, start_time, end_time)
SELECT l.id, w, l.open_time, l.close_time FROM card_net_locations l CROSS JOIN generate_series(1, 5) AS w;
UPDATE card_net_locations SET service_id = id;
ALTER TABLE card_net_locations ALTER COLUMN service_id SET NOT NULL;

INSERT INTO rsv_slots (service_id, starts_at, ends_at, capacity, booked)
SELECT location_id, starts_at, ends_at, capacity, booked FROM card_net_slots;

ALTER TABLE card_net_bookings ADD COLUMN rsv_slot_id bigint REFERENCES rsv_slots(id);
UPDATE card_net_bookings b SET rsv_slot_id = r.id
FROM card_net_slots s JOIN rsv_slots r ON r.service_id = s.location_id AND r.starts_at = s.starts_at
WHERE s.id = b.slot_id;
ALTER TABLE card_net_bookings ALTER COLUMN rsv_slot_id SET NOT NULL;
DROP INDEX card_net_bookings_slot;
ALTER TABLE card_net_bookings DROP COLUMN slot_id;
ALTER TABLE card_net_bookings RENAME COLUMN rsv_slot_id TO slot_id;
CREATE INDEX card_net_bookings_slot ON card_net_bookings (slot_id);

DROP TABLE card_net_slots;
-- The schedule now lives in the engine (rsv_schedule_ranges, rsv_services.duration_minutes).
ALTER TABLE card_net_locations DROP COLUMN slot_minutes, DROP COLUMN open_time, DROP COLUMN close_time;

-- Slots of pickup locations as the card tables see them (read-only).
CREATE VIEW card_net_slots AS
SELECT r.id, l.id AS location_id, r.starts_at, r.ends_at, r.capacity, r.booked
FROM rsv_slots r JOIN card_net_locations l ON l.service_id = r.service_id;
