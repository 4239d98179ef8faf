-- One row per record read, in file order. Innermost: each field's text,
-- trimmed, empty as null, value maps applied (t_*). Middle: converted to the
-- field's type. Outer: why the record is rejected (_reason, null when it is
-- fine), the record as read (_raw, kept only when rejected) and a hash of the
-- canonical content that tells duplicates from updates.
CREATE TEMP TABLE ingest_stage AS
SELECT {{.Names}}, extra,
       {{.Reason}} AS _reason,
       CASE WHEN {{.Reason}} IS NOT NULL THEN raw END AS _raw,
       hash({{.Names}}, extra) AS row_hash
FROM (
    SELECT *, {{.Values}}
    FROM (
        SELECT {{.Texts}}, {{.Extra}} AS extra, {{.Raw}} AS raw
        FROM {{.Source}} AS src
    )
)
