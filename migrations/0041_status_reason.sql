-- Why staff cancelled a booking on the citizen's behalf (optional; shown on the staff detail and
-- passed to the citizen's cancellation notice). Kept with the status change it explains.
ALTER TABLE rsv_status_history ADD COLUMN reason text CHECK (reason IS NULL OR char_length(reason) <= 500);
