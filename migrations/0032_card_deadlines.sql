-- Per-city pickup deadlines of the card office (domain-japan.md §1.4: each city sets them "国の規定に基づき"):
-- days from the first notice (交付通知書) and from a re-notice (再通知) until a card counts as overdue.
ALTER TABLE card_int_settings
  ADD COLUMN notice_deadline_days integer NOT NULL DEFAULT 90 CHECK (notice_deadline_days BETWEEN 1 AND 730),
  ADD COLUMN renotice_deadline_days integer NOT NULL DEFAULT 60 CHECK (renotice_deadline_days BETWEEN 1 AND 730);
