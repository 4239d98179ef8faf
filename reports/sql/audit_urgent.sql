-- Urgent complaints (classify's flag: a safety hazard, a medical need, an
-- eviction or foreclosure date, the loss of an essential service) against
-- the other classified complaints, judged by the same targets: are they
-- answered first? Unclassified complaints are in neither row.
SELECT
    CASE WHEN urgent THEN 'urgent' ELSE 'not urgent' END AS flag,
    count(*) AS complaints,
    count(*) FILTER (WHERE ack_eligible) AS "acknowledgement due",
    round(100.0 * count(*) FILTER (WHERE ack_met) / nullif(count(*) FILTER (WHERE ack_eligible), 0), 1) AS "acknowledged in target %",
    round(median(ack_hours), 1) AS "median hours to first response",
    count(*) FILTER (WHERE res_eligible) AS "resolution due",
    round(100.0 * count(*) FILTER (WHERE res_met) / nullif(count(*) FILTER (WHERE res_eligible), 0), 1) AS "resolved in target %",
    count(*) FILTER (WHERE is_open) AS "still open"
FROM rpt_complaints
WHERE classified
GROUP BY ALL
-- urgent first
ORDER BY flag DESC
