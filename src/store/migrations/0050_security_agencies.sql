-- Contracted network-security service agencies (网络安全服务机构) that take part in remote
-- detection (domain.md §5.3), and the staff accounts the agency put forward. Each agency is
-- registered by a police unit; staff see only the scans of authorisations that name them.
CREATE TABLE security_agencies (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id         uuid NOT NULL REFERENCES units(id),  -- the contracting unit
  unit_path       text NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  uscc            text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  contract_ref    text NOT NULL CHECK (length(contract_ref) BETWEEN 1 AND 100),
  contract_from   date NOT NULL,
  contract_until  date NOT NULL,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (contract_until >= contract_from)
);
CREATE INDEX security_agencies_scope ON security_agencies (unit_path text_pattern_ops);

-- Agency staff: accounts of kind 'agency' with their confidentiality undertaking (保密承诺).
CREATE TABLE security_agency_staff (
  agency_id           uuid NOT NULL REFERENCES security_agencies(id) ON DELETE CASCADE,
  user_id             uuid NOT NULL REFERENCES users(id),
  unit_path           text NOT NULL,
  undertaking_signed  boolean NOT NULL DEFAULT false,
  undertaking_ref     text,
  undertaking_on      date,
  added_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, user_id),
  CHECK (NOT undertaking_signed OR undertaking_on IS NOT NULL)
);
CREATE INDEX security_agency_staff_user ON security_agency_staff (user_id);
CREATE INDEX security_agency_staff_scope ON security_agency_staff (unit_path text_pattern_ops);
