-- silent.sql: the sources that sent complaints regularly in the recent
-- periods before the one judged and none in it, nor since: an export not
-- loaded, a feed stopped. Their groups' counts fall for that reason alone.
-- $1 start of the last period judged, $2 start of the recent periods
-- before it, $3 the as-of instant (exclusive), $4 the fewest complaints
-- in those periods of a regular sender (one a period).
SELECT source, max(received_at) AS last_complaint, count(*) AS recent
FROM complaints
WHERE received_at >= $2 AND received_at < $3
GROUP BY source
HAVING max(received_at) < $1 AND count(*) >= $4
ORDER BY source
