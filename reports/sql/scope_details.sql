-- Whether each unclassified complaint of the scope has details (a
-- narrative), which scope.sql leaves unknown for them. It reads every
-- narrative of the warehouse, so run.scope runs it only when the scope
-- holds unclassified complaints. The SHIFT marker is the position of
-- has_details in flags (scopeFlags): its known bit, then its value.
UPDATE rpt_scope r
SET flags = r.flags | ((CASE WHEN nullif(c.narrative, '') IS NOT NULL THEN 3 ELSE 1 END)::UBIGINT << {{SHIFT}})
FROM complaints c
WHERE (r.flags >> {{SHIFT}}) & 1 = 0
  AND c.source = r.source AND c.complaint_id = r.complaint_id
