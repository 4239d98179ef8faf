-- Acknowledgement within target, by period received, for the periods with complaints due.
SELECT
    period,
    count(*) FILTER (WHERE ack_eligible) AS due,
    count(*) FILTER (WHERE ack_met) AS met,
    count(*) FILTER (WHERE ack_eligible AND NOT ack_met) AS missed,
    round(100.0 * count(*) FILTER (WHERE ack_met) / nullif(count(*) FILTER (WHERE ack_eligible), 0), 1) AS "met %",
    round(median(ack_hours), 1) AS "median hours"
FROM rpt_complaints
GROUP BY period
-- Periods with nothing due are left out: a source that records no
-- timestamps (the CFPB export) would otherwise add a row of zeros for every
-- period of its history. The summary counts those complaints as not judged.
HAVING due > 0
ORDER BY period
