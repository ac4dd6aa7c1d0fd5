-- Audit chain: a per-database identity (bound into every signed checkpoint, so a checkpoint of one
-- database cannot vouch for another), and the results of chain verifications (shown to staff).

CREATE TABLE audit_chain_identity (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  database_id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_chain_identity DEFAULT VALUES;

CREATE TRIGGER audit_chain_identity_append_only BEFORE UPDATE OR DELETE ON audit_chain_identity
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_identity_no_truncate BEFORE TRUNCATE ON audit_chain_identity
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- One row per verification run (CLI, staff button, checkpoint job). Not part of the chain: a
-- result is evidence for people, the chain itself is the proof.
CREATE TABLE audit_verifications (
  id bigserial PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('cli', 'staff', 'job')),
  requested_by uuid,
  is_ok boolean NOT NULL,
  entries integer NOT NULL CHECK (entries >= 0),
  head_seq bigint NOT NULL,
  failed_seq bigint,
  problem text,
  message text
);
CREATE INDEX audit_verifications_recent ON audit_verifications (finished_at DESC);

-- Searches by action (the staff audit screen filters on it).
CREATE INDEX audit_log_action ON audit_log (action, occurred_at);
