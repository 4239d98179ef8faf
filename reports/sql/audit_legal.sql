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
    count(*) FILTER (WHERE is_open) AS "still open"
FROM rpt_legal
GROUP BY outcome
ORDER BY complaints DESC, outcome
