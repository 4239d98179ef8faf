-- Each survey source's answers in each period the executive page shows,
-- $1 (the first period's start) to $2 (the last period's end), bucketed
-- by responded_at into periods $3 ('week', 'month', 'day') as
-- metrics.Compute buckets them (CSAT top-2-box 4-5, NPS promoters 9-10
-- and detractors 0-6), before the cutoff $4: the scores over the periods
-- shown, and which sources each period's scores come from.
SELECT date_trunc($3, responded_at)::DATE AS period,
       source,
       count(csat) AS csat_n,
       count(*) FILTER (WHERE csat >= 4) AS csat_top2,
       count(nps) AS nps_n,
       count(*) FILTER (WHERE nps >= 9) AS promoters,
       count(*) FILTER (WHERE nps <= 6) AS detractors
FROM surveys
WHERE responded_at >= $1 AND responded_at < $2 AND responded_at < $4
GROUP BY ALL
ORDER BY period, source
