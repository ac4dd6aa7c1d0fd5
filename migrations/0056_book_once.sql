-- A booking, a change and a cancellation each in one round trip (issue 15): stored functions that do
-- every write of the operation in one statement, all or nothing, with the same invariants as before:
-- - capacity: the seat is still taken by the conditional upsert on rsv_slots (CHECK booked <= capacity
--   backs it), now without Node holding the slot's row lock between statements;
-- - idempotency: the key and its stored (encrypted) answer live on the booking row they answer for
--   (one partial unique index instead of a table with two indexes, an insert and an update). Concurrent
--   requests with one key queue on a transaction advisory lock taken before the slot, so the second
--   waits for the first to commit and then replays its answer; a failed attempt leaves nothing behind;
-- - history: a booking's first 'booked' entry is no longer written: the booking row says it (created_at,
--   created_by_staff_id, channel), and the staff history screen derives it from there.
-- The callers (book-slot.ts, change-reservation.ts, cancel-reservation.ts) compute everything that
-- needs keys (ciphertexts, blind indexes, token hash, reservation number, notice jobs) before the call.

ALTER TABLE rsv_reservations
  ADD COLUMN idem_scope text,
  ADD COLUMN idem_key text CHECK (idem_key IS NULL OR length(idem_key) BETWEEN 8 AND 200),
  ADD COLUMN idem_request_hash text,
  -- the first answer (it holds the access token), field-encrypted; purged with the key after a day
  ADD COLUMN idem_response_enc text,
  ADD CONSTRAINT rsv_reservations_idem_complete CHECK ((idem_key IS NULL) = (idem_scope IS NULL) AND (idem_key IS NULL) = (idem_request_hash IS NULL));
CREATE UNIQUE INDEX rsv_reservations_idem ON rsv_reservations (idem_scope, idem_key) WHERE idem_key IS NOT NULL;

UPDATE rsv_reservations r SET idem_scope = k.scope, idem_key = k.key, idem_request_hash = k.request_hash, idem_response_enc = k.response_enc
FROM rsv_idempotency_keys k WHERE k.reservation_id = r.id AND k.response_enc IS NOT NULL;
DROP TABLE rsv_idempotency_keys;

-- The first 'booked' entry of each booking repeats its row; later ones (a status set back to booked) stay.
DELETE FROM rsv_status_history h USING rsv_reservations r
WHERE h.reservation_id = r.id AND h.status = 'booked' AND h.changed_at = r.created_at AND h.reason IS NULL
  AND h.changed_by_staff_id IS NOT DISTINCT FROM r.created_by_staff_id
  AND h.id = (SELECT min(x.id) FROM rsv_status_history x WHERE x.reservation_id = r.id);

