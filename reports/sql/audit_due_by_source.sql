-- The complaints due for each target by period received and source: the
-- tables by period (audit_ack_by_period.sql, audit_res_by_period.sql) pool
-- the sources, and give this mix beside each period where more than one
-- source is judged in them (QA: a week of 1,134 due, its median 0.2 hours,
-- was 1,071 tweets and 63 tickets, unsaid). Read only when the page has
-- more than one source. As the audit judges them (audit_judged.sql).
SELECT period, source,
       count(*) FILTER (WHERE ack_eligible) AS ack_due,
       count(*) FILTER (WHERE res_eligible) AS res_due
FROM rpt_audited
GROUP BY period, source
ORDER BY period, source
