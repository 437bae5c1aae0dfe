-- Sites per grade bucket as signed deltas per (unit_path, bucket), appended by statement-level
-- triggers on stats_site_latest (0060): the grade chart then sums a few rows per unit instead of
-- one row per site. Same design and compaction as stats_entity_deltas.
CREATE FUNCTION stats_grade_bucket(site_status text, grade text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN site_status IN ('unreachable', 'zombie') THEN site_status
              WHEN grade IS NULL THEN 'ungraded'
              ELSE left(grade, 1) END
$$;

CREATE TABLE stats_site_grade_deltas (
  unit_path  text    NOT NULL,
  bucket     text    NOT NULL,
  n          integer NOT NULL,
  compacted  boolean NOT NULL DEFAULT false
);
CREATE INDEX stats_site_grade_deltas_scope ON stats_site_grade_deltas (unit_path text_pattern_ops);
CREATE INDEX stats_site_grade_deltas_backlog ON stats_site_grade_deltas (unit_path) WHERE NOT compacted;

CREATE FUNCTION stats_site_grade_deltas_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_site_grade_deltas (unit_path, bucket, n)
    SELECT unit_path, stats_grade_bucket(site_status, grade), count(*) FROM new_rows GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stats_site_grade_deltas (unit_path, bucket, n)
    SELECT unit_path, stats_grade_bucket(site_status, grade), -count(*) FROM old_rows GROUP BY 1, 2;
  ELSE
    INSERT INTO stats_site_grade_deltas (unit_path, bucket, n)
    SELECT unit_path, bucket, sum(d) FROM (
      SELECT o.unit_path, stats_grade_bucket(o.site_status, o.grade) AS bucket, -1 AS d
      FROM old_rows o JOIN new_rows w ON w.site_id = o.site_id
      UNION ALL
      SELECT w.unit_path, stats_grade_bucket(w.site_status, w.grade), 1
      FROM old_rows o JOIN new_rows w ON w.site_id = o.site_id
    ) changes
    GROUP BY 1, 2
    HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_site_latest_grade_insert AFTER INSERT ON stats_site_latest
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_grade_deltas_capture();
CREATE TRIGGER stats_site_latest_grade_update AFTER UPDATE ON stats_site_latest
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_grade_deltas_capture();
CREATE TRIGGER stats_site_latest_grade_delete AFTER DELETE ON stats_site_latest
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_site_grade_deltas_capture();

INSERT INTO stats_site_grade_deltas (unit_path, bucket, n, compacted)
SELECT unit_path, stats_grade_bucket(site_status, grade), count(*), true FROM stats_site_latest GROUP BY 1, 2;
