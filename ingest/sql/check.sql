-- After a direct load that rejected records (append.sql): every
-- record's position in file order (0-based, as a staged row's rowid) and
-- why it was rejected, with the record as read and the check that rejected
-- it (_check: rejectedAlike). The stage is read again,
-- without storing the reader's rejects a second time.
CREATE TEMP TABLE ingest_stage AS
SELECT row_number() OVER () - 1 AS _pos, _reason, _raw, _check
FROM ({{.Stage}})
