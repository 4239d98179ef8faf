-- The scope as the pages read it: rpt_scope (scope.sql) with every column
-- named. The PERIOD marker is the report's period ('week' or 'month', from
-- Options) and the FLAGS marker the yes/no columns unpacked from flags, both
-- filled by run.scope: a view takes no parameters.
CREATE OR REPLACE TEMP VIEW rpt_complaints AS
SELECT source, complaint_id, received_at,
       date_trunc({{PERIOD}}, received_at)::DATE AS period,
       date_trunc('month', received_at)::DATE AS month,
       (SELECT list(product ORDER BY pid) FROM rpt_products)[pid] AS product,
       customer_id,
       coalesce(topic, 'unclassified') AS topic,
       sentiment, cls_row, ack_hours, res_hours, age_bucket::INTEGER AS age_bucket,
       {{FLAGS}},
       -- scope.sql's more_flags: the source's own assignment, open past
       -- the resolution target, and how the department was routed
       more_flags & 1 = 1 AS has_assignee, more_flags & 2 = 2 AS has_department, more_flags & 4 = 4 AS open_past_res,
       more_flags & 8 = 8 AS default_owner, more_flags & 16 = 16 AS routing_unknown,
       -- open within the acknowledgement or the resolution target: a
       -- period's met % of those due so far is of the fastest handled, and
       -- reads high until these are due (the audit's and the weekly page's
       -- met % are n/a while a period has one)
       is_open AND tracks_ack AND NOT ack_eligible AS ack_pending,
       is_open AND tracks_res AND NOT res_eligible AS res_pending
FROM rpt_scope
