-- Complaints flagged by classify as threatening legal action, by outcome.
SELECT
    outcome,
    count(*) AS complaints,
    -- NULL (shown n/a) where no complaint of the outcome records it: a
    -- source that never does (the CFPB's) upheld none that we know of
    CASE WHEN count(upheld) > 0 THEN count(*) FILTER (WHERE upheld) END AS upheld,
    round(sum(compensation_amount), 2) AS compensation,
    -- likewise NULL where none of the outcome could be judged against the
    -- resolution target (a source without resolution times): no 0 of N
    CASE WHEN count(res_met) > 0 THEN count(*) FILTER (WHERE res_met) END AS "resolved in target",
    -- as audit_urgent.sql's: n/a where none of the outcome is known open
    -- or closed, and those known, for audit.go's stillOpen
    CASE WHEN count(is_open) > 0 THEN count(*) FILTER (WHERE is_open) END AS "still open",
    count(is_open) AS "status known"
FROM rpt_legal
GROUP BY outcome
ORDER BY complaints DESC, outcome
