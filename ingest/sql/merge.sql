-- New keys are appended; changed keys replace their row.
{{- if .AllNew}}
INSERT INTO {{.Table}} ({{.Columns}}, extra, ingest_run_id, row_hash)
SELECT {{.Columns}}, extra, {{.RunID}}, row_hash
FROM ingest_stage
WHERE _reason IS NULL;
{{- else}}
INSERT INTO {{.Table}} ({{.Columns}}, extra, ingest_run_id, row_hash)
SELECT {{.Columns}}, extra, {{.RunID}}, row_hash
FROM ingest_stage s
JOIN ingest_outcome o ON o.r = s.rowid
WHERE o.write AND NOT o.existed;
{{- if eq .Table "complaints"}}

-- A changed complaint's classification describes content that is gone
-- where a field classify reads changed (Reclassify: its narrative,
-- product or issue, compared, before the row is replaced, with what the
-- update writes): it goes, in the same transaction, and the next classify
-- does that complaint again as it does every unclassified one. An update
-- of other fields, or of extra alone (the same complaints from the CFPB's
-- API, extra's keys spelled otherwise), keeps it: every classification
-- went (QA pass AW).
DELETE FROM classifications k
USING (
    SELECT s.source, s.complaint_id
    FROM ingest_stage s
    JOIN ingest_outcome o ON o.r = s.rowid
    JOIN complaints e ON {{.KeyJoin}}
    WHERE o.write AND o.existed AND ({{.Reclassify}})
) u
WHERE k.source = u.source AND k.complaint_id = u.complaint_id;
{{- end}}

-- Replacing: the select list when a field the file does not read is kept
-- from the row replaced, e (see job.replacing), which is only the rows
-- holding a value of such a field (Held): a source that never has one, the
-- CFPB's, builds an empty side. The row's hash is then that of the row
-- written (outcome.sql compares it so). Where the update keeps members of
-- the stored extra that the file has no column for, its extra and hash are
-- the outcome's (keep_extra.sql).
INSERT OR REPLACE INTO {{.Table}} ({{.Columns}}, extra, ingest_run_id, row_hash)
SELECT {{or .Replacing .Columns}},
       CASE WHEN o.merged_hash IS NULL THEN s.extra ELSE o.merged_extra END, {{.RunID}},
       coalesce(o.merged_hash, {{if .Replacing}}hash({{.Replacing}}, s.extra){{else}}s.row_hash{{end}})
FROM ingest_stage s
JOIN ingest_outcome o ON o.r = s.rowid
{{- if .Replacing}}
LEFT JOIN (SELECT * FROM {{.Table}} WHERE {{.Held}}) e ON {{.KeyJoin}}
{{- end}}
WHERE o.write AND o.existed;
{{- end}}
