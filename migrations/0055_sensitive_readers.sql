-- Who may read sensitive answers (要配慮個人情報): per procedure and per reservation service, the staff roles of the
-- owning department allowed to open them, each read with a reason and audited (privacy.sensitive_read). A setting,
-- not personal data. The default keeps what those roles could do before; an empty list means nobody reads them on
-- screen. sys-admin is deliberately not a choice: administering the system is no business need to read a citizen's
-- medical or family circumstances (a system administrator who needs to must hold a membership of the department).
ALTER TABLE app_procedures
  ADD COLUMN sensitive_readers text[] NOT NULL DEFAULT ARRAY['dept-admin', 'staff']::text[],
  ADD CONSTRAINT app_procedures_sensitive_readers_known CHECK (sensitive_readers <@ ARRAY['dept-admin', 'staff']::text[]);

ALTER TABLE rsv_services
  ADD COLUMN sensitive_readers text[] NOT NULL DEFAULT ARRAY['dept-admin', 'staff']::text[],
  ADD CONSTRAINT rsv_services_sensitive_readers_known CHECK (sensitive_readers <@ ARRAY['dept-admin', 'staff']::text[]);
