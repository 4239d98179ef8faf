-- compute_reference.sql: the metrics table as compute.sql computed it before
-- it was tuned for speed (round 2 of issue 4): the straightforward form, kept
-- as the oracle TestComputeMatchesReference holds compute.sql to. Same
-- parameters, markers and columns as compute.sql.
--
-- Parameters (named, bound by metrics.Compute):
--   $cutoff       TIMESTAMP  exclusive end of the as-of date (as-of + 1 day)
--   $period       VARCHAR    'day' | 'week' | 'month' (date_trunc: weeks start Monday)
--   $holidays     DATE[]     non-working days besides Saturday and Sunday
--   $business     BOOLEAN    report durations in business hours (working days only)
--   $ack_bsec     DOUBLE     acknowledgement target in business seconds
--   $res_sec      DOUBLE     resolution target in calendar seconds
--   $window_sec   DOUBLE     survey-to-complaint link window in seconds
--   $repeat_sec   DOUBLE     repeat-complaint window in seconds (churn signal)
--   $age_bsec     DOUBLE     first ageing bucket bound in business seconds
--   $age_old_sec  DOUBLE     second ageing bucket bound in calendar seconds
--   $z            DOUBLE     normal quantile for the intervals (1.959964 for 95%)
--   $start        TIMESTAMP  with Options.Since: the start of its period; null: every period is reported
--   $lo           TIMESTAMP  unused here (compute.sql reads less with it)
--
-- Markers replaced by metrics.Compute with SQL built only from its allow-list
-- of dimension columns (never from user text):
--   /*SETS*/      the grouping sets, e.g. (period_start), (period_start, topic)
--   /*DIMENSION*/ CASE on grouping(...) naming the dimension of each set
--   /*GROUP*/     CASE on grouping(...) giving the group label of each set
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
-- A closure without a time is known only as of the export that recorded
-- it, dated by the latest time its ingest run's rows carry (receipt, first
-- response or resolution; greatest() skips NULLs): the runs whose date is
-- not before the cutoff (late) recorded closures unknown at this report
-- date, not judged for resolution.
runs AS (
    SELECT ingest_run_id, max(greatest(received_at, first_response_at, resolved_at)) AS exported
    FROM complaints GROUP BY ingest_run_id
),
src AS (
    -- A source that never records a resolution timestamp cannot be judged against the resolution
    -- target, nor so against the SLA, which a complaint could then only miss.
    -- A source that records neither a status nor a resolution date cannot tell resolved
    -- from open: its complaints are left out of the resolution rate and the backlog.
    SELECT source, bool_or(resolved_at IS NOT NULL) AS has_res,
           bool_or(resolved_at IS NOT NULL OR status IS NOT NULL) AS has_state
    FROM complaints GROUP BY source
),
-- Surveys link to a complaint by complaint_id, else to the customer's latest
-- complaint received at or before the response, within the window.
explicit AS (
    SELECT complaint_id, min(source) AS source FROM complaints GROUP BY complaint_id
),
-- A customer's churn signals stop at their horizon: the cutoff, or
-- churned_at when that is earlier (churn_base.sql). sig: the complaints
-- before it, with the signals read across a customer's complaints, each
-- judged on those before the horizon alone.
hz AS (
    SELECT c.source, c.complaint_id, c.customer_id, c.received_at,
           least($cutoff, coalesce(u.churned_at, $cutoff)) AS horizon
    FROM complaints c LEFT JOIN customers u ON u.customer_id = c.customer_id
    WHERE c.customer_id IS NOT NULL
),
sig AS (
    SELECT h.source, h.complaint_id,
           -- another complaint by the same customer within the window, before or
           -- after (ties in received_at flag the same complaints in any order)
           coalesce(h.received_at - lag(h.received_at) OVER w <= to_seconds($repeat_sec), false)
           OR coalesce(lead(h.received_at) OVER w - h.received_at <= to_seconds($repeat_sec), false) AS repeat_complaint,
           -- the customer's sentiment falls across their complaints (least-squares
           -- slope < 0 over two or more), on each complaint with a sentiment
           k.sentiment IS NOT NULL AND count(k.sentiment) OVER (PARTITION BY h.customer_id) >= 2
               AND coalesce(regr_slope(k.sentiment, epoch(h.received_at)) OVER (PARTITION BY h.customer_id) < 0, false) AS falling_sentiment
    FROM hz h
    LEFT JOIN classifications k ON k.source = h.source AND k.complaint_id = h.complaint_id
    WHERE h.received_at < h.horizon
    WINDOW w AS (PARTITION BY h.customer_id ORDER BY h.received_at)
),
-- The complaints a detractor response (NPS 0-6) is about (a churn signal):
-- the one it names, else the customer's latest complaint received at or
-- before it within $window_sec (as the survey figures link it); only one
-- received at or before the response, and the response before its
-- customer's horizon.
detr AS (
    SELECT DISTINCT x.source, x.complaint_id
    FROM (SELECT s.customer_id, s.complaint_id, s.responded_at, e.source AS e_source
          FROM surveys s LEFT JOIN explicit e ON e.complaint_id = s.complaint_id
          WHERE s.nps <= 6 AND s.responded_at < $cutoff) s
    ASOF LEFT JOIN (SELECT customer_id, received_at, source, complaint_id FROM complaints
                    WHERE customer_id IS NOT NULL AND received_at < $cutoff) a
        ON a.customer_id = s.customer_id AND a.received_at <= s.responded_at
    JOIN complaints x
        ON x.source = CASE WHEN s.e_source IS NOT NULL THEN s.e_source
                           WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.source END
       AND x.complaint_id = CASE WHEN s.e_source IS NOT NULL THEN s.complaint_id
                                 WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.complaint_id END
    JOIN hz h ON h.source = x.source AND h.complaint_id = x.complaint_id
    WHERE x.received_at <= s.responded_at AND s.responded_at < h.horizon
),
c0 AS (
    SELECT c.source, c.complaint_id, c.customer_id, c.received_at,
           coalesce(k.topic, 'unclassified') AS topic,
           coalesce(c.product, 'unknown') AS product,
           coalesce(c.issue, 'unknown') AS issue,
           coalesce(c.channel, 'unknown') AS channel,
           coalesce(c.company, 'unknown') AS company,
           coalesce(c.department, k.department, 'unclassified') AS department,
           coalesce(c.region, 'unknown') AS region,
           coalesce(k.language, 'unclassified') AS language,
           -- acknowledged by the first of the response and the resolution
           CASE WHEN c.first_response_at < $cutoff AND c.first_response_at >= c.received_at
                     AND (c.first_response_at <= c.rz OR NOT (c.rz < $cutoff AND c.rz >= c.received_at) OR c.rz IS NULL)
                     THEN c.first_response_at
                WHEN c.rz < $cutoff AND c.rz >= c.received_at THEN c.rz END AS ack_at,
           coalesce(c.first_response_at < $cutoff AND c.first_response_at >= c.received_at, false) AS responded,
           CASE WHEN c.rz < $cutoff AND c.rz >= c.received_at THEN c.rz END AS res_at,
           -- resolved by the as-of date; status closed without a timestamp counts as
           -- resolved when its run was exported before the cutoff, else unknown
           CASE WHEN c.rz IS NOT NULL THEN c.rz < $cutoff
                WHEN lower(c.status) = 'closed' AND r.exported >= $cutoff THEN NULL
                ELSE lower(c.status) = 'closed' END AS resolved,
           c.rz AS resolved_at, c.rz IS NULL AND lower(c.status) = 'closed' AS closed_untimed,
           -- judged for resolution: of a source that records a state, and not
           -- closed without a time before its run's export; of a source with no
           -- resolution times, not of a run not yet exported at all
           s.has_state AND NOT (c.rz IS NULL AND lower(c.status) = 'closed' AND r.exported >= $cutoff)
               AND NOT (NOT s.has_res AND r.exported >= $cutoff) AS judged,
           -- reopened by the as-of date: known when the latest resolution is before it
           CASE WHEN c.resolved_at >= $cutoff AND c.reopened_count > 0 THEN NULL ELSE c.reopened_count END AS reopened_count,
           c.compensation_amount, c.timely, c.disputed,
           k.sentiment_label, coalesce(k.churn_intent, false) AS churn_intent,
           s.has_res, s.has_state,
           -- neither open nor closed: no status, no resolution time, of a
           -- source that records none (a tweet)
           c.status IS NULL AND c.resolved_at IS NULL AND NOT s.has_res AS state_unknown, r.exported,
           -- the churn signals, up to the customer's horizon (hz): the state of
           -- the complaint judged at it
           h.horizon, g.complaint_id IS NOT NULL AS before_horizon,
           coalesce(g.repeat_complaint, false) AS repeat_complaint, coalesce(g.falling_sentiment, false) AS falling_sentiment,
           d.complaint_id IS NOT NULL AS detractor,
           (coalesce(c.reopened_count, 0) > 0 AND NOT coalesce(c.resolved_at >= h.horizon, false)) OR coalesce(c.disputed, false) AS reopened_or_disputed,
           CASE WHEN c.rz IS NOT NULL THEN c.rz < h.horizon
                WHEN lower(c.status) = 'closed' AND r.exported >= h.horizon THEN NULL
                ELSE lower(c.status) = 'closed' END AS resolved_h
    -- rz: the resolution, unless the status says open (reopened since)
    FROM (SELECT *, CASE WHEN status IS NOT NULL AND lower(status) <> 'closed' THEN NULL ELSE resolved_at END AS rz
          FROM complaints) c
    LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
    LEFT JOIN detr d ON d.source = c.source AND d.complaint_id = c.complaint_id
    LEFT JOIN hz h ON h.source = c.source AND h.complaint_id = c.complaint_id
    LEFT JOIN sig g ON g.source = c.source AND g.complaint_id = c.complaint_id
    JOIN src s ON s.source = c.source
    JOIN runs r ON r.ingest_run_id = c.ingest_run_id
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
           department, region, language, resolved, resolved_at, closed_untimed, has_state, judged, w_rec, e_rec, state_unknown,
           exported,
           CASE WHEN NOT responded THEN NULL WHEN $business THEN (w_ack - w_rec) ELSE (e_ack - e_rec) END / 3600.0 AS first_response_h,
           CASE WHEN $business THEN (w_res - w_rec) ELSE (e_res - e_rec) END / 3600.0 AS resolution_h,
           -- acknowledged within target: true / false, or null while pending or unknowable
           CASE WHEN w_ack IS NOT NULL THEN w_ack - w_rec <= $ack_bsec
                WHEN closed_untimed OR resolved THEN NULL
                WHEN w_cut - w_rec > $ack_bsec THEN false END AS ack_ok,
           CASE WHEN e_res IS NOT NULL THEN e_res - e_rec <= $res_sec
                WHEN closed_untimed OR resolved OR NOT has_res THEN NULL
                WHEN epoch($cutoff) - e_rec > $res_sec THEN false END AS res_ok,
           has_res,
           reopened_count, compensation_amount, timely, disputed, sentiment_label,
           customer_id IS NOT NULL AND before_horizon AND (churn_intent OR reopened_or_disputed
               OR repeat_complaint OR falling_sentiment OR detractor
               OR coalesce(NOT resolved_h AND epoch(horizon) - e_rec > $res_sec, false)) AS churn_signal
    FROM c1
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
-- Complaint and survey facts share one shape so one GROUPING SETS pass
-- computes every dimension.
facts AS (
    SELECT 'c' AS kind, date_trunc($period, received_at)::DATE AS period_start,
           topic, product, issue, channel, company, department, region, source, language,
           resolved, has_state, judged, state_unknown, first_response_h, resolution_h,
           CASE WHEN NOT has_res THEN NULL
                WHEN ack_ok = false OR res_ok = false THEN false
                WHEN ack_ok AND res_ok THEN true END AS sla_met,
           reopened_count, compensation_amount, timely, disputed, sentiment_label,
           customer_id, CASE WHEN churn_signal THEN customer_id END AS signal_customer,
           NULL::INTEGER AS csat, NULL::INTEGER AS nps, NULL::INTEGER AS ces
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
),
-- count_if rather than FILTER: several times faster under GROUPING SETS.
agg AS (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           count_if(kind = 'c') AS complaints,
           coalesce(count_if(kind = 'c' AND resolved), 0) AS resolved,
           count_if(kind = 'c' AND has_state) AS state_n,
           count_if(kind = 'c' AND judged) AS judged_n,
           quantile_cont(first_response_h, [0.5, 0.9]) AS first_response_q,
           quantile_cont(resolution_h, [0.5, 0.9]) AS resolution_q,
           count(sla_met) AS sla_n,
           count_if(sla_met) AS sla_met,
           count(reopened_count) AS reopen_n,
           count_if(reopened_count > 0) AS reopened,
           sum(compensation_amount) AS compensation_paid,
           count(timely) AS timely_n,
           count_if(timely) AS timely,
           count(disputed) AS disputed_n,
           count_if(disputed) AS disputed,
           count(sentiment_label) AS sentiment_n,
           count_if(sentiment_label = 'negative') AS negative,
           count(DISTINCT signal_customer) AS signal_customers,
           count(customer_id) AS customers_n,
           count(csat) AS csat_n,
           count_if(csat >= 4) AS csat_top2,
           count(nps) AS nps_n,
           count_if(nps >= 9) AS promoters,
           count_if(nps <= 6) AS detractors,
           count(ces) AS ces_n,
           avg(ces) AS ces_mean
    FROM facts
    GROUP BY GROUPING SETS (/*SETS*/)
),
-- Backlog: a complaint is open at instant t when received_at < t <= resolved_at
-- (never resolved: any t; closed without timestamps: never). While open it is
-- young (business age <= $age_bsec), then mid (calendar age <= $age_old_sec), then
-- old. Each phase is an interval (s, e]; the number of intervals covering a
-- period's end t is #(s < t) - #(e < t), so each complaint contributes at most
-- six +1/-1 events, summed per period and accumulated over periods.
phases AS (
    SELECT c.*, c.received_at AS t_young,
           -- the instant the business age reaches $age_bsec: the working day
           -- whose business-second range holds w_rec + $age_bsec
           k.day::TIMESTAMP + to_seconds(c.w_rec + $age_bsec - k.wstart) AS t_mid
    FROM (SELECT * FROM cb WHERE NOT closed_untimed AND (resolved_at IS NULL OR resolved_at >= received_at)) c
    ASOF JOIN (SELECT day, before * 86400 AS wstart FROM cal WHERE work) k
        ON k.wstart <= c.w_rec + $age_bsec
),
bounds2 AS (
    SELECT *, greatest(received_at + to_seconds($age_old_sec), t_mid) AS t_old FROM phases
),
events AS (
    SELECT date_trunc($period, e.t)::DATE AS period_start, e.y, e.m, e.o,
           topic, product, issue, channel, company, department, region, source, language
    FROM (
        SELECT *, unnest([
            {'t': t_young, 'y': 1, 'm': 0, 'o': 0},
            {'t': CASE WHEN resolved_at IS NULL OR resolved_at > t_mid THEN t_mid ELSE resolved_at END, 'y': -1, 'm': 0, 'o': 0},
            {'t': CASE WHEN resolved_at IS NULL OR resolved_at > t_mid THEN t_mid END, 'y': 0, 'm': 1, 'o': 0},
            {'t': CASE WHEN resolved_at IS NULL OR resolved_at > t_mid
                       THEN CASE WHEN resolved_at IS NULL OR resolved_at > t_old THEN t_old ELSE resolved_at END END, 'y': 0, 'm': -1, 'o': 0},
            {'t': CASE WHEN (resolved_at IS NULL OR resolved_at > t_old) THEN t_old END, 'y': 0, 'm': 0, 'o': 1},
            {'t': CASE WHEN resolved_at > t_old THEN resolved_at END, 'y': 0, 'm': 0, 'o': -1}
        ]) AS e
        FROM bounds2
    )
    WHERE e.t IS NOT NULL AND e.t < $cutoff
),
deltas AS (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           sum(y) AS dy, sum(m) AS dm, sum(o) AS d_old
    FROM events
    GROUP BY GROUPING SETS (/*SETS*/)
),
periods AS (
    SELECT period_start FROM agg UNION SELECT period_start FROM deltas
),
backlog AS (
    SELECT period_start, dimension, grp,
           sum(coalesce(dy, 0)) OVER w AS young, sum(coalesce(dm, 0)) OVER w AS mid, sum(coalesce(d_old, 0)) OVER w AS old
    FROM (SELECT DISTINCT dimension, grp FROM deltas) g
    CROSS JOIN periods p
    LEFT JOIN deltas d USING (dimension, grp, period_start)
    WINDOW w AS (PARTITION BY dimension, grp ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
-- a group with no complaint of a source recording a status or resolution date
tracked AS (
    SELECT dimension, grp, bool_or(state_n > 0) AS tracked FROM agg GROUP BY ALL
),
-- A complaint is of unknown state at a period's end t when received
-- before t and its source records no state (state_unknown), or it was
-- closed without a time and its run's export (runs) is not before t: +1
-- at its receipt (r counts every complaint received), -1 at that export.
uevents AS (
    SELECT date_trunc($period, received_at)::DATE AS period_start,
           topic, product, issue, channel, company, department, region, source, language,
           1 AS r, CASE WHEN state_unknown OR closed_untimed THEN 1 ELSE 0 END AS u
    FROM cb
    UNION ALL
    SELECT date_trunc($period, exported)::DATE AS period_start,
           topic, product, issue, channel, company, department, region, source, language, 0 AS r, -1 AS u
    FROM cb
    WHERE closed_untimed AND exported < $cutoff
),
-- the complaints of unknown state, and received, by the end of each
-- period of a group's events, for each row from its latest such period
-- (ASOF below)
unknown AS (
    SELECT period_start AS u_period, dimension AS u_dimension, grp AS u_grp,
           sum(u) OVER w AS state_unknown, sum(r) OVER w AS received
    FROM (SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp, sum(u) AS u, sum(r) AS r
          FROM uevents
          GROUP BY GROUPING SETS (/*SETS*/))
    WINDOW w AS (PARTITION BY dimension, grp ORDER BY period_start)
),
joined AS (
    SELECT coalesce(a.period_start, b.period_start) AS period_start, coalesce(a.dimension, b.dimension) AS dimension,
           coalesce(a.grp, b.grp) AS grp, a.* EXCLUDE (period_start, dimension, grp),
           b.young, b.mid, b.old
    FROM agg a
    FULL JOIN (SELECT * FROM backlog
               WHERE young + mid + old > 0 AND period_start IN (SELECT period_start FROM agg)) b
        USING (period_start, dimension, grp)
)
SELECT strftime(period_start, '%Y-%m-%d') AS period_start, dimension, grp AS "group",
       coalesce(complaints, 0) AS complaints,
       CASE WHEN coalesce(complaints, 0) = 0 OR judged_n > 0 THEN coalesce(resolved, 0) END AS resolved,
       CASE WHEN judged_n > 0 THEN resolved / judged_n END AS resolution_rate,
       first_response_q[1] AS median_first_response_hours, first_response_q[2] AS p90_first_response_hours,
       resolution_q[1] AS median_resolution_hours,
       resolution_q[2] AS p90_resolution_hours,
       CASE WHEN sla_n > 0 THEN sla_met / sla_n END AS sla_met_rate, coalesce(sla_n, 0) AS sla_n,
       -- Wilson score interval, clamped to 0..1 against rounding at p = 0 or 1
       CASE WHEN csat_n > 0 THEN csat_top2 / csat_n END AS csat, coalesce(csat_n, 0) AS csat_n,
       -- (exactly 0 below p = 0 and 1 above p = 1, which rounding missed by 1e-16)
       CASE WHEN csat_top2 = 0 AND csat_n > 0 THEN 0 WHEN csat_n > 0 THEN greatest(0, (csat_top2 / csat_n + $z * $z / (2 * csat_n)
            - $z * sqrt(csat_top2 / csat_n * (1 - csat_top2 / csat_n) / csat_n + $z * $z / (4 * csat_n * csat_n)))
            / (1 + $z * $z / csat_n)) END AS csat_ci_low,
       CASE WHEN csat_top2 = csat_n AND csat_n > 0 THEN 1 WHEN csat_n > 0 THEN least(1, (csat_top2 / csat_n + $z * $z / (2 * csat_n)
            + $z * sqrt(csat_top2 / csat_n * (1 - csat_top2 / csat_n) / csat_n + $z * $z / (4 * csat_n * csat_n)))
            / (1 + $z * $z / csat_n)) END AS csat_ci_high,
       -- NPS: 100 (p - d) -/+ z 100 sqrt((p + d - (p - d)^2) / n), clamped to -100..100
       CASE WHEN nps_n > 0 THEN 100 * (promoters - detractors) / nps_n END AS nps, coalesce(nps_n, 0) AS nps_n,
       CASE WHEN nps_n > 0 THEN greatest(-100, 100 * ((promoters - detractors) / nps_n
            - $z * sqrt(greatest(0, (promoters + detractors) / nps_n - ((promoters - detractors) / nps_n) ** 2) / nps_n))) END AS nps_ci_low,
       CASE WHEN nps_n > 0 THEN least(100, 100 * ((promoters - detractors) / nps_n
            + $z * sqrt(greatest(0, (promoters + detractors) / nps_n - ((promoters - detractors) / nps_n) ** 2) / nps_n))) END AS nps_ci_high,
       CASE WHEN ces_n > 0 THEN ces_mean END AS ces_mean, coalesce(ces_n, 0) AS ces_n,
       CASE WHEN sentiment_n > 0 THEN negative / sentiment_n END AS negative_share,
       CASE WHEN customers_n > 0 THEN signal_customers END AS churn_signal_customers,
       CASE WHEN reopen_n > 0 THEN reopened / reopen_n END AS reopen_rate,
       CASE WHEN timely_n > 0 THEN timely / timely_n END AS timely_rate, coalesce(timely_n, 0) AS timely_n,
       CASE WHEN disputed_n > 0 THEN disputed / disputed_n END AS disputed_rate, coalesce(disputed_n, 0) AS disputed_n,
       compensation_paid,
       CASE WHEN tracked AND NOT coalesce(state_unknown > 0 AND state_unknown = received, false) THEN coalesce(young + mid + old, 0) END AS backlog,
       CASE WHEN tracked AND NOT coalesce(state_unknown > 0 AND state_unknown = received, false) THEN coalesce(young, 0) END AS backlog_0_3_business_days,
       CASE WHEN tracked AND NOT coalesce(state_unknown > 0 AND state_unknown = received, false) THEN coalesce(mid, 0) END AS backlog_to_8_weeks,
       CASE WHEN tracked AND NOT coalesce(state_unknown > 0 AND state_unknown = received, false) THEN coalesce(old, 0) END AS backlog_over_8_weeks,
       coalesce(state_unknown, 0) AS backlog_state_unknown,
       -- the counts behind CSAT and NPS, for tests between periods (Row's unexported fields)
       coalesce(csat_top2, 0)::BIGINT AS csat_top2, coalesce(promoters, 0)::BIGINT AS nps_promoters,
       coalesce(detractors, 0)::BIGINT AS nps_detractors
FROM joined
LEFT JOIN tracked USING (dimension, grp)
ASOF LEFT JOIN unknown ON u_dimension = dimension AND u_grp = grp AND u_period <= period_start
WHERE $start IS NULL OR period_start >= $start
ORDER BY dimension, period_start, "group"
