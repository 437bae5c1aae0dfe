-- Gap-free document numbers (文号) per unit, document kind and year. The counter row stays
-- locked by the issuing transaction until it commits; a rollback returns the number.
CREATE TABLE document_counters (
  unit_id      uuid NOT NULL REFERENCES units(id),
  kind         text NOT NULL,
  year         integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  last_number  integer NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (unit_id, kind, year)
);
