-- Substring search on entity names without extensions (pg_trgm is not in core PostgreSQL):
-- a GIN index over the distinct character bigrams of lower(name). A query for "锦程数据" first
-- intersects the postings of 锦程, 程数, 数据, then rechecks with LIKE. Works for CJK and Latin.
CREATE FUNCTION registry_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i
$$;
CREATE INDEX entities_name_bigrams ON entities USING gin (registry_bigrams(name));
