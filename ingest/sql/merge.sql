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

INSERT OR REPLACE INTO {{.Table}} ({{.Columns}}, extra, ingest_run_id, row_hash)
SELECT {{.Columns}}, extra, {{.RunID}}, row_hash
FROM ingest_stage s
JOIN ingest_outcome o ON o.r = s.rowid
WHERE o.write AND o.existed;
{{- end}}
