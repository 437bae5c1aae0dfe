-- Focus lists are the inspectors' most used filter and are combined with status, type, kind and
-- CII: carrying those columns in the partial focus index lets the capped list count run as an
-- index-only scan (measured at 1M entities: 1,025 ms cold / ~300 ms warm → 26 ms cold / ~5 ms warm
-- for "suspended focus entities of a city").
DROP INDEX IF EXISTS entities_focus;
CREATE INDEX entities_focus ON entities (unit_path text_pattern_ops) INCLUDE (status, type, kind, is_cii)
  WHERE cardinality(focus_reasons) > 0;
