-- The labels the lists write as the pages show them, each once with the
-- column it is written in (labelsRedacted): the sources of the
-- warehouse's complaints, and the names of the files ingested (the
-- audit's list of rejected records names each record's file).
SELECT DISTINCT 'source' AS col, source AS label FROM complaints
UNION ALL
SELECT DISTINCT 'file', file FROM ingest_runs
