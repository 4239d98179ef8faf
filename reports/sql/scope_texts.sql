-- The trend stage's phrase texts the scope kept (rpt_texts), for the
-- complaints received in [$1, $2), in docs.sql's order.
SELECT complaint_id, source, received_at, txt
FROM rpt_texts
WHERE received_at >= $1 AND received_at < $2
ORDER BY received_at, complaint_id
