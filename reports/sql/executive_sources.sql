-- Each survey source's answers, by source: those of the latest period,
-- $1 to $2, bucketed by responded_at as metrics.Compute buckets them (CSAT
-- top-2-box 4-5, NPS promoters 9-10 and detractors 0-6), of which the
-- executive page's NPS and CSAT are pooled; and all those before the
-- cutoff $3, which metrics.Drivers reads.
SELECT source,
       count(csat) FILTER (WHERE responded_at >= $1 AND responded_at < $2) AS csat_n,
       count(*) FILTER (WHERE responded_at >= $1 AND responded_at < $2 AND csat >= 4) AS csat_top2,
       count(nps) FILTER (WHERE responded_at >= $1 AND responded_at < $2) AS nps_n,
       count(*) FILTER (WHERE responded_at >= $1 AND responded_at < $2 AND nps >= 9) AS promoters,
       count(*) FILTER (WHERE responded_at >= $1 AND responded_at < $2 AND nps <= 6) AS detractors,
       count(csat) AS csat_all,
       count(nps) AS nps_all
FROM surveys
WHERE responded_at < $3
GROUP BY source
ORDER BY source
