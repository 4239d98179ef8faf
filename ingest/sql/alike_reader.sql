-- The errors of the CSV reader's (a field too many, a quote closed wrong)
-- that many of a file's records have (readerAlike): each error type, with
-- its column when it names one, and the records (lines) it rejected, at
-- least $1.
SELECT error_type || coalesce(' in field ' || column_name, ''), count(DISTINCT line)
FROM ingest_reject_errors
GROUP BY ALL
HAVING count(DISTINCT line) >= $1
ORDER BY 2 DESC, 1
