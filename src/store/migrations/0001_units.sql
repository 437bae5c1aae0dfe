-- Police units (部/省/市/县/派出所). `path` is a materialised path of short codes
-- ('/k3f9/x1b2/'), so "this unit and everything below it" is one index range scan.
CREATE TABLE units (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id    uuid REFERENCES units(id),
  path         text NOT NULL UNIQUE,
  level        text NOT NULL CHECK (level IN ('ministry', 'province', 'city', 'county', 'station')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code  text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  doc_prefix   text,           -- numbering prefix for documents, e.g. 京公网安
  is_demo      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (parent_id, name)
);
CREATE INDEX units_path ON units (path text_pattern_ops);
CREATE UNIQUE INDEX units_single_root ON units ((parent_id IS NULL)) WHERE parent_id IS NULL;
