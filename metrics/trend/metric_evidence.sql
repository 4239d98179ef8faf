-- Up to five IDs behind a metric alert for the period [?, ?): survey
-- responses with a score of the metric (? is 'nps' or 'csat'), or
-- complaints resolved then (? is 'resolution'), earliest first.
SELECT id FROM (
    SELECT response_id AS id, responded_at AS ts
    FROM surveys
    WHERE responded_at >= $1 AND responded_at < $2
      AND (($3 = 'nps' AND nps IS NOT NULL) OR ($3 = 'csat' AND csat IS NOT NULL))
    UNION ALL
    SELECT complaint_id, resolved_at
    FROM complaints
    WHERE $3 = 'resolution' AND resolved_at >= $1 AND resolved_at < $2 AND resolved_at >= received_at
)
ORDER BY ts, id
LIMIT 5
