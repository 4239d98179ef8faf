-- Resolution within target, by period received.
SELECT
    period,
    count(*) FILTER (WHERE res_eligible) AS due,
    count(*) FILTER (WHERE res_met) AS met,
    count(*) FILTER (WHERE res_eligible AND NOT res_met) AS missed,
    round(100.0 * count(*) FILTER (WHERE res_met) / nullif(count(*) FILTER (WHERE res_eligible), 0), 1) AS "met %",
    round(median(res_hours), 1) AS "median hours"
FROM rpt_complaints
GROUP BY period
ORDER BY period
