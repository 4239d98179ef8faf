-- Whether a complaint ID or source begins as a spreadsheet formula does
-- (cellSQL, formulaIDs).
SELECT coalesce(bool_or(left(complaint_id, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                     OR left(source, 1) IN ('=', '+', '-', '@', chr(9), chr(13))), false)
FROM complaints
