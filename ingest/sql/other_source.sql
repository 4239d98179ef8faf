-- The complaints this run ($1) wrote under the source $2 (the file's name)
-- whose IDs the warehouse holds under another source, and the first such
-- source by name: weekly files of one system loaded without --source.
SELECT count(DISTINCT c.complaint_id), min(o.source)
FROM complaints c
JOIN complaints o ON o.complaint_id = c.complaint_id AND o.source <> c.source
WHERE c.ingest_run_id = $1 AND c.source = $2
