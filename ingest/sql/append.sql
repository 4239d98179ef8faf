-- A direct load: the file's valid records go straight into the table, with
-- no staging table in between (writing and copying one doubled the work of a
-- first load). Only for keys the table cannot hold yet: a key repeated in
-- the file violates the primary key, and the caller stages instead. Each
-- rejected record draws a number from the sequence ingest_rejected (the OR
-- evaluates its second term only for rows that fail the first): if none was
-- drawn, every record was loaded, without reading the file again to count.
INSERT INTO {{.Table}} ({{.Columns}}, extra, ingest_run_id, row_hash)
SELECT {{.Columns}}, extra, {{.RunID}}, row_hash
FROM ({{.Stage}})
WHERE _reason IS NULL OR nextval('ingest_rejected') IS NULL
