-- recovery.sql (after "WITH " + link.sql): survey responses of complainants
-- whose linked complaint was resolved by the time of the response (resolved_at
-- at or before it, or closed without a resolved_at), of complainants whose
-- complaint was not, and of named customers with no complaint before the
-- response. Other responses (no customer, or an older complaint outside the
-- window) are left out.
, grouped AS (
    SELECT l.*,
           CASE WHEN l.c_id IS NOT NULL THEN
                    CASE WHEN c.resolved_at IS NOT NULL AND c.resolved_at <= l.responded_at THEN 'resolved'
                         WHEN c.resolved_at IS NULL AND lower(c.status) = 'closed' THEN 'resolved'
                         ELSE 'unresolved' END
                WHEN l.customer_id IS NOT NULL AND l.prior_complaint_at IS NULL THEN 'no_complaint' END AS grp
    FROM linked l
    LEFT JOIN complaints c ON c.source = l.c_source AND c.complaint_id = l.c_id
)
SELECT g.grp, count(l.grp) AS responses, count(l.csat) AS csat_n, coalesce(count_if(l.csat >= 4), 0) AS csat_top2,
       count(l.nps) AS nps_n, coalesce(count_if(l.nps >= 9), 0) AS promoters, coalesce(count_if(l.nps <= 6), 0) AS detractors,
       count(l.ces) AS ces_n, avg(l.ces) AS ces_mean
FROM (VALUES ('resolved', 1), ('unresolved', 2), ('no_complaint', 3)) g(grp, ord)
LEFT JOIN grouped l ON l.grp = g.grp
GROUP BY g.grp, g.ord
ORDER BY g.ord
