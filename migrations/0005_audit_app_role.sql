-- Privileges for the application's database role on the audit tables.
--
-- Production runs migrations as the owner role and the application as a separate, non-owner role
-- (by convention madoguchi_app). The append-only triggers of 0001 already refuse UPDATE, DELETE
-- and TRUNCATE for everyone; privileges add a second, independent wall: the application role may
-- only read and append. Only a superuser (or the owner, who can disable triggers) can get round
-- both, and the hash chain plus signed checkpoints then show it.
--
-- audit_restrict_role(role) applies the audit grants to any role; it is idempotent and can be run
-- again after the role is created or after `GRANT ... ON ALL TABLES` (which would re-grant UPDATE).

CREATE FUNCTION audit_restrict_role(role_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON audit_log, audit_checkpoints, audit_chain_identity, audit_chain_head FROM %I', role_name);
  EXECUTE format('GRANT SELECT, INSERT ON audit_log, audit_checkpoints TO %I', role_name);
  EXECUTE format('GRANT SELECT ON audit_chain_identity TO %I', role_name);
  -- The head is advanced by recordAudit (its trigger only lets it move to the appended row).
  EXECUTE format('GRANT SELECT, UPDATE ON audit_chain_head TO %I', role_name);
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'madoguchi_app') THEN
    PERFORM audit_restrict_role('madoguchi_app');
  END IF;
END $$;
