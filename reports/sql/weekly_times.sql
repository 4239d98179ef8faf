-- Response and resolution times, SLA and the share answered in time by
-- period received, every period from $1 to $2 (step $3) listed even when
-- empty; of source $5 alone unless it is NULL (sources handle complaints
-- too differently to be pooled: weekly.go's timesSections).
WITH periods AS (
    SELECT unnest(generate_series($1::DATE, $2::DATE, $3::INTERVAL))::DATE AS period
)
SELECT
    p.period,
    count(c.complaint_id) AS complaints,
    round(median(c.ack_hours), 1) AS "median first response h",
    round(quantile_cont(c.ack_hours, 0.9), 1) AS "p90 first response h",
    round(median(c.res_hours), 1) AS "median resolution h",
    round(quantile_cont(c.res_hours, 0.9), 1) AS "p90 resolution h",
    -- the share of the period's complaints resolved by the report date,
    -- of those judged (the metrics' resolution rate: a complaint closed
    -- without a date counts once its export is before the report date;
    -- a source recording no state is not judged), low in the latest
    -- periods, whose resolution times are then those of the fastest resolved
    round(100.0 * count(*) FILTER (WHERE c.closed AND c.res_judged) / nullif(count(*) FILTER (WHERE c.res_judged), 0), 1) AS "resolved by report date %",
    -- as the metrics count it: missed when either target is, met when
    -- both are, else not yet judged; never judged when the source records
    -- no resolution time (it could only be missed). NULL while some
    -- complaint of the period is still open within the resolution target,
    -- as the audit's met % (scope_view.sql's res_pending): of those judged
    -- so far, the fastest handled, it read high in every recent period (a
    -- QA pass: 93.1% against 88.3% once complete)
    CASE WHEN count(*) FILTER (WHERE c.res_pending) = 0 THEN round(100.0 * count(*) FILTER (WHERE c.ack_met AND c.res_met)
        / nullif(count(*) FILTER (WHERE c.tracks_res AND (c.ack_met = false OR c.res_met = false OR (c.ack_met AND c.res_met))), 0), 1) END AS "SLA met %",
    count(*) FILTER (WHERE c.res_pending) AS "open, not yet due",
    -- open with no first response recorded: the period's first-response
    -- times are of the answered alone (the page says so of the latest)
    count(*) FILTER (WHERE c.is_open AND c.tracks_ack AND c.ack_hours IS NULL) AS unanswered,
    -- of how many whose source records first responses (a CFPB export's
    -- are neither answered nor unanswered: a QA pass read "3 of the 83"
    -- where 72 were the helpdesk's)
    count(*) FILTER (WHERE c.tracks_ack) AS answerable,
    -- the source's own verdict (a CFPB export's "Timely response?"), of
    -- the complaints that carry one
    round(100.0 * count(*) FILTER (WHERE c.timely) / nullif(count(c.timely), 0), 1) AS "timely %",
    -- of how many (100.0 of one complaint read as a finding: an
    -- exploratory QA pass)
    count(c.timely) AS "timely n"
FROM periods p
LEFT JOIN (SELECT * FROM rpt_complaints WHERE received_at >= $1 AND received_at < $4 -- $4: the end of $2
           AND ($5::VARCHAR IS NULL OR source = $5)) c
    ON c.period = p.period
GROUP BY p.period
ORDER BY p.period
