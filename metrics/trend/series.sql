-- Complaints per period and group of one dimension, received in [?, ?).
-- {{GROUP}} and {{JOIN}} are replaced from the allow-list in dims.go, never by data.
SELECT date_trunc(?, c.received_at) AS period_start,
       {{GROUP}} AS grp,
       count(*) AS n
FROM complaints c
{{JOIN}}
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY ALL
