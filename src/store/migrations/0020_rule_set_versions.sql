-- Rule-set versions (src/rules): each shipped or imported rule-set file is one immutable row.
-- National reference data, not supervised data: no unit_path, readable by every role with
-- rules.read. An inspection freezes (rule_set_id, version, content_hash) of the rows it used.
CREATE TABLE rule_set_versions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_set_id       text NOT NULL CHECK (rule_set_id ~ '^[A-Z][A-Z0-9]*$'),
  version           text NOT NULL CHECK (version ~ '^[0-9]{4}\.[0-9]+(-[a-z0-9]+)?$'),
  content           jsonb NOT NULL,   -- the validated file (ZRuleSetFile), exactly as parsed
  content_hash      text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  effective_from    date NOT NULL,
  effective_to      date,             -- last day in force (inclusive)
  status            text NOT NULL CHECK (status IN ('final', 'draft')),
  source            text NOT NULL CHECK (source IN ('shipped', 'import')),
  imported_by       uuid REFERENCES users(id),   -- null: the system (shipped sets at start-up)
  imported_by_name  text NOT NULL,
  imported_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_set_id, version),
  UNIQUE (rule_set_id, content_hash),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX rule_set_versions_effective ON rule_set_versions (effective_from, effective_to);

-- A version never changes: a corrected text is a new version, so a frozen checklist's
-- content hash always names the content it was computed from.
CREATE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rule_set_versions rows are immutable: import a new version';
END;
$$;
CREATE TRIGGER rule_set_versions_no_update BEFORE UPDATE OR DELETE ON rule_set_versions
  FOR EACH ROW EXECUTE FUNCTION rule_set_versions_immutable();
