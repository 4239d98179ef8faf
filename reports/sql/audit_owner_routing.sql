-- The complaints whose department no topic of theirs routed for sure
-- (scope.sql): the taxonomy's default, given because the topic names none
-- (default_owner), or not known which (routing_unknown), by topic, the
-- largest first, each with the departments and models rpt_topic_routing
-- (models.go) gives its topic. Counted from the scope by topic, so that
-- no complaint is joined to its classification again.
WITH t AS (
    SELECT default_owner, topic, count(*) AS complaints
    FROM rpt_complaints
    WHERE default_owner OR routing_unknown
    GROUP BY ALL
)
SELECT t.default_owner, d.model, d.department, t.topic, t.complaints
FROM t
JOIN rpt_topic_routing d ON d.topic = t.topic AND d.how = CASE WHEN t.default_owner THEN 'default' ELSE 'unknown' END
ORDER BY t.complaints DESC, t.topic, d.department, d.model
