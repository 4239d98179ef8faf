-- The scope's complaints received in the period the weekly page compares
-- with the prior ones, [$1, $2): its per-topic ID lists read these rather
-- than scanning every complaint once per topic.
CREATE OR REPLACE TEMP TABLE rpt_this AS
SELECT source, complaint_id, period, topic
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
