-- Each topic's owner departments (classifications.department) among the
-- scope's complaints received in [$1, $2), in sort order.
SELECT r.topic, string_agg(DISTINCT k.department, ', ' ORDER BY k.department) AS departments
FROM rpt_complaints r
JOIN classifications k ON k.rowid = r.cls_row
WHERE r.received_at >= $1 AND r.received_at < $2 AND nullif(k.department, '') IS NOT NULL
GROUP BY r.topic
ORDER BY r.topic
