SELECT
    source,
    count(*) AS complaints,
    min(received_at)::DATE AS first_received,
    max(received_at)::DATE AS last_received,
    round(100.0 * count(*) FILTER (WHERE classified) / count(*), 1) AS "classified %"
FROM rpt_complaints
GROUP BY source
ORDER BY complaints DESC, source
