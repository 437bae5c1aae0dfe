-- What the scanner remembers of a site across scans (remote-detection.md §3.4): the content
-- baseline (a candidate until confirmed by a second matching clean task within 30 days or
-- approved by an inspector) and the last 10 task signals with text stability, for the zombie
-- and tampering heuristics. Keyed by entity_sites.id; written in the task commit.
CREATE TABLE site_baselines (
  site_id      uuid NOT NULL,
  status       text NOT NULL CHECK (status IN ('candidate', 'approved')),
  unit_path    text NOT NULL,
  captured_at  timestamptz NOT NULL,          -- when the fingerprinted task ran
  task_id      uuid,
  fingerprint  jsonb NOT NULL,                -- { minhash, title, meta, linkHosts, scriptHosts, excerpt }
  approval     text CHECK (approval IN ('auto', 'inspector')),
  approved_by  uuid REFERENCES users(id),
  approved_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_id, status),
  CHECK (status = 'candidate' OR approval IS NOT NULL)
);
CREATE INDEX site_baselines_scope ON site_baselines (unit_path text_pattern_ops);

CREATE TABLE site_history (
  site_id          uuid PRIMARY KEY,
  unit_path        text NOT NULL,
  tasks            jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{ scannedAt, siteStatus, signals }] newest first, ≤ 10
  last_minhash     jsonb,
  unchanged_since  timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_history_scope ON site_history (unit_path text_pattern_ops);
