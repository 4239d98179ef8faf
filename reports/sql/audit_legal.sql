-- Complaints flagged by classify as threatening legal action, by outcome.
SELECT
    outcome,
    count(*) AS complaints,
    count(*) FILTER (WHERE upheld) AS upheld,
    round(sum(compensation_amount), 2) AS compensation,
    count(*) FILTER (WHERE res_met) AS "resolved in target",
    count(*) FILTER (WHERE is_open) AS "still open"
FROM rpt_legal
GROUP BY outcome
ORDER BY complaints DESC, outcome
