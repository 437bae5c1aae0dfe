-- Scan findings promoted into a remote-detection inspection (远程检测记录, domain.md §5.3, §5.10).
-- Each row ties one scan finding to the checklist item it makes non-compliant and keeps the
-- evidence references the record cites: the evidence keys, their digest over the task's
-- request-log digest, and the scan digest. A scan finding feeds one inspection only (UNIQUE);
-- no cascade from scans: a scan a record cites cannot disappear under it.
CREATE TABLE inspection_scan_findings (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id       uuid NOT NULL REFERENCES inspections(id),
  item_id             uuid NOT NULL REFERENCES inspection_items(id),
  unit_path           text NOT NULL,   -- the inspection's
  entity_id           uuid NOT NULL REFERENCES entities(id),
  scan_id             uuid NOT NULL REFERENCES scans(id),
  task_id             uuid NOT NULL REFERENCES scan_tasks(id),
  site_id             uuid NOT NULL,
  scan_finding_id     uuid NOT NULL UNIQUE REFERENCES scan_findings(id),
  hostname            text NOT NULL,
  check_id            text NOT NULL,
  result              text NOT NULL,
  severity            text NOT NULL,
  confidence          text NOT NULL,
  cites               text[] NOT NULL DEFAULT '{}',
  evidence            text[] NOT NULL DEFAULT '{}',   -- sha256 keys into scan_evidence
  evidence_digest     text NOT NULL CHECK (evidence_digest ~ '^[0-9a-f]{64}$'),
  request_log_sha256  text,
  scan_digest         text,
  scanned_at          timestamptz,
  promoted_by         uuid REFERENCES users(id),
  promoted_at         timestamptz NOT NULL
);
CREATE INDEX inspection_scan_findings_inspection ON inspection_scan_findings (inspection_id);
CREATE INDEX inspection_scan_findings_scan ON inspection_scan_findings (scan_id);
CREATE INDEX inspection_scan_findings_scope ON inspection_scan_findings (unit_path text_pattern_ops);
