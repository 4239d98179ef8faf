-- Whether each unclassified complaint of the scope has details (a
-- narrative), which scope.sql leaves NULL for them. It reads every
-- narrative of the warehouse, so run.scope runs it only when the scope
-- holds unclassified complaints.
UPDATE rpt_complaints r
SET has_details = nullif(c.narrative, '') IS NOT NULL
FROM complaints c
WHERE r.has_details IS NULL
  AND c.source = r.source AND c.complaint_id = r.complaint_id