-- rsv_reservations_service_time (service_id, starts_at) serves the service lists; the department lists
-- find the same rows through it too (a department's services are few), so the department's copy of
-- starts_at is one index fewer to write per booking.
DROP INDEX rsv_reservations_dept_time;

/*
 * Books one seat. Returns one row: outcome 'booked' (slot = the slot taken), 'overbooked' (a
 * department administrator's seat beyond capacity), 'full' (nothing written), 'replay' (answer = the
 * stored answer of the same key and request) or 'mismatch' (the key was used for another request).
 * A reservation number or token hash that already exists raises unique_violation: the caller retries
 * with new ones.
 */
CREATE FUNCTION rsv_book(
  p_id uuid, p_number text, p_token_hash text, p_service_id uuid, p_department_id uuid,
  p_starts_at timestamptz, p_ends_at timestamptz, p_capacity integer, p_channel text, p_line_user_id text,
  p_name_enc text, p_phone_enc text, p_phone_index text, p_email_enc text, p_email_index text, p_fields_enc text,
  p_staff_id uuid, p_now timestamptz, p_lang text, p_overbook boolean,
  p_idem_scope text, p_idem_key text, p_request_hash text, p_answer_enc text, p_answer_enc_overbooked text,
  p_jobs jsonb
) RETURNS TABLE (outcome text, slot bigint, answer text)
LANGUAGE plpgsql AS $$
DECLARE
  v_hash text;
  v_answer text;
  v_over boolean := false;
BEGIN
  IF p_idem_key IS NOT NULL THEN
    -- a retry with the same key waits here for the first attempt's commit, then sees its row
    PERFORM pg_advisory_xact_lock(hashtextextended('rsv_book|' || p_idem_scope || '|' || p_idem_key, 0));
    SELECT x.idem_request_hash, x.idem_response_enc INTO v_hash, v_answer
      FROM rsv_reservations x WHERE x.idem_scope = p_idem_scope AND x.idem_key = p_idem_key;
    IF FOUND THEN
      outcome := CASE WHEN v_hash = p_request_hash AND v_answer IS NOT NULL THEN 'replay' ELSE 'mismatch' END;
      answer := CASE WHEN outcome = 'replay' THEN v_answer END;
      RETURN NEXT;
      RETURN;
    END IF;
  END IF;

  INSERT INTO rsv_slots AS s (service_id, starts_at, ends_at, capacity, booked)
    SELECT p_service_id, p_starts_at, p_ends_at, p_capacity, 1 WHERE 1 <= p_capacity
    ON CONFLICT (service_id, starts_at) DO UPDATE SET booked = s.booked + 1 WHERE s.booked + 1 <= s.capacity
    RETURNING s.id INTO slot;
  IF slot IS NULL THEN
    IF NOT p_overbook THEN
      outcome := 'full';
      RETURN NEXT;
      RETURN;
    END IF;
    UPDATE rsv_slots s SET capacity = s.capacity + 1, overbooked = s.overbooked + 1, booked = s.booked + 1
      WHERE s.service_id = p_service_id AND s.starts_at = p_starts_at RETURNING s.id INTO slot;
    IF slot IS NULL THEN
      RAISE EXCEPTION 'slot row missing for overbooking';
    END IF;
    v_over := true;
  END IF;

  INSERT INTO rsv_reservations (id, reservation_number, access_token_hash, service_id, department_id, slot_id, starts_at, ends_at,
    channel, line_user_id, name_enc, phone_enc, phone_index, email_enc, email_index, fields_enc, created_by_staff_id,
    created_at, updated_at, lang, idem_scope, idem_key, idem_request_hash, idem_response_enc)
  VALUES (p_id, p_number, p_token_hash, p_service_id, p_department_id, slot, p_starts_at, p_ends_at,
    p_channel, p_line_user_id, p_name_enc, p_phone_enc, p_phone_index, p_email_enc, p_email_index, p_fields_enc, p_staff_id,
    p_now, p_now, p_lang, p_idem_scope, p_idem_key, CASE WHEN p_idem_key IS NOT NULL THEN p_request_hash END,
    CASE WHEN p_idem_key IS NULL THEN NULL WHEN v_over THEN p_answer_enc_overbooked ELSE p_answer_enc END);

  IF p_jobs IS NOT NULL THEN
    INSERT INTO jobs (queue, payload, dedupe_key, run_at)
      SELECT j.queue, j.payload, j.dedupe_key, j.run_at FROM jsonb_to_recordset(p_jobs) AS j (queue text, payload jsonb, dedupe_key text, run_at timestamptz)
      ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING;
  END IF;
  outcome := CASE WHEN v_over THEN 'overbooked' ELSE 'booked' END;
  RETURN NEXT;
END
$$;

/*
 * Changes a booking read earlier at row version p_version (its xmin): its time (p_move: the seat in
 * the new slot is taken with the conditional update, both slot rows locked in id order so opposite
 * moves cannot deadlock, the old seat released) and its personal data. Outcome 'changed', or 'stale'
 * when the row changed since it was read (nothing written: the caller reads it again). A full target
 * slot raises SQLSTATE MGS01 (nothing written).
 */
CREATE FUNCTION rsv_change(
  p_id uuid, p_version text, p_move boolean, p_service_id uuid, p_starts_at timestamptz, p_ends_at timestamptz, p_capacity integer,
  p_name_enc text, p_phone_enc text, p_phone_index text, p_email_enc text, p_email_index text, p_fields_enc text,
  p_now timestamptz, p_jobs jsonb
) RETURNS TABLE (outcome text, from_slot bigint, to_slot bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_slot bigint;
  v_version text;
BEGIN
  SELECT x.slot_id, x.xmin::text INTO v_slot, v_version FROM rsv_reservations x WHERE x.id = p_id FOR UPDATE;
  IF NOT FOUND OR v_version IS DISTINCT FROM p_version THEN
    outcome := 'stale';
    RETURN NEXT;
    RETURN;
  END IF;
  from_slot := v_slot;
  to_slot := v_slot;
  IF p_move THEN
    INSERT INTO rsv_slots (service_id, starts_at, ends_at, capacity) VALUES (p_service_id, p_starts_at, p_ends_at, p_capacity)
      ON CONFLICT (service_id, starts_at) DO NOTHING;
    PERFORM 1 FROM rsv_slots s WHERE s.id = v_slot OR (s.service_id = p_service_id AND s.starts_at = p_starts_at) ORDER BY s.id FOR UPDATE;
    UPDATE rsv_slots s SET booked = s.booked + 1
      WHERE s.service_id = p_service_id AND s.starts_at = p_starts_at AND s.booked + 1 <= s.capacity RETURNING s.id INTO to_slot;
    IF to_slot IS NULL THEN
      RAISE EXCEPTION 'slot_full' USING ERRCODE = 'MGS01';
    END IF;
    UPDATE rsv_slots s SET booked = s.booked - 1 WHERE s.id = v_slot;
  END IF;
  UPDATE rsv_reservations SET slot_id = to_slot, starts_at = p_starts_at, ends_at = p_ends_at, name_enc = p_name_enc,
    phone_enc = p_phone_enc, phone_index = p_phone_index, email_enc = p_email_enc, email_index = p_email_index,
    fields_enc = p_fields_enc, updated_at = p_now
  WHERE id = p_id;
  IF p_jobs IS NOT NULL THEN
    INSERT INTO jobs (queue, payload, dedupe_key, run_at)
      SELECT j.queue, j.payload, j.dedupe_key, j.run_at FROM jsonb_to_recordset(p_jobs) AS j (queue text, payload jsonb, dedupe_key text, run_at timestamptz)
      ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING;
  END IF;
  outcome := 'changed';
  RETURN NEXT;
END
$$;

/*
 * Cancels a booking and frees its seat; with p_check_window (the citizen), only while the change
 * window is open. Outcome 'cancelled', 'not_found', 'not_booked', 'past' or 'too_late' (nothing
 * written unless 'cancelled'). Enqueues the cancellation notice when the booking has a channel (an
 * e-mail address or a LINE user); its payload's startsAt is the slot's Tokyo time as jstIso writes it.
 */
CREATE FUNCTION rsv_cancel(
  p_id uuid, p_now timestamptz, p_staff_id uuid, p_actor_type text, p_reason text, p_check_window boolean, p_queue text
) RETURNS TABLE (outcome text, number text, service uuid, starts timestamptz, change_until integer, opens_days integer)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  SELECT r.reservation_number, r.service_id, r.starts_at, r.status, r.slot_id, r.email_enc IS NOT NULL OR r.line_user_id IS NOT NULL AS has_channel,
      s.change_until_minutes, s.opens_days_ahead
    INTO v FROM rsv_reservations r JOIN rsv_services s ON s.id = r.service_id WHERE r.id = p_id FOR UPDATE OF r;
  IF NOT FOUND THEN
    outcome := 'not_found';
    RETURN NEXT;
    RETURN;
  END IF;
  number := v.reservation_number;
  service := v.service_id;
  starts := v.starts_at;
  change_until := v.change_until_minutes;
  opens_days := v.opens_days_ahead;
  IF v.status <> 'booked' THEN
    outcome := 'not_booked';
  ELSIF p_check_window AND v.starts_at <= p_now THEN
    outcome := 'past';
  ELSIF p_check_window AND v.starts_at - p_now < make_interval(mins => v.change_until_minutes) THEN
    outcome := 'too_late';
  ELSE
    UPDATE rsv_reservations SET status = 'cancelled', cancelled_at = p_now, updated_at = p_now, status_changed_at = p_now,
      status_changed_by = p_staff_id WHERE id = p_id;
    UPDATE rsv_slots SET booked = booked - 1 WHERE id = v.slot_id;
    INSERT INTO rsv_status_history (reservation_id, status, changed_at, changed_by_staff_id, actor_type, reason)
      VALUES (p_id, 'cancelled', p_now, p_staff_id, p_actor_type, p_reason);
    IF v.has_channel THEN
      INSERT INTO jobs (queue, payload, dedupe_key, run_at)
        VALUES (p_queue, jsonb_build_object('reservationId', p_id, 'kind', 'cancel',
          'startsAt', to_char((v.starts_at AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD"T"HH24:MI:SS') || '+09:00'),
          'cancel:' || p_id, p_now)
        ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING;
    END IF;
    outcome := 'cancelled';
  END IF;
  RETURN NEXT;
END
$$;
