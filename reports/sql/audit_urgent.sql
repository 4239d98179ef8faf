-- Urgent complaints (classify's flag: a safety hazard, a medical need, an
-- eviction or foreclosure date, the loss of an essential service) against
-- the other screened complaints, judged by the same targets: are they
-- answered first? The complaints not screened (urgent unknown: scope.sql's
-- screened, such as text not in English, or not classified yet) are a row
-- of their own, never counted as not urgent. Compared within each source,
-- never across them pooled: a source answered in minutes with few urgent
-- complaints (support tweets) beside one answered in days (a helpdesk)
-- made urgent complaints look 20 times slower where each source answered
-- them as fast as the rest (QA). audit.go drops the source column when
-- there is one source.
-- The flag comes first: a linked count's label names its row by the first
-- cell ("2 complaints, urgent"). The targets as the audit judges them
-- (rpt_audited, audit_judged.sql).
SELECT
    CASE WHEN urgent THEN 'urgent' WHEN NOT urgent THEN 'not urgent' ELSE 'not screened' END AS flag,
    source,
    count(*) AS complaints,
    count(*) FILTER (WHERE ack_eligible) AS "acknowledgement due",
    round(100.0 * count(*) FILTER (WHERE ack_met) / nullif(count(*) FILTER (WHERE ack_eligible), 0), 1) AS "acknowledged in target %",
    round(median(ack_hours), 1) AS "median hours to first response",
    count(*) FILTER (WHERE res_eligible) AS "resolution due",
    round(100.0 * count(*) FILTER (WHERE res_met) / nullif(count(*) FILTER (WHERE res_eligible), 0), 1) AS "resolved in target %",
    -- n/a where no complaint of the row is known open or closed at the
    -- report date (a tweet has neither a status nor a resolution date: 0
    -- read as none open); "status known" counts those known, which
    -- audit.go gives beside the open where only some are (stillOpen), and
    -- drops
    CASE WHEN count(is_open) > 0 THEN count(*) FILTER (WHERE is_open) END AS "still open",
    count(is_open) AS "status known"
FROM rpt_audited
GROUP BY ALL
-- by source: urgent, not urgent, not screened
ORDER BY source, flag DESC
