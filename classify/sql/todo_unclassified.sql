-- The complaints with no current classification, by row id; the text is
-- then read a window of row ids at a time (see select_window.sql).
--
-- $1 is the highest ingest run whose complaints are all classified
-- (classified_through.sql; -1 when none is known, below every run: ingest
-- numbers its runs from 1): only complaints of later runs are looked at,
-- and the filter on ingest_run_id skips the row groups of earlier runs, so
-- a weekly file added to a large warehouse does not join every complaint
-- to its classification again. On the 10M benchmark warehouse `complaints
-- classify` with nothing to classify took 4.4 s looking over the whole
-- table, 0.44 s this way.
CREATE OR REPLACE TEMP TABLE classify_todo AS
SELECT c.rowid AS rid
FROM complaints c
WHERE c.ingest_run_id > $1
  AND NOT EXISTS (
    SELECT 1 FROM classifications k
    WHERE k.source = c.source AND k.complaint_id = c.complaint_id
)
