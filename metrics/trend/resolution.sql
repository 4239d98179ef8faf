-- Resolution times in hours of complaints resolved in [?, ?), by period of
-- resolved_at (a received-at cohort's recent periods would be censored:
-- their slow complaints are not resolved yet).
SELECT date_trunc(?, resolved_at) AS period_start,
       epoch(resolved_at - received_at) / 3600.0 AS hours
FROM complaints
WHERE resolved_at >= ? AND resolved_at < ? AND resolved_at >= received_at
