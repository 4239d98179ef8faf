-- compute.sql: the metrics table, one row per (dimension, group, period_start).
--
-- Parameters (named, bound by metrics.Compute):
--   $cutoff       TIMESTAMP  exclusive end of the as-of date (as-of + 1 day)
--   $period       VARCHAR    'day' | 'week' | 'month' (date_trunc: weeks start Monday)
--   $dims         VARCHAR[]  dimension names as reported, e.g. 'topic,product'
--   $d1, $d2      VARCHAR[]  the dimension's first and second component ('' = none);
--                            values come from metrics' allow-list, never from users
--   $holidays     DATE[]     non-working days besides Saturday and Sunday
--   $business     BOOLEAN    report durations in business hours (working days only)
--   $ack_bsec     DOUBLE     acknowledgement target in business seconds
--   $res_sec      DOUBLE     resolution target in calendar seconds
--   $window_sec   DOUBLE     survey-to-complaint link window in seconds
--   $repeat_sec   DOUBLE     repeat-complaint window in seconds (churn signal)
--   $age_bsec     DOUBLE     first ageing bucket bound in business seconds
--   $z            DOUBLE     normal quantile for the intervals (1.959964 for 95%)
WITH
bounds AS (
    SELECT least(min(received_at), min(first_response_at), min(resolved_at))::DATE - 1 AS lo,
           greatest(max(received_at), max(first_response_at), max(resolved_at), $cutoff)::DATE + 2 AS hi
    FROM complaints
),
-- Working-day calendar: before = working days strictly before the day, so the
-- business seconds elapsed up to instant t are
--   W(t) = before(day(t)) * 86400 + (work(day(t)) ? seconds since midnight : 0)
-- and the business duration from a to b is W(b) - W(a).
cal AS MATERIALIZED (
    SELECT day, work,
           coalesce(sum(work::BIGINT) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM (
        SELECT d::DATE AS day,
               NOT (isodow(d) IN (6, 7) OR list_contains($holidays::DATE[], d::DATE)) AS work
        FROM bounds, range(coalesce(bounds.lo, $cutoff::DATE)::TIMESTAMP,
                           coalesce(bounds.hi, $cutoff::DATE + 2)::TIMESTAMP, INTERVAL 1 DAY) AS r(d)
    )
),
src AS (
    -- A source that never records a response or resolution timestamp cannot be judged against the SLA.
    SELECT source, bool_or(first_response_at IS NOT NULL OR resolved_at IS NOT NULL) AS has_ts
    FROM complaints GROUP BY source
),
c0 AS (
    SELECT c.source, c.complaint_id, c.customer_id, c.received_at,
           coalesce(k.topic, 'unclassified') AS topic,
           coalesce(c.product, 'unknown') AS product,
           coalesce(c.issue, 'unknown') AS issue,
           coalesce(c.channel, 'unknown') AS channel,
           coalesce(c.company, 'unknown') AS company,
           coalesce(k.department, c.department, 'unclassified') AS department,
           coalesce(c.region, 'unknown') AS region,
           coalesce(k.language, 'unclassified') AS language,
           CASE WHEN c.first_response_at < $cutoff AND c.first_response_at >= c.received_at THEN c.first_response_at END AS ack_at,
           CASE WHEN c.resolved_at < $cutoff AND c.resolved_at >= c.received_at THEN c.resolved_at END AS res_at,
           -- resolved by the as-of date; status closed without a timestamp counts as resolved
           CASE WHEN c.resolved_at IS NOT NULL THEN c.resolved_at < $cutoff
                ELSE lower(c.status) = 'closed' END AS resolved,
           c.resolved_at, c.resolved_at IS NULL AND lower(c.status) = 'closed' AS closed_untimed,
           c.reopened_count, c.compensation_amount, c.timely, c.disputed,
           k.sentiment_label, coalesce(k.churn_intent, false) AS churn_intent,
           s.has_ts,
           c.received_at - lag(c.received_at) OVER (PARTITION BY c.customer_id ORDER BY c.received_at, c.source, c.complaint_id)
               <= to_seconds($repeat_sec) AS repeat_complaint
    FROM complaints c
    LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
    JOIN src s ON s.source = c.source
    WHERE c.received_at < $cutoff
),
-- Business seconds since the calendar's start for each instant the metrics need.
c1 AS (
    SELECT c0.*,
           epoch(received_at) AS e_rec, epoch(ack_at) AS e_ack, epoch(res_at) AS e_res,
           cr.before * 86400 + CASE WHEN cr.work THEN epoch(received_at) - epoch(cr.day::TIMESTAMP) ELSE 0 END AS w_rec,
           ca.before * 86400 + CASE WHEN ca.work THEN epoch(ack_at) - epoch(ca.day::TIMESTAMP) ELSE 0 END AS w_ack,
           cs.before * 86400 + CASE WHEN cs.work THEN epoch(res_at) - epoch(cs.day::TIMESTAMP) ELSE 0 END AS w_res,
           (SELECT before * 86400 FROM cal WHERE day = $cutoff::DATE) AS w_cut
    FROM c0
    LEFT JOIN cal cr ON cr.day = c0.received_at::DATE
    LEFT JOIN cal ca ON ca.day = c0.ack_at::DATE
    LEFT JOIN cal cs ON cs.day = c0.res_at::DATE
),
cb AS MATERIALIZED (
    SELECT source, complaint_id, customer_id, received_at, topic, product, issue, channel, company,
           department, region, language, resolved, resolved_at, closed_untimed, w_rec, e_rec,
           CASE WHEN $business THEN (w_ack - w_rec) ELSE (e_ack - e_rec) END / 3600.0 AS first_response_h,
           CASE WHEN $business THEN (w_res - w_rec) ELSE (e_res - e_rec) END / 3600.0 AS resolution_h,
           -- acknowledged within target: true / false, or null while pending or unknowable
           CASE WHEN coalesce(w_ack, w_res) IS NOT NULL THEN coalesce(w_ack, w_res) - w_rec <= $ack_bsec
                WHEN closed_untimed OR resolved THEN NULL
                WHEN w_cut - w_rec > $ack_bsec THEN false END AS ack_ok,
           CASE WHEN e_res IS NOT NULL THEN e_res - e_rec <= $res_sec
                WHEN closed_untimed OR resolved THEN NULL
                WHEN epoch($cutoff) - e_rec > $res_sec THEN false END AS res_ok,
           has_ts,
           reopened_count, compensation_amount, timely, disputed, sentiment_label,
           customer_id IS NOT NULL AND (churn_intent OR coalesce(reopened_count, 0) > 0 OR coalesce(disputed, false)
               OR coalesce(repeat_complaint, false)
               OR (NOT resolved AND epoch($cutoff) - e_rec > $res_sec)) AS churn_signal
    FROM c1
),
-- Surveys link to a complaint by complaint_id, else to the customer's latest
-- complaint received at or before the response, within the window.
explicit AS (
    SELECT complaint_id, min(source) AS source FROM complaints GROUP BY complaint_id
),
sl AS (
    SELECT s.response_id, s.source AS s_source, s.responded_at, s.csat, s.nps, s.ces,
           CASE WHEN e.complaint_id IS NOT NULL THEN e.source
                WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.source END AS c_source,
           CASE WHEN e.complaint_id IS NOT NULL THEN e.complaint_id
                WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.complaint_id END AS c_id
    FROM surveys s
    LEFT JOIN explicit e ON e.complaint_id = s.complaint_id
    ASOF LEFT JOIN (SELECT customer_id, received_at, source, complaint_id FROM cb WHERE customer_id IS NOT NULL) a
        ON a.customer_id = s.customer_id AND a.received_at <= s.responded_at
    WHERE s.responded_at < $cutoff
),
facts AS (
    SELECT 'c' AS kind, date_trunc($period, received_at)::DATE AS period_start,
           topic, product, issue, channel, company, department, region, source, language,
           resolved, first_response_h, resolution_h,
           CASE WHEN NOT has_ts THEN NULL
                WHEN ack_ok = false OR res_ok = false THEN false
                WHEN ack_ok AND res_ok THEN true END AS sla_met,
           reopened_count, compensation_amount, timely, disputed, sentiment_label,
           customer_id, CASE WHEN churn_signal THEN customer_id END AS signal_customer,
           NULL::INTEGER AS csat, NULL::INTEGER AS nps, NULL::INTEGER AS ces,
           NULL::BIGINT AS backlog, NULL::BIGINT AS age_young, NULL::BIGINT AS age_mid, NULL::BIGINT AS age_old
    FROM cb
    UNION ALL BY NAME
    SELECT 's' AS kind, date_trunc($period, l.responded_at)::DATE AS period_start,
           coalesce(c.topic, 'unlinked') AS topic, coalesce(c.product, 'unlinked') AS product,
           coalesce(c.issue, 'unlinked') AS issue, coalesce(c.channel, 'unlinked') AS channel,
           coalesce(c.company, 'unlinked') AS company, coalesce(c.department, 'unlinked') AS department,
           coalesce(c.region, 'unlinked') AS region, coalesce(c.source, l.s_source) AS source,
           coalesce(c.language, 'unlinked') AS language,
           l.csat, l.nps, l.ces
    FROM sl l
    LEFT JOIN cb c ON c.source = l.c_source AND c.complaint_id = l.c_id
    UNION ALL BY NAME
    -- Backlog: complaints open at the end of each period that has any activity,
    -- pre-aggregated over every dimension before the per-dimension explosion.
    SELECT 'b' AS kind, p.period_start,
           topic, product, issue, channel, company, department, region, source, language,
           count(*) AS backlog,
           count(*) FILTER (WHERE p.w_end - c.w_rec <= $age_bsec) AS age_young,
           count(*) FILTER (WHERE p.w_end - c.w_rec > $age_bsec AND epoch(p.period_end) - c.e_rec <= $res_sec) AS age_mid,
           count(*) FILTER (WHERE epoch(p.period_end) - c.e_rec > $res_sec) AS age_old
    FROM (
        SELECT q.period_start, q.period_end,
               k.before * 86400 + CASE WHEN k.work THEN epoch(q.period_end) - epoch(k.day::TIMESTAMP) ELSE 0 END AS w_end
        FROM (
            SELECT period_start, least(period_start + ('1 ' || $period)::INTERVAL, $cutoff) AS period_end
            FROM (SELECT DISTINCT date_trunc($period, received_at)::DATE AS period_start FROM cb
                  UNION SELECT DISTINCT date_trunc($period, responded_at)::DATE FROM sl)
        ) q
        LEFT JOIN cal k ON k.day = q.period_end::DATE
    ) p
    JOIN cb c ON c.received_at < p.period_end
             AND ((c.resolved_at IS NULL AND NOT c.closed_untimed) OR c.resolved_at >= p.period_end)
    GROUP BY ALL
),
dims AS (
    SELECT unnest($dims::VARCHAR[]) AS dimension, unnest($d1::VARCHAR[]) AS d1, unnest($d2::VARCHAR[]) AS d2
),
exploded AS (
    SELECT d.dimension, f.*,
           CASE d.d1 WHEN 'all' THEN 'all' WHEN 'topic' THEN f.topic WHEN 'product' THEN f.product
                WHEN 'issue' THEN f.issue WHEN 'channel' THEN f.channel WHEN 'company' THEN f.company
                WHEN 'department' THEN f.department WHEN 'region' THEN f.region WHEN 'source' THEN f.source
                WHEN 'language' THEN f.language END
           || CASE d.d2 WHEN '' THEN ''
                ELSE ' / ' || CASE d.d2 WHEN 'topic' THEN f.topic WHEN 'product' THEN f.product
                WHEN 'issue' THEN f.issue WHEN 'channel' THEN f.channel WHEN 'company' THEN f.company
                WHEN 'department' THEN f.department WHEN 'region' THEN f.region WHEN 'source' THEN f.source
                WHEN 'language' THEN f.language END END AS grp
    FROM facts f CROSS JOIN dims d
),
agg AS (
    SELECT period_start, dimension, grp,
           count(*) FILTER (WHERE kind = 'c') AS complaints,
           count(*) FILTER (WHERE kind = 'c' AND resolved) AS resolved,
           quantile_cont(first_response_h, 0.5) FILTER (WHERE kind = 'c') AS median_first_response_hours,
           quantile_cont(resolution_h, 0.5) FILTER (WHERE kind = 'c') AS median_resolution_hours,
           quantile_cont(resolution_h, 0.9) FILTER (WHERE kind = 'c') AS p90_resolution_hours,
           count(sla_met) FILTER (WHERE kind = 'c') AS sla_n,
           count(*) FILTER (WHERE kind = 'c' AND sla_met) AS sla_met,
           count(reopened_count) FILTER (WHERE kind = 'c') AS reopen_n,
           count(*) FILTER (WHERE kind = 'c' AND reopened_count > 0) AS reopened,
           sum(compensation_amount) FILTER (WHERE kind = 'c') AS compensation_paid,
           count(timely) FILTER (WHERE kind = 'c') AS timely_n,
           count(*) FILTER (WHERE kind = 'c' AND timely) AS timely,
           count(disputed) FILTER (WHERE kind = 'c') AS disputed_n,
           count(*) FILTER (WHERE kind = 'c' AND disputed) AS disputed,
           count(sentiment_label) FILTER (WHERE kind = 'c') AS sentiment_n,
           count(*) FILTER (WHERE kind = 'c' AND sentiment_label = 'negative') AS negative,
           count(DISTINCT signal_customer) FILTER (WHERE kind = 'c') AS signal_customers,
           count(customer_id) FILTER (WHERE kind = 'c') AS customers_n,
           count(csat) FILTER (WHERE kind = 's') AS csat_n,
           count(*) FILTER (WHERE kind = 's' AND csat >= 4) AS csat_top2,
           count(nps) FILTER (WHERE kind = 's') AS nps_n,
           count(*) FILTER (WHERE kind = 's' AND nps >= 9) AS promoters,
           count(*) FILTER (WHERE kind = 's' AND nps <= 6) AS detractors,
           count(ces) FILTER (WHERE kind = 's') AS ces_n,
           avg(ces) FILTER (WHERE kind = 's') AS ces_mean,
           sum(backlog) FILTER (WHERE kind = 'b') AS backlog,
           sum(age_young) FILTER (WHERE kind = 'b') AS age_young,
           sum(age_mid) FILTER (WHERE kind = 'b') AS age_mid,
           sum(age_old) FILTER (WHERE kind = 'b') AS age_old
    FROM exploded
    GROUP BY ALL
)
SELECT strftime(period_start, '%Y-%m-%d') AS period_start, dimension, grp AS "group",
       complaints, resolved,
       CASE WHEN complaints > 0 THEN resolved / complaints END AS resolution_rate,
       median_first_response_hours, median_resolution_hours, p90_resolution_hours,
       CASE WHEN sla_n > 0 THEN sla_met / sla_n END AS sla_met_rate, sla_n,
       CASE WHEN csat_n > 0 THEN csat_top2 / csat_n END AS csat, csat_n,
       -- Wilson score interval, clamped to 0..1 against rounding at p = 0 or 1
       CASE WHEN csat_n > 0 THEN greatest(0, (csat_top2 / csat_n + $z * $z / (2 * csat_n)
            - $z * sqrt(csat_top2 / csat_n * (1 - csat_top2 / csat_n) / csat_n + $z * $z / (4 * csat_n * csat_n)))
            / (1 + $z * $z / csat_n)) END AS csat_ci_low,
       CASE WHEN csat_n > 0 THEN least(1, (csat_top2 / csat_n + $z * $z / (2 * csat_n)
            + $z * sqrt(csat_top2 / csat_n * (1 - csat_top2 / csat_n) / csat_n + $z * $z / (4 * csat_n * csat_n)))
            / (1 + $z * $z / csat_n)) END AS csat_ci_high,
       -- NPS: 100 (p - d) -/+ z 100 sqrt((p + d - (p - d)^2) / n), clamped to -100..100
       CASE WHEN nps_n > 0 THEN 100 * (promoters - detractors) / nps_n END AS nps, nps_n,
       CASE WHEN nps_n > 0 THEN greatest(-100, 100 * ((promoters - detractors) / nps_n
            - $z * sqrt(greatest(0, (promoters + detractors) / nps_n - ((promoters - detractors) / nps_n) ** 2) / nps_n))) END AS nps_ci_low,
       CASE WHEN nps_n > 0 THEN least(100, 100 * ((promoters - detractors) / nps_n
            + $z * sqrt(greatest(0, (promoters + detractors) / nps_n - ((promoters - detractors) / nps_n) ** 2) / nps_n))) END AS nps_ci_high,
       CASE WHEN ces_n > 0 THEN ces_mean END AS ces_mean, ces_n,
       CASE WHEN sentiment_n > 0 THEN negative / sentiment_n END AS negative_share,
       CASE WHEN customers_n > 0 THEN signal_customers END AS churn_signal_customers,
       CASE WHEN reopen_n > 0 THEN reopened / reopen_n END AS reopen_rate,
       CASE WHEN timely_n > 0 THEN timely / timely_n END AS timely_rate, timely_n,
       CASE WHEN disputed_n > 0 THEN disputed / disputed_n END AS disputed_rate, disputed_n,
       compensation_paid,
       coalesce(backlog, 0) AS backlog, coalesce(age_young, 0) AS backlog_0_3_business_days,
       coalesce(age_mid, 0) AS backlog_to_8_weeks, coalesce(age_old, 0) AS backlog_over_8_weeks
FROM agg
ORDER BY dimension, period_start, "group"
