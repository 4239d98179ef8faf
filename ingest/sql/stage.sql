-- One row per record read, in file order. Innermost: the source columns
-- (renamed s_0, s_1, ... so they cannot clash with canonical names) and the
-- trimmed text of each column a field reads or extra keeps, empty as null
-- (u_0, u_1, ...).
-- Then each field's text, value maps applied (t_*). Then the
-- converted fields and the extra JSON; then why the record is rejected
-- (_reason, null when it is fine). The record as read (_raw) is built only
-- for rejected records, and which check rejected it (_check: its place
-- among stageSQL's, and the number it judged, for a warning of many
-- records rejected alike); row_hash tells duplicates from updates (and
-- _legacy_hash and _order_hash, in a staged load, from rows stored with
-- null members in extra or with its keys in the file's order, and
-- _extra_prev and _prev_hash from rows stored with extra as read,
-- untrimmed and its objects whole: see stageSQL), and _record, in a
-- staged load of responses that earlier versions keyed by record number,
-- that number (rekey.sql).
-- It is the body of the staging table (CREATE TEMP TABLE ingest_stage AS
-- ...) or of a direct load (append.sql).
SELECT {{.Names}}, extra, _reason,
       CASE WHEN _reason IS NOT NULL THEN {{.Raw}} END AS _raw,
       CASE WHEN _reason IS NOT NULL THEN {{.Check}} END AS _check,
       hash({{.Names}}, extra) AS row_hash
       {{- if .Legacy}},
       CASE WHEN _extra_all IS DISTINCT FROM extra THEN hash({{.Names}}, _extra_all) END AS _legacy_hash,
       _extra_order, CASE WHEN _extra_order IS NOT NULL THEN hash({{.Names}}, _extra_order) END AS _order_hash,
       _extra_prev, CASE WHEN _extra_prev IS DISTINCT FROM extra AND _extra_prev IS NOT NULL THEN hash({{.Names}}, _extra_prev) END AS _prev_hash
       {{- end}}
       {{- if .Record}},
       {{.Record}} AS _record
       {{- end}}
FROM (
    SELECT *, {{.Reason}} AS _reason
    FROM (
        SELECT *, {{.Values}}, {{.Extra}} AS extra{{if .Legacy}},
               -- extra in the file's order, where that is not the keys' order
               {{.FileOrder}} AS _extra_order,
               -- extra as read, where that is not extra
               {{.Prev}} AS _extra_prev{{end}}
        FROM (
            SELECT *, {{.Texts}}{{if .Legacy}}, {{.ExtraAll}} AS _extra_all{{end}}
            FROM (
                SELECT {{.SourceCols}}
                FROM {{.Source}} AS src
            )
        )
    )
)
