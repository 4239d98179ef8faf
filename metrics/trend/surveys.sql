-- NPS and CSAT counts per period of responded_at and source, responses in
-- [?, ?): the source lets the tests compare each survey source's answers
-- with its own (a change of instrument is a change of source).
SELECT date_trunc(?, responded_at) AS period_start,
       source AS src,
       count(nps) AS nps_n,
       count(*) FILTER (WHERE nps >= 9) AS promoters,
       count(*) FILTER (WHERE nps <= 6) AS detractors,
       count(csat) AS csat_n,
       count(*) FILTER (WHERE csat >= 4) AS csat_top2
FROM surveys
WHERE responded_at >= ? AND responded_at < ?
GROUP BY ALL
