-- churn_base.sql: per-customer churn signals, each with the complaint IDs behind it.
-- Followed by churn_rank.sql or churn_quality.sql, which select from `scored`.
--
-- Parameters: $cutoff (exclusive end of the as-of date), $repeat_sec (repeat
-- window), $window_sec (the survey link window, link.sql), $res_sec
-- (resolution target), $limit (churn_rank.sql: customers to list), and the
-- weights $w_repeat, $w_reopened, $w_falling, $w_intent, $w_detractor,
-- $w_unresolved.
--
-- A customer's events count only before their horizon: the cutoff, or
-- customers.churned_at when that is earlier, so that a signal never uses
-- what happened after the churn it is judged against.
WITH
/*LINK*/,
cust AS (
    SELECT customer_id, churned_at FROM customers
),
-- A closure without a time (status closed, no resolved_at) is known only as
-- of the export that recorded it (exports.sql): before that, whether the
-- complaint was resolved is unknown (resolved null below).
/*EXPORTS*/,
-- The sources that record resolution times: a complaint of one with no
-- status recorded and no resolution time is open (compute.sql's status).
res_src AS (
    SELECT source FROM complaints GROUP BY source HAVING bool_or(resolved_at IS NOT NULL)
),
c AS (
    SELECT c.source, c.complaint_id, c.customer_id, c.received_at, k.sentiment,
           coalesce(k.churn_intent, false) AS churn_intent,
           -- reopened by the horizon: known when the latest resolution
           -- (resolved_at) is before it; one resolved again after it may have
           -- been reopened by then or not, and is no signal (compute.sql's ck)
           (coalesce(c.reopened_count, 0) > 0 AND NOT coalesce(c.resolved_at >= c.horizon, false))
           OR coalesce(c.disputed, false) AS reopened_or_disputed,
           -- resolved by the horizon. An open status beside a resolution
           -- time is a reopened complaint, open (compute.sql's rz); closed
           -- without a time, resolved once its run's export is before the
           -- horizon, unknown (null) before. With no status recorded, open
           -- when its source records resolution times and it has none
           -- (compute.sql's status), else unknown. An unknown one is no
           -- unresolved_past_sla, as a known one, resolved, is not: the
           -- signal is the same either way.
           CASE WHEN lower(c.status) <> 'closed' THEN false
                WHEN c.resolved_at IS NOT NULL THEN c.resolved_at < c.horizon
                WHEN lower(c.status) = 'closed' AND r.exported >= c.horizon THEN NULL
                ELSE lower(c.status) = 'closed' END AS resolved,
           c.horizon
    FROM (SELECT x.* REPLACE (CASE WHEN x.status IS NULL AND x.resolved_at IS NULL
                                        AND x.source IN (SELECT source FROM res_src) THEN 'open'
                                   ELSE x.status END AS status),
                 least($cutoff, coalesce(u.churned_at, $cutoff)) AS horizon
          FROM complaints x LEFT JOIN cust u ON u.customer_id = x.customer_id
          WHERE x.customer_id IS NOT NULL) c
    LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
    LEFT JOIN exports r ON r.ingest_run_id = c.ingest_run_id
    WHERE c.received_at < c.horizon
),
c2 AS (
    SELECT *,
           coalesce(received_at - lag(received_at) OVER w <= to_seconds($repeat_sec), false)
           OR coalesce(lead(received_at) OVER w - received_at <= to_seconds($repeat_sec), false) AS repeat_complaint,
           -- neither resolved nor open (no status, no resolution date), or
           -- not judged (closed without a time, not yet exported): not past its target
           coalesce(NOT resolved AND epoch(horizon) - epoch(received_at) > $res_sec, false) AS unresolved_past_sla
    FROM c
    -- Ordering ties on received_at either way flags the same complaints.
    WINDOW w AS (PARTITION BY customer_id ORDER BY received_at)
),
-- Detractor (NPS 0-6) responses after a complaint, linked as the drivers
-- and service recovery link them (link.sql's linked, at /*LINK*/): a
-- response naming a complaint by complaint_id is about that complaint, and
-- so its customer's, when received at or before the response (surveys keyed
-- by ticket often carry no customer_id); any other is about its customer's
-- latest complaint received at or before it within $window_sec, and one
-- with none in the window is about no complaint.
detr AS (
    SELECT a.customer_id, a.complaint_id
    FROM linked s
    JOIN c a ON a.source = s.c_source AND a.complaint_id = s.c_id
    WHERE s.nps <= 6 AND a.received_at <= s.responded_at AND s.responded_at < a.horizon
),
-- Flags per customer with plain aggregates (count_if rather than FILTER, no
-- lists: the complaint IDs are gathered only for the customers reported).
signals AS (
    SELECT p.*, u.churned_at, u.customer_id IS NOT NULL AS known_customer,
           p.customer_id IN (SELECT customer_id FROM detr) AS detractor
    FROM (
        SELECT customer_id, count(*) AS complaints, max(received_at) AS last_complaint,
               count_if(repeat_complaint) > 0 AS repeat_complaints,
               count_if(reopened_or_disputed) > 0 AS reopened_or_disputed,
               count(sentiment) >= 2 AND coalesce(regr_slope(sentiment, epoch(received_at)) < 0, false) AS falling_sentiment,
               count_if(churn_intent) > 0 AS churn_intent,
               count_if(unresolved_past_sla) > 0 AS unresolved_past_sla
        FROM c2
        GROUP BY customer_id
    ) p
    LEFT JOIN cust u ON u.customer_id = p.customer_id
),
scored AS (
    SELECT *,
           $w_repeat * repeat_complaints::INTEGER + $w_reopened * reopened_or_disputed::INTEGER
           + $w_falling * falling_sentiment::INTEGER + $w_intent * churn_intent::INTEGER
           + $w_detractor * detractor::INTEGER + $w_unresolved * unresolved_past_sla::INTEGER AS score
    FROM signals
)
