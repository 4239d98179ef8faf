-- Decide each accepted record's outcome against the warehouse and earlier
-- records of the same file: loaded (new key), duplicate (same content as the
-- key holds by then) or updated (changed content; the last record wins).
-- write: the record is its key's last in the file and differs from what the
-- warehouse holds; existed: the warehouse had the key; moved (complaints):
-- the record changes the received time the warehouse holds.
CREATE TEMP TABLE ingest_outcome AS
{{- if .Unique}}
-- Every key occurs once in the file: compare with the warehouse only.
SELECT s.rowid AS r,
       CASE WHEN e.row_hash IS NULL THEN 'loaded'
            WHEN e.row_hash = s.row_hash THEN 'duplicate'
            ELSE 'updated' END AS outcome,
       e.row_hash IS DISTINCT FROM s.row_hash AS write,
       e.row_hash IS NOT NULL AS existed
       {{- if .Moved}}, e.received_at <> s.received_at AS moved{{end}}
FROM ingest_stage s
LEFT JOIN {{.Table}} e ON {{.KeyJoin}}
WHERE s._reason IS NULL
{{- else}}
SELECT r,
       CASE WHEN prev_hash IS NULL THEN 'loaded'
            WHEN prev_hash = row_hash THEN 'duplicate'
            ELSE 'updated' END AS outcome,
       is_last AND existing_hash IS DISTINCT FROM row_hash AS write,
       existing_hash IS NOT NULL AS existed
       {{- if .Moved}}, moved{{end}}
FROM (
    SELECT s.rowid AS r, s.row_hash, e.row_hash AS existing_hash,
           {{- if .Moved}} e.received_at <> s.received_at AS moved,{{end}}
           coalesce(lag(s.row_hash) OVER w, e.row_hash) AS prev_hash,
           row_number() OVER (PARTITION BY {{.KeyS}} ORDER BY s.rowid DESC) = 1 AS is_last
    FROM ingest_stage s
    LEFT JOIN {{.Table}} e ON {{.KeyJoin}}
    WHERE s._reason IS NULL
    WINDOW w AS (PARTITION BY {{.KeyS}} ORDER BY s.rowid)
)
{{- end}}
