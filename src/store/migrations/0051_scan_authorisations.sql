-- Scan authorisations (remote-detection.md §1.1, domain.md §5.3): which registered sites of one
-- entity may be scanned, when (validity and an optional daily window in Asia/Shanghai time), how
-- (highest profile, optional lower rate), by whom (agency and staff) and on whose approval.
-- draft → approved → entityNotified → active → expired | revoked.
CREATE TABLE scan_authorisations (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_path         text NOT NULL,             -- the entity's jurisdiction unit
  entity_id         uuid NOT NULL REFERENCES entities(id),
  site_ids          uuid[] NOT NULL CHECK (cardinality(site_ids) BETWEEN 1 AND 10000),
  targets           jsonb NOT NULL,            -- snapshot [{ siteId, hostname, ips }] as authorised
  valid_from        timestamptz NOT NULL,
  valid_until       timestamptz NOT NULL,
  window_start      text CHECK (window_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  window_end        text CHECK (window_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  profile           text NOT NULL CHECK (profile IN ('http', 'standard', 'full')),  -- highest allowed
  rate_limit        integer CHECK (rate_limit BETWEEN 1 AND 150),  -- requests a second, lower than the default only
  agency_id         uuid REFERENCES security_agencies(id),
  agency_staff_ids  uuid[] NOT NULL DEFAULT '{}',
  purpose           text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  notice_ref        text,                      -- prior notice to the entity (number or announcement)
  notified_at       timestamptz,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'entityNotified', 'active', 'expired', 'revoked')),
  created_by        uuid NOT NULL REFERENCES users(id),
  approved_by       uuid REFERENCES users(id),
  approved_at       timestamptz,
  activated_at      timestamptz,
  revoked_by        uuid REFERENCES users(id),
  revoked_at        timestamptz,
  revoke_reason     text,
  expired_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until > valid_from),
  CHECK ((window_start IS NULL) = (window_end IS NULL)),
  CHECK (agency_id IS NOT NULL OR cardinality(agency_staff_ids) = 0),
  CHECK (status NOT IN ('entityNotified', 'active', 'expired') OR notice_ref IS NOT NULL),
  CHECK (status = 'draft' OR status = 'revoked' OR approved_by IS NOT NULL)
);
CREATE INDEX scan_authorisations_scope ON scan_authorisations (unit_path text_pattern_ops);
CREATE INDEX scan_authorisations_entity ON scan_authorisations (entity_id, status);
CREATE INDEX scan_authorisations_agency ON scan_authorisations (agency_id) WHERE agency_id IS NOT NULL;
CREATE INDEX scan_authorisations_sites ON scan_authorisations USING gin (site_ids);
