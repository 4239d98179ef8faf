-- recovery.sql (after "WITH " + link.sql): survey responses of complainants
-- whose linked complaint was resolved by the time of the response, of
-- complainants whose complaint was not, and of named customers with no
-- complaint before the response. Resolved goes by the rule of compute.sql:
-- resolved_at at or before the response, or closed without a resolved_at;
-- an open status beside a resolved_at is a complaint reopened since, open
-- whatever resolved_at says (when it was reopened is not recorded, so the
-- customer may have answered between the two: it is open, as at any report
-- date). A complaint of a source that records neither a status nor a
-- resolution date (tweets: compute.sql's src.has_state) cannot be told
-- resolved from open, so responses about one are in no group, as such
-- complaints are in no resolution rate. Likewise a complaint closed without
-- a resolved_at whose closure no export had recorded by the report date
-- (compute.sql's late: the latest time its ingest run's rows carry,
-- exports.sql, is not before the cutoff): resolved or open then is unknown, and responses about it are
-- in no group. (One recorded before the report date counts as resolved at
-- the response, which may have come before the closure: when it was closed
-- is not recorded, as for a reopening.) Other responses (no customer, or
-- an older complaint outside the window) are left out too.
, state AS (
    SELECT source FROM complaints GROUP BY source
    HAVING bool_or(resolved_at IS NOT NULL OR status IS NOT NULL)
),
/*EXPORTS*/,
late AS (
    SELECT ingest_run_id FROM exports WHERE exported >= $cutoff
),
grouped AS (
    SELECT l.*,
           CASE WHEN l.c_id IS NOT NULL THEN
                    CASE WHEN l.c_source NOT IN (SELECT source FROM state) THEN NULL
                         WHEN c.rz IS NOT NULL AND c.rz <= l.responded_at THEN 'resolved'
                         WHEN c.rz IS NULL AND lower(c.status) = 'closed' THEN CASE WHEN NOT c.late THEN 'resolved' END
                         ELSE 'unresolved' END
                WHEN l.customer_id IS NOT NULL AND l.prior_complaint_at IS NULL THEN 'no_complaint' END AS grp
    FROM linked l
    LEFT JOIN (SELECT source, complaint_id, status,
                      -- rz: the resolution, unless the status says open (compute.sql's)
                      CASE WHEN lower(status) <> 'closed' THEN NULL ELSE resolved_at END AS rz,
                      ingest_run_id IN (SELECT ingest_run_id FROM late) AS late
               FROM complaints) c ON c.source = l.c_source AND c.complaint_id = l.c_id
)
SELECT g.grp, count(l.grp) AS responses, count(l.csat) AS csat_n, coalesce(count_if(l.csat >= 4), 0) AS csat_top2,
       count(l.nps) AS nps_n, coalesce(count_if(l.nps >= 9), 0) AS promoters, coalesce(count_if(l.nps <= 6), 0) AS detractors,
       count(l.ces) AS ces_n, avg(l.ces) AS ces_mean
FROM (VALUES ('resolved', 1), ('unresolved', 2), ('no_complaint', 3)) g(grp, ord)
LEFT JOIN grouped l ON l.grp = g.grp
GROUP BY g.grp, g.ord
ORDER BY g.ord
