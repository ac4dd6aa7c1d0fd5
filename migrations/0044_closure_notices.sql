-- "Notify only" for a temporary closure: which bookings were told that their day is closed. One
-- row per (closure, booking): notifying again for the same closure sends nothing twice. A closure
-- removed and added again is a new closure and may be notified again.
CREATE TABLE rsv_closure_notices (
  exception_id uuid NOT NULL REFERENCES rsv_calendar_exceptions(id) ON DELETE CASCADE,
  reservation_id uuid NOT NULL REFERENCES rsv_reservations(id) ON DELETE CASCADE,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (exception_id, reservation_id)
);
CREATE INDEX rsv_closure_notices_reservation ON rsv_closure_notices (reservation_id);
