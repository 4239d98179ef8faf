-- Records the reader could not parse (wrong column count, invalid UTF-8, ...)
-- and records that failed validation, each with its 1-based record number.
-- The reader numbers a record by its line as if the header were line 1,
-- the lines skipped above the header added (HeaderLine is the
-- header's line): the record number is the line less the header's.
-- A staged row's record number is its position plus the reader rejects
-- before it: reject i (1-based, in order) at record x has x - i accepted
-- records before it, so it precedes staged row k when x - i <= k. Pos is a
-- staged row's 0-based position (its rowid, or _pos after a direct load).
-- A follow-up (followups.sql) is no reject. A reader's reject gives each
-- distinct error of its record once, in column order, then the reader's:
-- the same error held twice (as the rejects of a runaway quote's
-- placeholder were, quotes.go) was written twice into the reason. The
-- reader's INVALID ENCODING beside another error of a record that is
-- valid UTF-8 is left out: after a quoted value closed wrong it called
-- an é (C3 A9) invalid (DuckDB 1.5), in a file that is UTF-8.
INSERT INTO rejects (run_id, record_number, raw, reason)
{{- if .ReaderRejects}}
WITH rr AS (
    SELECT x, row_number() OVER (ORDER BY x) AS i
    FROM (SELECT DISTINCT line - {{.HeaderLine}} AS x FROM ingest_reject_errors)
), errs AS (
    SELECT line, any_value(csv_line) AS csv_line, msg, min(column_idx) AS idx, min(byte_position) AS first_byte
    FROM (SELECT line, csv_line, column_idx, byte_position,
                 error_type || coalesce(' in field ' || column_name, '') || ': ' || error_message AS msg
          FROM ingest_reject_errors e
          WHERE NOT (error_type = 'INVALID ENCODING' AND TRY(decode(encode(csv_line))) IS NOT NULL
                     AND EXISTS (FROM ingest_reject_errors o WHERE o.line = e.line AND o.error_type <> 'INVALID ENCODING')))
    GROUP BY line, msg
)
SELECT {{.RunID}}, line - {{.HeaderLine}}, any_value(csv_line),
       'record ' || (line - {{.HeaderLine}}) || ': ' || string_agg(msg, '; ' ORDER BY idx, first_byte)
FROM errs
GROUP BY line
UNION ALL
SELECT {{.RunID}}, rec, _raw::VARCHAR, 'record ' || rec || ', ' || _reason
FROM (SELECT {{.Pos}} + 1 + (SELECT count(*) FROM rr WHERE rr.x - rr.i <= {{.Pos}}) AS rec, s._raw, s._reason
      FROM ingest_stage s WHERE s._reason <> {{.FollowUp}})
{{- else}}
SELECT {{.RunID}}, {{.Pos}} + 1, s._raw::VARCHAR, 'record ' || ({{.Pos}} + 1) || ', ' || s._reason
FROM ingest_stage s
WHERE s._reason <> {{.FollowUp}}
{{- end}}
