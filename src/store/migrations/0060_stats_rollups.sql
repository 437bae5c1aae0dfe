-- Statistics roll-ups (domain.md §6): two small derived tables kept by triggers so a province
-- dashboard over a million entities reads hundreds of rows, not a million. Both are caches of
-- facts owned elsewhere (entities, scan_tasks) and can be rebuilt from them at any time; nothing
-- reads them for decisions.

-- 1. Entity counts as signed deltas per (unit_path, type, region_code, status, focus_reasons).
-- Each statement on `entities` appends its net change (statement-level triggers over transition
-- tables): no shared counter row is ever updated, so a long import never blocks, and never
-- deadlocks with, other writers. Readers sum the deltas of a subtree; compaction (stats.store
-- compactEntityDeltas) folds them back to one row per key, in one statement, from time to time.
CREATE TABLE stats_entity_deltas (
  unit_path      text    NOT NULL,
  type           text    NOT NULL,
  region_code    text    NOT NULL,
  status         text    NOT NULL,
  focus_reasons  text[]  NOT NULL,   -- '{}' also stands for "not evaluated" (null in entities)
  n              integer NOT NULL,
  compacted      boolean NOT NULL DEFAULT false
);
CREATE INDEX stats_entity_deltas_scope ON stats_entity_deltas (unit_path text_pattern_ops);
CREATE INDEX stats_entity_deltas_backlog ON stats_entity_deltas (unit_path) WHERE NOT compacted;

CREATE FUNCTION stats_entity_deltas_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_entity_deltas (unit_path, type, region_code, status, focus_reasons, n)
    SELECT unit_path, type, region_code, status, coalesce(focus_reasons, '{}'), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stats_entity_deltas (unit_path, type, region_code, status, focus_reasons, n)
    SELECT unit_path, type, region_code, status, coalesce(focus_reasons, '{}'), -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5;
  ELSE
    -- Only rows whose counted columns changed; a rename or a phone number costs a join, no row.
    INSERT INTO stats_entity_deltas (unit_path, type, region_code, status, focus_reasons, n)
    SELECT unit_path, type, region_code, status, focus_reasons, sum(d)
    FROM (
      SELECT o.unit_path, o.type, o.region_code, o.status, coalesce(o.focus_reasons, '{}') AS focus_reasons, -1 AS d
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.unit_path, o.type, o.region_code, o.status, coalesce(o.focus_reasons, '{}'))
            IS DISTINCT FROM (w.unit_path, w.type, w.region_code, w.status, coalesce(w.focus_reasons, '{}'))
      UNION ALL
      SELECT w.unit_path, w.type, w.region_code, w.status, coalesce(w.focus_reasons, '{}'), 1
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o.unit_path, o.type, o.region_code, o.status, coalesce(o.focus_reasons, '{}'))
            IS DISTINCT FROM (w.unit_path, w.type, w.region_code, w.status, coalesce(w.focus_reasons, '{}'))
    ) changes
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END;
$$;
-- PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
CREATE TRIGGER entities_stats_insert AFTER INSERT ON entities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_entity_deltas_capture();
CREATE TRIGGER entities_stats_update AFTER UPDATE ON entities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_entity_deltas_capture();
CREATE TRIGGER entities_stats_delete AFTER DELETE ON entities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_entity_deltas_capture();

INSERT INTO stats_entity_deltas (unit_path, type, region_code, status, focus_reasons, n, compacted)
SELECT unit_path, type, region_code, status, coalesce(focus_reasons, '{}'), count(*), true
FROM entities GROUP BY 1, 2, 3, 4, 5;

-- 2. The latest completed scan task of each site (the grade distribution counts sites by it).
-- Upserted from each statement that completes tasks or re-grades them after review; an older
-- task never replaces a newer one. Deleting tasks (a scan removed) recomputes their sites.
CREATE TABLE stats_site_latest (
  site_id      uuid PRIMARY KEY,
  unit_path    text        NOT NULL,
  task_id      uuid        NOT NULL,
  finished_at  timestamptz NOT NULL,
  site_status  text,
  grade        text         -- the reviewed grade when a review re-graded the task
);
CREATE INDEX stats_site_latest_scope ON stats_site_latest (unit_path text_pattern_ops);

CREATE FUNCTION stats_site_latest_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One row per site (the newest of this statement), in site order so concurrent scans lock alike.
  INSERT INTO stats_site_latest AS l (site_id, unit_path, task_id, finished_at, site_status, grade)
  SELECT site_id, unit_path, id, finished_at, site_status, coalesce(reviewed_grade ->> 'grade', grade)
  FROM (
    SELECT DISTINCT ON (site_id) * FROM new_rows
    WHERE status = 'done' AND finished_at IS NOT NULL
    ORDER BY site_id, finished_at DESC, id DESC
  ) latest
  ORDER BY site_id
  ON CONFLICT (site_id) DO UPDATE SET
    unit_path = excluded.unit_path, task_id = excluded.task_id, finished_at = excluded.finished_at,
    site_status = excluded.site_status, grade = excluded.grade
  WHERE l.finished_at < excluded.finished_at OR l.task_id = excluded.task_id;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stats_site_latest_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stats_site_latest l USING old_rows o WHERE l.task_id = o.id;
  INSERT INTO stats_site_latest (site_id, unit_path, task_id, finished_at, site_status, grade)
  SELECT DISTINCT ON (t.site_id) t.site_id, t.unit_path, t.id, t.finished_at, t.site_status, coalesce(t.reviewed_grade ->> 'grade', t.grade)
  FROM scan_tasks t
  WHERE t.site_id IN (SELECT site_id FROM old_rows) AND t.status = 'done' AND t.finished_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM stats_site_latest l WHERE l.site_id = t.site_id)
  ORDER BY t.site_id, t.finished_at DESC, t.id DESC;
  RETURN NULL;
END;
$$;

CREATE TRIGGER scan_tasks_stats_insert AFTER INSERT ON scan_tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_latest_upsert();
CREATE TRIGGER scan_tasks_stats_update AFTER UPDATE ON scan_tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_latest_upsert();
CREATE TRIGGER scan_tasks_stats_delete AFTER DELETE ON scan_tasks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_latest_forget();

INSERT INTO stats_site_latest (site_id, unit_path, task_id, finished_at, site_status, grade)
SELECT DISTINCT ON (site_id) site_id, unit_path, id, finished_at, site_status, coalesce(reviewed_grade ->> 'grade', grade)
FROM scan_tasks WHERE status = 'done' AND finished_at IS NOT NULL
ORDER BY site_id, finished_at DESC, id DESC;

-- 3. Period counts read only the index: events of a subtree in a date range.
CREATE INDEX inspections_stats_scheduled ON inspections (unit_path text_pattern_ops, scheduled_on) INCLUDE (status);
CREATE INDEX findings_stats_created ON findings (unit_path text_pattern_ops, created_at) INCLUDE (severity, category);
