-- Responses that versions before $content stored under their record
-- numbers (the survey profile and the shipped mappings read $record as
-- the response ID, so that a later file's record 1 replaced this one's)
-- take the ID their content gives now. The row of the source keyed by a
-- record's number whose fields all hold what the record's do is that
-- record as such a version stored it (or the same response from another
-- file, which is the same response now; such versions stored extra as
-- read, _extra_prev where that is not extra): it takes the record's ID, extra
-- without null members (see withoutNulls in build.go) and the row hash
-- that goes with them, and keeps its ingest run; outcome.sql then finds
-- the record a duplicate. Where the record's ID is stored already with
-- the record's content (this version loaded the response from an export
-- that holds it at another number, newest first), the row under the
-- number is the same response a second time, and goes (Copies). A row
-- under the number that holds another response (the fault: a later
-- file's record of that number replaced it) is left as it is, and the
-- record is loaded under its new ID.
{{- if .Copies}}
DELETE FROM surveys AS e
USING ingest_stage s
WHERE {{template "stored_under_number" .}}
  AND EXISTS (FROM surveys n WHERE n.source = s.source AND n.response_id = s.response_id AND n.row_hash = s.row_hash)
{{- else}}
UPDATE surveys AS e
SET response_id = s.response_id, extra = s.extra, row_hash = s.row_hash
FROM ingest_stage s
WHERE {{template "stored_under_number" .}}
  AND NOT EXISTS (FROM surveys n WHERE n.source = s.source AND n.response_id = s.response_id)
{{- end}}
{{- define "stored_under_number"}}s._reason IS NULL AND e.source = s.source AND e.response_id = s._record
  {{- range .Fields}}
  AND e.{{.}} IS NOT DISTINCT FROM s.{{.}}
  {{- end}}
  AND (nullif(json_merge_patch('{}', e.extra), '{}') IS NOT DISTINCT FROM s.extra
       OR s._extra_prev IS NOT NULL AND nullif(json_merge_patch('{}', e.extra), '{}') = s._extra_prev)
{{- end}}
