-- link.sql: CTEs (no WITH) shared by recovery.sql and drivers.sql. Survey
-- responses up to the cutoff, each linked to a complaint by complaint_id,
-- else to the customer's latest complaint received at or before the response
-- within $window_sec (the rule of compute.sql). prior_complaint_at is that
-- latest complaint's time whatever the window: null means the customer had
-- no complaint before the response.
-- Only the complaints a response can link to are read: those named by a
-- response, and those of customers who responded.
explicit AS (
    SELECT complaint_id, min(source) AS source
    FROM complaints
    WHERE complaint_id IN (SELECT complaint_id FROM surveys WHERE responded_at < $cutoff)
    GROUP BY complaint_id
),
linked AS (
    SELECT s.response_id, s.customer_id, s.responded_at, s.csat, s.nps, s.ces,
           a.received_at AS prior_complaint_at,
           CASE WHEN e.complaint_id IS NOT NULL THEN e.source
                WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.source END AS c_source,
           CASE WHEN e.complaint_id IS NOT NULL THEN e.complaint_id
                WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.complaint_id END AS c_id
    FROM surveys s
    LEFT JOIN explicit e ON e.complaint_id = s.complaint_id
    ASOF LEFT JOIN (SELECT customer_id, received_at, source, complaint_id FROM complaints
                    WHERE customer_id IN (SELECT customer_id FROM surveys WHERE responded_at < $cutoff)
                      AND received_at < $cutoff) a
        ON a.customer_id = s.customer_id AND a.received_at <= s.responded_at
    WHERE s.responded_at < $cutoff
)
