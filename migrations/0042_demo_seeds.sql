-- Demo data is seeded once per module and database: a module's demo seed is recorded here when it
-- completes, and never runs again on later starts (each seed also checks its own data, so a seed
-- interrupted half-way completes on the next start without duplicating what it already wrote).
CREATE TABLE demo_seeds (
  module text PRIMARY KEY,
  seeded_at timestamptz NOT NULL
);
