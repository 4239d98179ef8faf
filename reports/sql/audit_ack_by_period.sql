-- Acknowledgement within target, by period received, for the periods with
-- complaints due, as the audit judges it (rpt_audited, audit_judged.sql).
SELECT
    period,
    count(*) FILTER (WHERE ack_eligible) AS due,
    count(*) FILTER (WHERE ack_met) AS met,
    count(*) FILTER (WHERE ack_eligible AND NOT ack_met) AS missed,
    -- n/a while some complaint of the period is still open within its
    -- target: the rate of those due so far is of the fastest handled, and
    -- read 100% in every recent period (an exploratory QA pass)
    CASE WHEN count(*) FILTER (WHERE ack_not_due) = 0 THEN
        round(100.0 * count(*) FILTER (WHERE ack_met) / nullif(count(*) FILTER (WHERE ack_eligible), 0), 1) END AS "met %",
    count(*) FILTER (WHERE ack_not_due) AS "open, not yet due",
    -- of the complaints with a response recorded, to it or to an earlier
    -- resolution: those acknowledged by their resolution alone are not in
    -- it, as in the metrics' median first response (the page says so)
    round(median(ack_hours), 1) AS "median hours to first response"
FROM rpt_audited
GROUP BY period
-- Periods with nothing due are left out: a source that records no
-- timestamps (the CFPB export) would otherwise add a row of zeros for every
-- period of its history. The summary counts those complaints as not judged.
HAVING due > 0
ORDER BY period
