-- The redacted narrative of the classification whose rowid is $1, with
-- whether defects_examples.sql would show it (not blank). One row at a
-- time: a filter on one rowid reads one vector of the text column, while
-- a list of rowids spread over the table makes DuckDB scan all of it.
SELECT narrative_redacted, nullif(trim(narrative_redacted), '') IS NOT NULL AS shown
FROM classifications
WHERE rowid = $1
