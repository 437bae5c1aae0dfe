-- Public-security filing (公安联网备案). One live filing per entity moves through
-- draft → submitted → approved | returned → submitted; approved → changeSubmitted → approved | returned;
-- approved → cancelled. Every state change is kept as a version.
CREATE TABLE psb_filings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id        uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  unit_path        text NOT NULL,
  status           text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'changeSubmitted', 'cancelled')),
  filing_number    text UNIQUE CHECK (filing_number ~ '^[0-9]{14}$'),
  payload          jsonb NOT NULL,   -- the proposed entity snapshot (personal data sealed)
  approved_payload jsonb,            -- the snapshot in force
  return_reasons   text[] NOT NULL DEFAULT '{}',
  version          integer NOT NULL DEFAULT 1,
  created_by       uuid,
  submitted_by     uuid,
  submitted_at     timestamptz,
  reviewed_by      uuid,
  reviewed_at      timestamptz,
  approved_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status NOT IN ('approved', 'changeSubmitted') OR filing_number IS NOT NULL)
);
CREATE UNIQUE INDEX psb_filings_one_live ON psb_filings (entity_id) WHERE status <> 'cancelled';
CREATE INDEX psb_filings_scope ON psb_filings (unit_path text_pattern_ops, status);

CREATE TABLE psb_filing_versions (
  filing_id      uuid NOT NULL REFERENCES psb_filings(id) ON DELETE CASCADE,
  version        integer NOT NULL,
  status         text NOT NULL,
  payload        jsonb NOT NULL,
  reasons        text[] NOT NULL DEFAULT '{}',
  filing_number  text,
  actor_id       uuid,
  actor_name     text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (filing_id, version)
);

-- Gap-free filing numbers per unit and year: the row stays locked until the approval commits.
CREATE TABLE psb_filing_counters (
  unit_id      uuid NOT NULL REFERENCES units(id),
  year         integer NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (unit_id, year)
);
