-- The redacted narratives of the classifications whose rowids $1 lists
-- (a list literal cast to BIGINT[]), with whether defects_examples.sql
-- would show it (not blank).
SELECT rowid AS row, narrative_redacted, nullif(trim(narrative_redacted), '') IS NOT NULL AS shown
FROM classifications
WHERE rowid = ANY($1::BIGINT[])
