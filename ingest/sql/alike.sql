-- The checks that rejected many of a file's records (rejectedAlike): each
-- check's place among stageSQL's (_check.rule), the records it rejected
-- (at least $1), the least and greatest number it judged, and their sum
-- (a date's check: how many read with day and month swapped). A line of an
-- NDJSON file that is not JSON ($2: the file of such lines, one object a
-- line, written by withoutBadJSONLines), read as an empty object and
-- rejected as a field missing, is rejected as not JSON (fixBadJSONLines),
-- no check's: an NDJSON file has no reader rejects, so a staged record's
-- number is its position ({{.Pos}}, 0-based) plus one.
SELECT _check.rule, count(*), min(_check.value), max(_check.value), sum(_check.value)
FROM ingest_stage s
WHERE _check IS NOT NULL
{{- if .BadJSON}}
  AND {{.Pos}} + 1 NOT IN (SELECT record FROM read_json($2, format = 'newline_delimited', maximum_object_size = {{.MaxObject}},
                                                       columns = {'record': 'BIGINT', 'raw': 'VARCHAR', 'why': 'VARCHAR'}))
{{- end}}
GROUP BY ALL
HAVING count(*) >= $1
ORDER BY 2 DESC, 1
