-- The complaints received in [$1, $2) of each recurring pair
-- (rpt_recurring_pairs), copied once: each pair's list of complaints is
-- cut from this small table, and its harm (defects_recurring_harm.sql)
-- counted from it, rather than the scope read again per pair. The GROUP
-- marker is the pair's group as defects_heatmap.sql or
-- defects_heatmap_company.sql names it, and JOIN empty or the join to
-- complaints that the company needs (run.recurringLists fills both).
-- negative and positive are NULL where no sentiment is known (positive
-- read with churn intent, below), legal_threat and
-- churn_intent where classify did not screen the complaint (scope.sql);
-- the scope does not keep churn intent, read here by the classification's
-- rowid for these complaints only.
CREATE OR REPLACE TEMP TABLE rpt_recurring AS
SELECT c.source, c.complaint_id, c.period, p.pair, c.negative,
       CASE WHEN c.negative IS NOT NULL THEN k.sentiment_label = 'positive' END AS positive, c.legal_threat,
       CASE WHEN c.screened THEN k.churn_intent END AS churn_intent
FROM rpt_complaints c {{JOIN}}
JOIN rpt_recurring_pairs p ON c.topic = p.topic AND {{GROUP}} = p.grp
LEFT JOIN classifications k ON k.rowid = c.cls_row
WHERE c.received_at >= $1 AND c.received_at < $2
