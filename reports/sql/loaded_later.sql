-- The complaints received before $1 (the cutoff: the end of the report
-- date) that came from an ingest run which also loaded or changed a
-- complaint received on or after $1, or came after such a run: such a
-- file was loaded after the report date, as the data itself shows (the
-- runs' clock times do not: a report may be dated long before the day it
-- is made). A complaint keeps
-- the id of the run that last loaded or changed it, so these are the
-- complaints sent late and those changed since. Per run, with its file and
-- how many were received in [$2, $3) (the period judged; not the part of
-- the next period up to the report date, which the pages count apart).
-- Run IDs rise with time, so every run from the first such one on came
-- after the report date too: a file of late complaints or corrections
-- alone, holding none after it, among them (a QA pass).
WITH later AS (
    SELECT min(ingest_run_id) AS first_run FROM complaints WHERE received_at >= $1
)
SELECT c.ingest_run_id, coalesce(any_value(i.file), '') AS file, count(*) AS complaints,
       count(*) FILTER (WHERE c.received_at >= $2 AND c.received_at < $3) AS in_period
FROM complaints c
JOIN later l ON c.ingest_run_id >= l.first_run
LEFT JOIN ingest_runs i ON i.run_id = c.ingest_run_id
WHERE c.received_at < $1
GROUP BY c.ingest_run_id
ORDER BY c.ingest_run_id
