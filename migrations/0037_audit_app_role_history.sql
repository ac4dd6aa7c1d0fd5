-- The application role may only read and append verification results and security events.
--
-- 0005 narrowed the audit tables; audit_verifications (the history of chain checks, including a past
-- "chain broken" result) and security_events (alerts) were left with whatever the role was granted,
-- so the application could delete them (security review L-7). audit_restrict_role now also makes
-- both append-only for the role. The one legitimate change is acknowledging an alert: a column-level
-- grant allows exactly acknowledged_at and acknowledged_by. A new column the application must
-- update needs its own grant here.

CREATE OR REPLACE FUNCTION audit_restrict_role(role_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON audit_log, audit_checkpoints, audit_chain_identity, audit_chain_head FROM %I', role_name);
  EXECUTE format('GRANT SELECT, INSERT ON audit_log, audit_checkpoints TO %I', role_name);
  EXECUTE format('GRANT SELECT ON audit_chain_identity TO %I', role_name);
  -- The head is advanced by recordAudit (its trigger only lets it move to the appended row).
  EXECUTE format('GRANT SELECT, UPDATE ON audit_chain_head TO %I', role_name);
  -- Verification history and security alerts: read and append; alerts may be acknowledged.
  EXECUTE format('REVOKE ALL ON audit_verifications, security_events FROM %I', role_name);
  EXECUTE format('GRANT SELECT, INSERT ON audit_verifications, security_events TO %I', role_name);
  EXECUTE format('GRANT UPDATE (acknowledged_at, acknowledged_by) ON security_events TO %I', role_name);
  EXECUTE format('GRANT USAGE ON SEQUENCE audit_verifications_id_seq, security_events_id_seq TO %I', role_name);
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'madoguchi_app') THEN
    PERFORM audit_restrict_role('madoguchi_app');
  END IF;
END $$;
