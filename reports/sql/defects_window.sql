-- The periods from $1 up to $2 (the end of the latest complete period)
-- that hold complaints, and the complaints received from $2 to the report
-- date (the scope ends at the cutoff): those of the period not over,
-- which the page's tables do not count.
SELECT count(DISTINCT period) FILTER (WHERE received_at < $2) AS periods,
       count(*) FILTER (WHERE received_at >= $2) AS later
FROM rpt_complaints
WHERE received_at >= $1
