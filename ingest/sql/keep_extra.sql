-- An update keeps the members of the stored row's extra whose columns the
-- file does not have at all (a re-export without the column), as it keeps
-- a field the file does not read (job.replacing): it wrote the file's
-- extra whole, emptying them, and the complaint's classification went. A
-- member of a column the file has takes the file's value (none when the
-- record's is empty), and so does one of a column it has under another
-- spelling (the same letters and digits, case aside: spelling in
-- build.go; the CFPB API's "zip_code" is the export's "ZIP code", which
-- the API's complaints kept beside it, QA pass AW).
-- Run only when outcome.sql found updates, this touches only those whose
-- stored extra has a key that is none of the file's columns (Had): a
-- re-export with the columns as before touches nothing, and a record found
-- a duplicate has no such key (the hash it matched is of the same extra).
-- The row the update writes: its fields (Written, as merge.sql writes
-- them, each named as its field) and, as extra, the stored members kept
-- and the record's, in the order of their keys and without null members,
-- as stage.sql builds extra (rows stored by earlier versions may hold null
-- members, or keys in a file's order); merged_extra and merged_hash, which
-- merge.sql writes. Where that row is what the warehouse holds (its fields
-- hash to the stored hash with the stored extra, and that extra holds the
-- same members, null ones aside), the record is a duplicate: the narrower
-- file loaded again, or one whose other values are those stored, changes
-- nothing and reclassifies nothing.
UPDATE ingest_outcome AS o
SET merged_extra = k.extra, merged_hash = k.row_hash,
    outcome = CASE WHEN k.same THEN 'duplicate' ELSE o.outcome END,
    write = NOT k.same
FROM (
    SELECT r, extra, hash({{.Columns}}, extra) AS row_hash,
           stored_hash = hash({{.Columns}}, stored_extra)
           AND (extra IS NOT DISTINCT FROM stored_in_order OR as_read IS NOT NULL AND as_read = stored_in_order) AS same
    FROM (
        -- each a JSON object of (key, value) entries in the order of the
        -- keys, its null members dropped, null when none is left; as_read
        -- the same with the record's extra as read (_extra_prev: rows the
        -- versions before stored untrimmed, objects whole), where that is
        -- not its extra
        SELECT *,
               nullif(json_merge_patch('{}', to_json(map_from_entries(list_sort(
                   list_filter(stored, lambda m: NOT list_contains(had, {{spelling "m.key"}})) || coalesce(record, []))))), '{}') AS extra,
               CASE WHEN record_read IS NOT NULL THEN nullif(json_merge_patch('{}', to_json(map_from_entries(list_sort(
                   list_filter(stored, lambda m: NOT list_contains(had, {{spelling "m.key"}})) || record_read)))), '{}') END AS as_read,
               nullif(json_merge_patch('{}', to_json(map_from_entries(list_sort(stored)))), '{}') AS stored_in_order
        FROM (
            SELECT o.r, {{.Written}}, e.extra AS stored_extra, e.row_hash AS stored_hash,
                   [{{spelling "h"}} for h in {{.Had}}] AS had,
                   map_entries(json_transform(e.extra, '"MAP(VARCHAR, JSON)"')) AS stored,
                   map_entries(json_transform(s.extra, '"MAP(VARCHAR, JSON)"')) AS record,
                   map_entries(json_transform(s._extra_prev, '"MAP(VARCHAR, JSON)"')) AS record_read
            FROM ingest_outcome o
            JOIN ingest_stage s ON s.rowid = o.r
            JOIN {{.Table}} e ON {{.KeyJoin}}
            WHERE o.outcome = 'updated' AND e.extra IS NOT NULL
              AND NOT list_has_all([{{spelling "h"}} for h in {{.Had}}], [{{spelling "k"}} for k in json_keys(e.extra)])
        )
    )
) k
WHERE o.r = k.r
