-- Up to five IDs behind a metric alert for the period [?, ?): survey
-- responses with a score of the metric (? is 'nps' or 'csat') of the
-- survey sources the test compared (a list; NULL when the periods it read
-- hold one source's answers), or complaints resolved then (? is
-- 'resolution'), earliest first.
SELECT id FROM (
    SELECT response_id AS id, responded_at AS ts
    FROM surveys
    WHERE responded_at >= $1 AND responded_at < $2
      AND (($3 = 'nps' AND nps IS NOT NULL) OR ($3 = 'csat' AND csat IS NOT NULL))
      AND ($4::VARCHAR[] IS NULL OR list_contains($4::VARCHAR[], source))
    UNION ALL
    SELECT complaint_id, resolved_at
    FROM complaints
    WHERE $3 = 'resolution' AND resolved_at >= $1 AND resolved_at < $2 AND resolved_at >= received_at
)
ORDER BY ts, id
LIMIT 5
