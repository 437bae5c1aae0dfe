-- Remote-detection scans (remote-detection.md §2.3, §5): one row per scan, one task per site
-- (unique per scan), findings with a stable fingerprint, content-addressed evidence, and the
-- heartbeats of the workers that claim tasks. Counters on `scans` move in the same transaction
-- as the task rows they count, so progress is exact and a crashed worker loses nothing.
CREATE TABLE scans (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_path          text NOT NULL,
  started_by         uuid NOT NULL REFERENCES users(id),
  agency_id          uuid REFERENCES security_agencies(id),   -- set when agency staff started it
  target             jsonb NOT NULL,        -- { kind: 'entity' | 'unit' | 'sites', ... } as selected
  target_label       text NOT NULL,
  authorisation_ids  uuid[] NOT NULL,
  profile            text NOT NULL CHECK (profile IN ('http', 'standard', 'full')),
  limits             jsonb NOT NULL DEFAULT '{}'::jsonb,    -- lowered retrieval limits (authorisation rates)
  status             text NOT NULL DEFAULT 'queued' CHECK (status IN (
                       'queued', 'planning', 'running', 'paused', 'finalizing',
                       'completed', 'completed_partial', 'cancelled', 'failed')),
  stamp              jsonb NOT NULL,        -- { scoringVersion, catalogueHash, keywordsVersion, ruleSetVersions }
  total_tasks        integer NOT NULL DEFAULT 0,
  done_tasks         integer NOT NULL DEFAULT 0,
  failed_tasks       integer NOT NULL DEFAULT 0,
  skipped_tasks      integer NOT NULL DEFAULT 0,
  cancelled_tasks    integer NOT NULL DEFAULT 0,
  summary            jsonb,                 -- written by scan.finalize
  digest             text,                  -- sha256 over the tasks' request-log digests, in task order
  error              text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  planned_at         timestamptz,
  finished_at        timestamptz,
  last_commit_at     timestamptz,
  status_changed_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (done_tasks + failed_tasks + skipped_tasks + cancelled_tasks <= total_tasks)
);
CREATE INDEX scans_scope ON scans (unit_path text_pattern_ops, created_at DESC);
CREATE INDEX scans_agency ON scans (agency_id) WHERE agency_id IS NOT NULL;
CREATE INDEX scans_active ON scans (status) WHERE status IN ('queued', 'planning', 'running', 'paused', 'finalizing');

CREATE TABLE scan_tasks (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scan_id               uuid NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  site_id               uuid NOT NULL,       -- entity_sites.id; no FK: results outlive a removed site
  entity_id             uuid NOT NULL,
  unit_path             text NOT NULL,       -- the entity's
  authorisation_id      uuid NOT NULL REFERENCES scan_authorisations(id),
  hostname              text NOT NULL,
  registered            jsonb NOT NULL,      -- registry facts as of planning (RegisteredFacts)
  seq                   integer NOT NULL,    -- order by registered IP, then hostname
  chunk_no              integer NOT NULL,    -- seq / 100: one scan.chunk job each
  pos                   integer NOT NULL,    -- seq % 100: claims interleave chunks (IPs) by position
  status                text NOT NULL DEFAULT 'pending' CHECK (status IN (
                          'pending', 'running', 'done', 'failed', 'skipped_window', 'skipped_budget', 'cancelled')),
  worker_id             text,
  attempt               integer NOT NULL DEFAULT 0,
  previous_task_id      uuid,                -- the site's last done task before this scan: the diff base
  started_at            timestamptz,
  finished_at           timestamptz,
  duration_ms           integer,
  site_status           text CHECK (site_status IN ('active', 'unreachable', 'zombie')),
  score                 integer,
  grade                 text,
  grade_ignoring_trust  text,
  risk_count            integer,
  finding_count         integer,
  capped_by             text[],
  outcomes              jsonb,               -- compact outcomes, one per check
  request_log           jsonb,
  log_sha256            text,                -- sha256 of the canonical JSON of request_log
  usage                 jsonb,               -- { requests, bytes, ms, budgetSpent, hostDropped }
  reviewed_grade        jsonb,               -- re-graded view after tentative review; the grade columns never change
  error                 text,
  UNIQUE (scan_id, site_id)
);
CREATE INDEX scan_tasks_pending ON scan_tasks (scan_id, pos, chunk_no) WHERE status = 'pending';
CREATE INDEX scan_tasks_running ON scan_tasks (worker_id) WHERE status = 'running';
CREATE INDEX scan_tasks_finished ON scan_tasks (scan_id, finished_at);
CREATE INDEX scan_tasks_site_done ON scan_tasks (site_id, finished_at) WHERE status = 'done';
CREATE INDEX scan_tasks_scope ON scan_tasks (unit_path text_pattern_ops);

-- Non-pass outcomes of severity ≥ info. `diff_status` is set by scan.finalize against the task's
-- previous_task_id; "fixed" (an old fingerprint whose check ran again without firing) is computed.
CREATE TABLE scan_findings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scan_id         uuid NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  task_id         uuid NOT NULL REFERENCES scan_tasks(id) ON DELETE CASCADE,
  site_id         uuid NOT NULL,
  unit_path       text NOT NULL,
  fingerprint     text NOT NULL,
  check_id        text NOT NULL,
  check_version   integer NOT NULL,
  result          text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  confidence      text NOT NULL CHECK (confidence IN ('certain', 'firm', 'tentative')),
  points          integer NOT NULL,
  cites           text[] NOT NULL DEFAULT '{}',
  detail          jsonb,
  evidence_refs   jsonb NOT NULL DEFAULT '[]'::jsonb,  -- the check's EvidenceRefs
  evidence        text[] NOT NULL DEFAULT '{}',        -- sha256 keys into scan_evidence
  diff_status     text NOT NULL DEFAULT 'new' CHECK (diff_status IN ('new', 'persisting')),
  review_status   text CHECK (review_status IN ('pending', 'confirmed', 'dismissed')),
  reviewed_by     uuid REFERENCES users(id),
  reviewed_at     timestamptz,
  review_reason   text,
  UNIQUE (task_id, fingerprint)
);
CREATE INDEX scan_findings_scan ON scan_findings (scan_id, check_id);
CREATE INDEX scan_findings_review ON scan_findings (scan_id) WHERE review_status = 'pending';
CREATE INDEX scan_findings_scope ON scan_findings (unit_path text_pattern_ops);

-- Evidence by sha256 within a scan: ≤ 2 KB excerpts, header sets, certificates and chains, and
-- whole bodies (gzip) only for content findings. Reached through the scoped findings.
CREATE TABLE scan_evidence (
  scan_id    uuid NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  sha256     text NOT NULL,
  unit_path  text NOT NULL,
  kind       text NOT NULL,
  content    jsonb NOT NULL,
  body_gzip  bytea,
  bytes      integer NOT NULL,
  PRIMARY KEY (scan_id, sha256)
);
CREATE INDEX scan_evidence_scope ON scan_evidence (unit_path text_pattern_ops);

-- Worker heartbeats (every 5 s). Running tasks of a worker silent > 20 s go back to pending.
CREATE TABLE scan_workers (
  id            text PRIMARY KEY,
  host          text NOT NULL,
  pid           integer NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  scan_id       uuid
);
