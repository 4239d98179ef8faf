-- An update that changes nothing but how values of extra are written is a
-- duplicate: the stored row, and the complaint's classification, stay as
-- they are. The row the update would write (its fields, Fields: those of
-- the record, or kept as merge.sql keeps them) with the stored extra is
-- the stored row (its hash), and the record's extra (Extra: the outcome's
-- where keep_extra.sql set it) holds the keys of the stored one, each
-- value the same or alike (Alike, of z[1] and z[2]: the same date or
-- number, one of them as a typed cell or Parquet value reads as text, the
-- other as written: "2016-09-14 00:00:00" and "09/14/2016"). QA pass AW:
-- the CFPB's 2016 export loaded as CSV, then as XLSX, was "updated 349",
-- every classification gone, for "Date sent to company".
UPDATE ingest_outcome AS o
SET outcome = 'duplicate', write = false, merged_extra = NULL, merged_hash = NULL
FROM (
    SELECT r
    FROM (
        SELECT o.r, e.row_hash, hash({{.Fields}}, e.extra) AS stored_fields_hash,
               json_transform(e.extra, '"MAP(VARCHAR, VARCHAR)"') AS stored,
               json_transform({{.Extra}}, '"MAP(VARCHAR, VARCHAR)"') AS record
        FROM ingest_outcome o
        JOIN ingest_stage s ON s.rowid = o.r
        JOIN {{.Table}} e ON {{.KeyJoin}}
        WHERE o.outcome = 'updated' AND e.extra IS NOT NULL AND {{.Extra}} IS NOT NULL
    )
    WHERE stored_fields_hash = row_hash
      AND list_sort(map_keys(stored)) = list_sort(map_keys(record))
      AND list_bool_and([{{.Alike}} for z in list_zip(list_sort(map_entries(stored)), list_sort(map_entries(record)))])
) d
WHERE o.r = d.r
