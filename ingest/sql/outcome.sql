-- Decide each accepted record's outcome against the warehouse: a key's last
-- record in the file is loaded (the warehouse has no such key), duplicate
-- (same content as the warehouse holds) or updated (changed content); the
-- last record wins. A record superseded by a later record of its key in the
-- same file changes nothing stored: it counts as duplicate, whatever its
-- content, so that loaded counts the keys added and updated the keys
-- changed, and a file loaded again is all duplicate (compared record by
-- record with the one before, a file holding a key as a then b reported
-- both updated on every load, a -> b having replaced b -> a).
-- A stored row's hash is the record's row_hash, or _legacy_hash for a row
-- stored with null members in extra (see withoutNulls in build.go), or
-- _order_hash for one stored with extra's keys in the file's order, or
-- _prev_hash for one stored with extra as read (untrimmed, its objects
-- whole: see stageSQL), or,
-- when the file does not read some fields and the update keeps their
-- stored values (Merged, job.replacing), the hash of the row the update
-- would write: a file without a column loaded again is duplicate, and one
-- with the column empty clears the value kept. (_extra_order is null where
-- the file's order is the keys' order, and the hash of the row written
-- with a null extra is that of any row stored without one: a column added
-- to such a file was a duplicate, its value dropped.)
-- write: the record is its key's last in the file and differs from what the
-- warehouse holds; existed: the warehouse had the key; moved (complaints):
-- the record changes the received time the warehouse holds; merged_extra
-- and merged_hash: the extra and row hash an update writes where it keeps
-- members of the stored extra the file has no column for (keep_extra.sql
-- sets them, and finds some of the updates duplicates then), else null.
CREATE TEMP TABLE ingest_outcome AS
{{- if .Unique}}
-- Every key occurs once in the file: compare with the warehouse only.
SELECT r,
       CASE WHEN existing_hash IS NULL THEN 'loaded'
            WHEN same THEN 'duplicate'
            ELSE 'updated' END AS outcome,
       NOT coalesce(same, false) AS write,
       existing_hash IS NOT NULL AS existed,
       NULL::JSON AS merged_extra, NULL::UBIGINT AS merged_hash
       {{- if .Moved}}, moved{{end}}
FROM (
    SELECT s.rowid AS r, e.row_hash AS existing_hash,
           e.row_hash = s.row_hash OR e.row_hash = s._legacy_hash OR e.row_hash = s._order_hash OR e.row_hash = s._prev_hash
           {{- if .Merged}} OR e.row_hash = hash({{.Merged}}, s.extra) OR (s._extra_order IS NOT NULL AND e.row_hash = hash({{.Merged}}, s._extra_order))
           OR (s._extra_prev IS NOT NULL AND e.row_hash = hash({{.Merged}}, s._extra_prev)){{end}} AS same
           {{- if .Moved}}, e.received_at <> s.received_at AS moved{{end}}
    FROM ingest_stage s
    LEFT JOIN {{.Table}} e ON {{.KeyJoin}}
    WHERE s._reason IS NULL
)
{{- else}}
SELECT r,
       CASE WHEN NOT is_last THEN 'duplicate'
            WHEN existing_hash IS NULL THEN 'loaded'
            WHEN same THEN 'duplicate'
            ELSE 'updated' END AS outcome,
       is_last AND NOT coalesce(same, false) AS write,
       existing_hash IS NOT NULL AS existed,
       NULL::JSON AS merged_extra, NULL::UBIGINT AS merged_hash
       {{- if .Moved}}, moved{{end}}
FROM (
    SELECT s.rowid AS r, e.row_hash AS existing_hash,
           e.row_hash = s.row_hash OR e.row_hash = s._legacy_hash OR e.row_hash = s._order_hash OR e.row_hash = s._prev_hash
           {{- if .Merged}} OR e.row_hash = hash({{.Merged}}, s.extra) OR (s._extra_order IS NOT NULL AND e.row_hash = hash({{.Merged}}, s._extra_order))
           OR (s._extra_prev IS NOT NULL AND e.row_hash = hash({{.Merged}}, s._extra_prev)){{end}} AS same,
           {{- if .Moved}} e.received_at <> s.received_at AS moved,{{end}}
           row_number() OVER (PARTITION BY {{.KeyS}} ORDER BY s.rowid DESC) = 1 AS is_last
    FROM ingest_stage s
    LEFT JOIN {{.Table}} e ON {{.KeyJoin}}
    WHERE s._reason IS NULL
)
{{- end}}
