-- Whether a complaint ID or source begins as a spreadsheet formula does
-- (cellSQL), and whether one holds a character the pages show as its code
-- point (listCellSQL; HIDDEN is hiddenPattern, the package's own
-- pattern): formulaIDs.
SELECT coalesce(bool_or(left(complaint_id, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                     OR left(source, 1) IN ('=', '+', '-', '@', chr(9), chr(13))), false) AS formula,
       coalesce(bool_or(regexp_matches(complaint_id, '{{HIDDEN}}') OR regexp_matches(source, '{{HIDDEN}}')), false) AS hidden
FROM complaints
