-- Dead jobs (given up after their retries) are counted by queue on every metrics refresh; done jobs are never
-- deleted, so without this the count scans the whole table.
CREATE INDEX jobs_dead ON jobs (queue) WHERE state = 'dead';
