-- Up to five complaint IDs per group of one dimension, received in [?, ?),
-- earliest first, of the sources judged (the EXCLUDE marker: empty, or a
-- filter with one ? per source left out). {{GROUP}}, {{JOIN}} and {{IN}} (a list
-- of ? placeholders) come from dims.go, never from data.
SELECT grp, complaint_id
FROM (
    SELECT {{GROUP}} AS grp, c.complaint_id, c.received_at
    FROM complaints c
    {{JOIN}}
    WHERE c.received_at >= ? AND c.received_at < ? {{EXCLUDE}}
)
WHERE grp IN ({{IN}})
QUALIFY row_number() OVER (PARTITION BY grp ORDER BY received_at, complaint_id) <= 5
ORDER BY grp, received_at, complaint_id
