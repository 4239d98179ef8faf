-- compute.sql: the metrics table, one row per (dimension, group, period_start).
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
--   $age_bsec     DOUBLE     first ageing bucket bound in business seconds (3 business days)
--   $age_old_sec  DOUBLE     second ageing bucket bound in calendar seconds (8 weeks)
--   $z            DOUBLE     normal quantile for the intervals (1.959964 for 95%)
--   $start        TIMESTAMP  with Options.Since: the start of its period; null: every period is reported
--   $lo           TIMESTAMP  with Options.Since: $start less the longer of the two windows
--
-- Markers replaced by metrics.Compute with SQL built only from its allow-list
-- of dimension columns (never from user text):
--   /*SETS*/      the grouping sets, e.g. (period_start), (period_start, topic)
--   /*DIMENSION*/ CASE on grouping(...) naming the dimension of each set
--   /*GROUP*/     CASE on grouping(...) giving the group label of each set
--   /*KEEP*/      true, or with Options.Since the condition below on complaints c
--   /*CARRY_CLASSIFICATIONS*/ carry's join with the classifications, or a row
--                 of nulls when no dimension reads them (metrics.carryClassifications)
WITH
-- With Options.Since, rows are reported for the periods from $start on,
-- with the figures the whole table has for them. Those need only some
-- complaints, which the KEEP marker (in nb and ck) selects (metrics.keepSQL):
--     c.received_at >= $start
--     OR (c.customer_id IS NOT NULL AND c.received_at >= $lo)
--     OR c.resolved_at >= $start
--     OR lower(c.status) <> 'closed'
--     OR (c.status IS NULL AND c.resolved_at IS NULL)
--     OR c.rowid IN (SELECT rid FROM explicit)
-- the ones received from $start on; a customer's from $lo on (a repeat
-- complaint or a survey's link to the customer's latest complaint reaches
-- back at most the longer of the two windows, and both go by customer_id:
-- a complaint without one is nobody's neighbour); the ones still open at
-- $start (the backlog: open now, by their status or, with none recorded,
-- by no resolution time (ck's status), or resolved since $start); the ones
-- of unknown state then with no state recorded; and the ones the periods'
-- survey responses name. The others count in carry.
-- A complaint resolved before $start adds to the backlog of earlier periods
-- only. (On 10M CFPB complaints, which have no customer IDs, the reports'
-- 26 weeks keep 2.5M complaints rather than the 3.7M received from $lo.)
--
-- Surveys link to a complaint by complaint_id (explicit, whose rid is the
-- linked complaint's rowid), else to the customer's latest complaint
-- received at or before the response, within the window.
explicit AS (
    SELECT complaint_id, arg_min(rowid, source) AS rid, arg_min(received_at, source) AS received_at
    FROM complaints
    WHERE complaint_id IN (SELECT complaint_id FROM surveys
                           WHERE responded_at < $cutoff AND ($start IS NULL OR responded_at >= $start))
    GROUP BY complaint_id
),
/*CALENDAR*/,
-- The survey responses of the reported periods, for the survey figures (sl)
-- and the detractor churn signal (dtr).
sv AS MATERIALIZED (
    SELECT s.source, s.customer_id, s.responded_at, s.csat, s.nps, s.ces, e.rid, e.complaint_id IS NOT NULL AS explicit,
           e.received_at AS c_received
    FROM surveys s
    LEFT JOIN explicit e ON e.complaint_id = s.complaint_id
    WHERE s.responded_at < $cutoff AND ($start IS NULL OR s.responded_at >= $start)
),
-- Churn signals the ranking (churn_base.sql) judges across a customer's
-- complaints and responses, for churn_signal below, by its rule: a
-- customer's signals stop at their horizon, the cutoff or churned_at when
-- that is earlier. A signal after the churn is no sign of its risk, and
-- the table counts the customers the ranking's complaint IDs give.
-- churned: the customers whose horizon is before the cutoff.
churned AS (
    SELECT customer_id, churned_at FROM customers WHERE churned_at < $cutoff
),
-- dtr: the complaints a detractor response (NPS 0-6) is about: the one it
-- names (explicit), else its customer's latest complaint received at or
-- before it within $window_sec (link.sql's rule, as churn_base.sql), with
-- the earliest such response at or after the complaint's receipt (c0 counts
-- it when before the horizon). The responses from $start on suffice: one
-- before it is about a complaint received before it.
dtr AS (
    SELECT rid, min(responded_at) AS responded_at
    FROM (
        SELECT rid, responded_at FROM sv WHERE explicit AND nps <= 6 AND responded_at >= c_received
        UNION ALL
        SELECT a.rid, s.responded_at
        FROM (SELECT customer_id, responded_at FROM sv WHERE NOT explicit AND nps <= 6) s
        ASOF JOIN (SELECT rowid AS rid, customer_id, received_at FROM complaints
                   WHERE customer_id IN (SELECT customer_id FROM sv WHERE NOT explicit AND nps <= 6)
                     AND received_at < $cutoff) a
            ON a.customer_id = s.customer_id AND a.received_at <= s.responded_at
        WHERE a.received_at >= s.responded_at - to_seconds($window_sec)
    )
    GROUP BY rid
),
-- fall: the customers whose sentiment falls across their complaints up to
-- their horizon (least-squares slope < 0 over two or more with a sentiment).
-- It reads every complaint of theirs, which the slope needs, not only the
-- ones KEEP selects; the grouping by customer is one hash aggregate, and
-- nothing at all without customer IDs (the CFPB's).
fall AS (
    SELECT c.customer_id
    FROM complaints c
    JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
    LEFT JOIN churned h ON h.customer_id = c.customer_id
    WHERE c.customer_id IS NOT NULL AND c.received_at < coalesce(h.churned_at, $cutoff) AND k.sentiment IS NOT NULL
    GROUP BY c.customer_id
    HAVING count(*) >= 2 AND regr_slope(k.sentiment, epoch(c.received_at)) < 0
),
-- Each ingest run's export date (exports.sql). A run whose date is not
-- before the cutoff is late (ck's run_late): at this report date whether a
-- complaint it recorded closed without a time was resolved by then is
-- unknown (ck's closed_unknown), and it is not judged for resolution. At
-- the default as-of (the latest date in the data) no run is late.
/*EXPORTS*/,
src AS MATERIALIZED (
    -- A source that never records a resolution timestamp (the CFPB export; a support thread's
    -- replies give first responses only; an export of open tickets) cannot be judged against
    -- the resolution target, nor so against the SLA: a closed complaint could only miss it,
    -- and judging the open ones past the target alone, each a miss, read 0% by construction
    -- (a regression QA pass, 2026-12-07). None of its complaints is judged, open or closed:
    -- which are judged must not turn on their outcome (the backlog's ageing shows the old
    -- open ones). A source that records no response or resolution timestamp (the CFPB
    -- export) cannot tell whether a complaint was acknowledged (has_ack).
    -- A source that records neither a status nor a resolution date (tweets) cannot tell a
    -- resolved complaint from an open one: its complaints are left out of the resolution
    -- rate and the backlog, which are null for a group of them alone.
    SELECT source, bool_or(resolved_at IS NOT NULL) AS has_res,
           bool_or(first_response_at IS NOT NULL OR resolved_at IS NOT NULL) AS has_ack,
           bool_or(resolved_at IS NOT NULL OR status IS NOT NULL) AS has_state
    FROM complaints GROUP BY source
),
-- Per complaint (by rowid), from its customer's neighbouring complaints
-- received before the customer's horizon (those after carry no signal):
-- repeat_complaint, another complaint by the same customer within the window
-- before or after (ties in received_at flag the same complaints in any
-- order); shared_period, another complaint by the customer in the same
-- period (used to count distinct churn-signal customers cheaply below).
-- The window carries only the key and the times: sorting the wide rows
-- costs several times more. A complaint with no customer ID has no
-- neighbours and is left out (the window made all of them one customer's;
-- nothing read their flags, as churn_signal needs a customer): c0 joins nb
-- with a LEFT JOIN and applies the cutoff itself. On 10M CFPB complaints,
-- which have no customer IDs, the metrics took 3.4-3.7 s rather than
-- 4.9-5.5 s for the reports' 26 weeks, and 8.1-9.1 s rather than
-- 13.6-15.1 s for every period.
nb AS (
    SELECT rowid AS rid,
           coalesce(received_at - lag(received_at) OVER w <= to_seconds($repeat_sec), false)
           OR coalesce(lead(received_at) OVER w - received_at <= to_seconds($repeat_sec), false) AS repeat_complaint,
           coalesce(date_trunc($period, lag(received_at) OVER w) = date_trunc($period, received_at), false)
           OR coalesce(date_trunc($period, lead(received_at) OVER w) = date_trunc($period, received_at), false) AS shared_period
    FROM (SELECT c.rowid, c.customer_id, c.received_at
          FROM complaints c LEFT JOIN churned h ON h.customer_id = c.customer_id
          WHERE /*KEEP*/ AND c.received_at < coalesce(h.churned_at, $cutoff) AND c.customer_id IS NOT NULL)
    WINDOW w AS (PARTITION BY customer_id ORDER BY received_at)
),
-- Complaints with their classification. No cutoff filter here: with one, the
-- planner guesses the complaints side small and builds its hash table from
-- the wide complaint rows instead of the classifications.
--
-- status is the status as the metrics read it: the recorded one, or, when
-- none is recorded (a complaints register with no status column, a blank
-- status cell), 'open' for a complaint with no resolution time of a source
-- that records resolution times (src.has_res): nothing says it was
-- resolved, where its source would. With a resolution time and no status
-- it is resolved when that time is (rz below: by the report date, closed;
-- after it, open then). With neither, of a source that records no
-- resolution times (tweets), it stays unknown: neither open nor resolved.
--
-- rz is the resolution as the metrics read it: the recorded resolved_at,
-- unless the status says the complaint is open now, when that time was a
-- resolution since reopened (an Intercom conversation's last close, a
-- ticket solved and then reopened) and the complaint is open, whatever the
-- report date (when it was reopened is not recorded). The acknowledgement
-- (ack_at) is the first of the response and the resolution, the recorded
-- resolved_at, that earlier resolution of a reopened complaint too: a
-- complaint resolved before any other response was answered by its
-- resolution, and one resolved with no response recorded is acknowledged
-- by it (the SLA); the first-response times are of the complaints with a
-- response recorded (responded), up to their acknowledgement. A complaint is
-- reopened by the report date when it was resolved before it (resolved_at
-- is the latest resolution, after any reopening); one reopened since, and
-- resolved after the report date, may have been reopened by then or not,
-- and is left out of the reopen rate (reopened_count null).
--
-- horizon is where the complaint's customer's churn signals stop (churned
-- above): the ones judged on the state of the complaint, reopened or
-- disputed and resolved, are judged at it, as the ranking judges them
-- (churn_base.sql's c): resolved_h and reopened_or_disputed.
ck AS (
    SELECT c.rid, c.source, c.customer_id, c.received_at,
           /*DIM_COLUMNS*/
           -- least skips nulls: the first of the two that is a time
           least(CASE WHEN c.first_response_at < $cutoff AND c.first_response_at >= c.received_at THEN c.first_response_at END,
                 CASE WHEN c.resolved_at < $cutoff AND c.resolved_at >= c.received_at THEN c.resolved_at END) AS ack_at,
           CASE WHEN c.rz < $cutoff AND c.rz >= c.received_at THEN c.rz END AS res_at,
           c.first_response_at < $cutoff AND c.first_response_at >= c.received_at AS responded,
           -- resolved by the as-of date; status closed without a timestamp counts as
           -- resolved once its run's export is before the cutoff, and is unknown
           -- (null) before (late)
           CASE WHEN c.rz IS NOT NULL THEN c.rz < $cutoff
                WHEN c.run_late AND lower(c.status) = 'closed' THEN NULL
                ELSE lower(c.status) = 'closed' END AS resolved,
           c.rz AS resolved_at, c.rz IS NULL AND lower(c.status) = 'closed' AS closed_untimed,
           -- closed without a time in a run not yet exported
           coalesce(c.rz IS NULL AND lower(c.status) = 'closed' AND c.run_late, false) AS closed_unknown, c.run_late, c.exported,
           CASE WHEN c.reopened_count > 0 AND c.resolved_at >= $cutoff THEN NULL ELSE c.reopened_count END AS reopened_count,
           c.compensation_amount, c.timely, c.disputed,
           k.sentiment_label, coalesce(k.churn_intent, false) AS churn_intent, k.sentiment IS NOT NULL AS has_sentiment,
           c.horizon,
           CASE WHEN c.rz IS NOT NULL THEN c.rz < c.horizon
                WHEN lower(c.status) = 'closed' AND c.exported >= c.horizon THEN NULL
                ELSE lower(c.status) = 'closed' END AS resolved_h,
           (coalesce(c.reopened_count, 0) > 0 AND NOT coalesce(c.resolved_at >= c.horizon, false))
           OR coalesce(c.disputed, false) AS reopened_or_disputed
    FROM (SELECT c.rowid AS rid, c.* REPLACE (CASE WHEN c.status IS NULL AND c.resolved_at IS NULL
                                                        AND c.source IN (SELECT source FROM src WHERE has_res) THEN 'open'
                                                   ELSE c.status END AS status),
                 CASE WHEN lower(c.status) <> 'closed' THEN NULL ELSE c.resolved_at END AS rz,
                 x.exported, coalesce(x.exported >= $cutoff, false) AS run_late,
                 coalesce(h.churned_at, $cutoff) AS horizon
          FROM complaints c
          LEFT JOIN exports x ON x.ingest_run_id = c.ingest_run_id
          LEFT JOIN churned h ON h.customer_id = c.customer_id
          WHERE /*KEEP*/) c
    LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
),
c0 AS (
    SELECT ck.*, s.has_res, s.has_ack, s.has_state, n.repeat_complaint, n.shared_period,
           -- the customer's falling sentiment rests on the complaints with one
           f.customer_id IS NOT NULL AND ck.has_sentiment AS falling_sentiment,
           coalesce(d.responded_at < ck.horizon, false) AS detractor
    FROM ck
    LEFT JOIN nb n ON n.rid = ck.rid
    LEFT JOIN fall f ON f.customer_id = ck.customer_id
    LEFT JOIN dtr d ON d.rid = ck.rid
    JOIN src s ON s.source = ck.source
    WHERE ck.received_at < $cutoff
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
c2 AS (
    SELECT *,
           -- acknowledged within target: true / false, or null while pending or unknowable
           -- (of a source that records no response or resolution time, always)
           CASE WHEN NOT has_ack THEN NULL
                WHEN w_ack IS NOT NULL THEN w_ack - w_rec <= $ack_bsec
                WHEN closed_untimed OR resolved THEN NULL
                WHEN w_cut - w_rec > $ack_bsec THEN false END AS ack_ok,
           -- resolved within target: judged by the time, else missed once the
           -- target has passed while known open (resolved false); one closed
           -- without a usable time, or not known open or closed (resolved
           -- null), cannot be judged, nor any of a source that records no
           -- resolution times, open or closed (src)
           CASE WHEN e_res IS NOT NULL THEN e_res - e_rec <= $res_sec
                WHEN closed_untimed OR resolved IS NOT FALSE OR NOT has_res THEN NULL
                WHEN epoch($cutoff) - e_rec > $res_sec THEN false END AS res_ok,
           -- the ranking's signals (churn_base.sql), each on the complaints it names,
           -- up to the customer's horizon
           customer_id IS NOT NULL AND received_at < horizon
           AND (churn_intent OR reopened_or_disputed
               OR coalesce(repeat_complaint, false) OR falling_sentiment OR detractor
               -- one neither resolved nor open (no status, no date) is not past its target,
               -- nor one whose untimed closure is not yet exported (not judged)
               OR coalesce(NOT resolved_h AND epoch(horizon) - e_rec > $res_sec, false)) AS churn_signal
    FROM c1
),
-- One row per complaint with only what the aggregates need, ordered by
-- period: the GROUPING SETS passes then update the states of one period's
-- groups at a time, which stay in cache (the quantiles cost 40% less than
-- on rows in table order, more than the sort), and within a period by
-- resolution time, which the quantile's selection finds in order.
cb AS MATERIALIZED (
    SELECT rid, source, customer_id, received_at, date_trunc($period, received_at)::DATE AS period_start,
           topic, product, issue, channel, company, department, region, language,
           resolved, resolved_at, has_state, w_rec,
           -- judged for resolution: of a source that records a state, and not
           -- closed without a time before its export (closed_unknown). Of a
           -- source that records no resolution times, none of a run not yet
           -- exported is judged, the open ones neither: judging those alone
           -- (the ones open now, as the closed are unknown) read its rate 0.
           -- Which complaints are judged must not turn on their outcome.
           has_state AND NOT closed_unknown AND NOT (run_late AND NOT has_res) AS judged,
           CASE WHEN NOT coalesce(responded, false) THEN NULL WHEN $business THEN (w_ack - w_rec) ELSE (e_ack - e_rec) END / 3600.0 AS first_response_h,
           CASE WHEN $business THEN (w_res - w_rec) ELSE (e_res - e_rec) END / 3600.0 AS resolution_h,
           -- judged for the SLA only when its source records resolution
           -- times, open or closed (src; the reports' tracks_res, scope.sql)
           CASE WHEN NOT has_res THEN NULL
                WHEN ack_ok = false OR res_ok = false THEN false
                WHEN ack_ok AND res_ok THEN true END AS sla_met,
           reopened_count, compensation_amount, timely, disputed,
           sentiment_label = 'negative' AS negative, -- null when not classified
           churn_signal, shared_period,
           -- in the backlog while open. Closed without a time, it never is,
           -- but its state is unknown (null) from its receipt to its run's
           -- export (known_at): it may be open at a period end before that
           -- (a QA pass read the CFPB demo's weeks as backlog 0).
           CASE WHEN closed_untimed AND exported IS NOT NULL THEN NULL
                ELSE NOT closed_untimed AND (resolved_at IS NULL OR resolved_at >= received_at) END AS in_backlog,
           CASE WHEN closed_untimed THEN exported END AS known_at
    FROM c2
    ORDER BY period_start, resolution_h
),
-- Complaint figures, one GROUPING SETS pass over the complaints alone.
-- count_if rather than FILTER: several times faster under GROUPING SETS.
-- Distinct churn-signal customers: a customer with a single complaint in the
-- period is one customer wherever that complaint is counted, so those are
-- counted here (signal_single) and only the rest need count(DISTINCT) (agg_m).
agg_c AS MATERIALIZED (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           count(*) AS complaints,
           -- count_if of only NULLs (no status, no resolution date: tweets) is NULL
           coalesce(count_if(resolved), 0) AS resolved,
           count_if(has_state) AS state_n,
           count_if(judged) AS judged_n,
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
           count(negative) AS sentiment_n,
           count_if(negative) AS negative,
           count_if(churn_signal AND NOT shared_period) AS signal_single,
           count(customer_id) AS customers_n,
           count_if(in_backlog) AS opened,
           -- neither open nor closed (no status, no resolution time, of a
           -- source that records none: a tweet; closed without a time, up
           -- to its export), in no backlog
           count_if(in_backlog IS NULL) AS state_unknown,
           -- of those, the ones closed without a time that become known at
           -- their run's export before the cutoff, by the export (known): a
           -- map of few keys, as a run has one export date
           histogram(CASE WHEN in_backlog IS NULL AND known_at < $cutoff THEN known_at END) AS known_by_export
    FROM cb
    GROUP BY GROUPING SETS (/*SETS*/)
),
agg_m AS (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           count(DISTINCT customer_id) AS signal_multi
    FROM cb
    WHERE churn_signal AND shared_period
    GROUP BY GROUPING SETS (/*SETS*/)
),
sl AS (
    SELECT source AS s_source, responded_at, csat, nps, ces, rid
    FROM sv
    WHERE explicit
    UNION ALL
    SELECT s.source, s.responded_at, s.csat, s.nps, s.ces,
           CASE WHEN a.received_at >= s.responded_at - to_seconds($window_sec) THEN a.rid END
    FROM (SELECT * FROM sv WHERE NOT explicit) s
    -- only the complaints of customers with a response to link (a quarter less to sort)
    ASOF LEFT JOIN (SELECT customer_id, received_at, rid FROM cb
                    WHERE customer_id IN (SELECT customer_id FROM sv WHERE NOT explicit)) a
        ON a.customer_id = s.customer_id AND a.received_at <= s.responded_at
),
-- Survey figures, bucketed by responded_at, grouped by the linked
-- complaint's dimensions ("unlinked" when none; for source, when none, the
-- survey's own).
sf AS (
    SELECT date_trunc($period, l.responded_at)::DATE AS period_start,
           coalesce(c.topic, 'unlinked') AS topic, coalesce(c.product, 'unlinked') AS product,
           coalesce(c.issue, 'unlinked') AS issue, coalesce(c.channel, 'unlinked') AS channel,
           coalesce(c.company, 'unlinked') AS company, coalesce(c.department, 'unlinked') AS department,
           coalesce(c.region, 'unlinked') AS region, coalesce(c.source, l.s_source) AS source,
           coalesce(c.language, 'unlinked') AS language,
           l.csat, l.nps, l.ces
    FROM sl l
    LEFT JOIN cb c ON c.rid = l.rid
),
agg_s AS (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           count(csat) AS csat_n,
           count_if(csat >= 4) AS csat_top2,
           count(nps) AS nps_n,
           count_if(nps >= 9) AS promoters,
           count_if(nps <= 6) AS detractors,
           count(ces) AS ces_n,
           avg(ces) AS ces_mean
    FROM sf
    GROUP BY GROUPING SETS (/*SETS*/)
),
-- Backlog: a complaint is open at instant t when received_at < t <= resolved_at
-- (never resolved: any t; closed without timestamps: never). While open it is
-- young (business age <= $age_bsec), then mid (calendar age <= $age_old_sec), then
-- old. Each phase is an interval (s, e]; the number of intervals covering a
-- period's end t is #(s < t) - #(e < t), so each complaint contributes +1/-1
-- events, summed per period and accumulated over periods. The +1 young at
-- received_at is agg_c's opened; the rest are at most three events, a phase's
-- end and the next one's start sharing an instant.
-- t_mid, the instant the business age reaches $age_bsec, lies on the working
-- day whose business-second range [before * 86400, before * 86400 + 86400)
-- holds w_rec + $age_bsec; past the calendar's end it is after the cutoff
-- and only compared, so infinity stands for it.
phases AS (
    SELECT c.*, coalesce(k.day::TIMESTAMP + to_seconds(c.w_rec + $age_bsec - k.before * 86400), 'infinity'::TIMESTAMP) AS t_mid,
           coalesce(c.resolved_at, 'infinity'::TIMESTAMP) AS r
    FROM (SELECT * FROM cb WHERE in_backlog) c
    LEFT JOIN (SELECT day, before FROM cal WHERE work) k
        ON k.before = floor((c.w_rec + $age_bsec) / 86400)
),
bounds2 AS (
    SELECT *, greatest(received_at + to_seconds($age_old_sec), t_mid) AS t_old FROM phases
),
events AS (
    SELECT date_trunc($period, e.t)::DATE AS period_start, e.y, e.m, e.o,
           topic, product, issue, channel, company, department, region, source, language
    FROM (
        SELECT *, unnest(CASE WHEN r <= t_mid THEN [{'t': r, 'y': -1, 'm': 0, 'o': 0}]
                              WHEN r <= t_old THEN [{'t': t_mid, 'y': -1, 'm': 1, 'o': 0}, {'t': r, 'y': 0, 'm': -1, 'o': 0}]
                              ELSE [{'t': t_mid, 'y': -1, 'm': 1, 'o': 0}, {'t': t_old, 'y': 0, 'm': -1, 'o': 1},
                                    {'t': r, 'y': 0, 'm': 0, 'o': -1}] END) AS e
        FROM bounds2
    )
    WHERE e.t < $cutoff
),
deltas AS MATERIALIZED (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp,
           sum(y) AS dy, sum(m) AS dm, sum(o) AS d_old
    FROM events
    GROUP BY GROUPING SETS (/*SETS*/)
),
-- With Since, the complaints KEEP leaves out (received before $start, and
-- of known state at every period end from it on, but one closed without a
-- time whose run was exported since $start) count only in the periods'
-- backlog_state_unknown and in the complaints received by their end
-- (joined's all_unknown). carry counts them per group as of $start, as
-- agg_c counts its complaints: n received, u of unknown state (closed
-- without a time: the CFPB's) and known_by_export. A narrow pass over the
-- complaints, not cb's rows: kept, the CFPB's, all closed without a time
-- and exported once, took the reports' 26 weeks from 2.5 s to 6 s on 1M
-- complaints. Without Since KEEP is true and carry empty.
-- /*CARRY_CLASSIFICATIONS*/ (metrics.Compute) is the join with the
-- classifications when a dimension reads them (topic, department,
-- language), else a row of nulls: the join cost as much as the rest.
carry AS MATERIALIZED (
    SELECT period_start, /*DIMENSION*/ AS dimension, /*GROUP*/ AS grp, count(*) AS n, count_if(unknown) AS u,
           histogram(CASE WHEN unknown AND exported < $cutoff THEN exported END) AS known_by_export
    FROM (
        SELECT $start::DATE AS period_start,
               -- the dimensions' values as ck gives them (dim_columns.sql)
               /*DIM_COLUMNS*/
               c.source,
               -- closed without a time, exported since $start (cb's in_backlog null)
               coalesce(lower(c.status) = 'closed' AND c.resolved_at IS NULL AND x.exported >= $start, false) AS unknown,
               x.exported
        FROM complaints c
        LEFT JOIN exports x ON x.ingest_run_id = c.ingest_run_id
        /*CARRY_CLASSIFICATIONS*/
        -- (received before $start: implied, but the scan filters by it first)
        WHERE c.received_at < $start AND (/*KEEP*/) IS NOT TRUE
    )
    GROUP BY GROUPING SETS (/*SETS*/)
),
-- The complaints closed without a time of agg_c's and carry's state
-- unknown (+1 in their receipt's period, or $start's) become of known
-- state in their export's period: known's n there, their -1. Counted in
-- those passes (known_by_export) rather than as events of deltas: a row
-- of events for each (every CFPB complaint), or any other pass over cb,
-- cost 20-100% more on 1M CFPB complaints (another reader of cb kept all
-- its dimension columns through its sort).
known AS (
    SELECT date_trunc($period, e.key)::DATE AS period_start, dimension, grp, sum(e.value) AS n
    FROM (SELECT dimension, grp, unnest(map_entries(known_by_export)) AS e FROM agg_c
          UNION ALL
          SELECT dimension, grp, unnest(map_entries(known_by_export)) FROM carry)
    GROUP BY ALL
),
agg AS MATERIALIZED (
    SELECT coalesce(c.period_start, s.period_start) AS period_start, coalesce(c.dimension, s.dimension) AS dimension,
           coalesce(c.grp, s.grp) AS grp,
           c.* EXCLUDE (period_start, dimension, grp, signal_single, known_by_export),
           c.signal_single + coalesce(m.signal_multi, 0) AS signal_customers,
           s.* EXCLUDE (period_start, dimension, grp)
    FROM agg_c c
    LEFT JOIN agg_m m USING (period_start, dimension, grp)
    FULL JOIN agg_s s USING (period_start, dimension, grp)
),
-- Every period from the first with complaints or responses to the one
-- holding the report date, also one in which nothing was received: the
-- backlog accumulates over them, and the "all" dimension has a row for
-- each, so that its last row's backlog is the one at the report date (a
-- week with no new complaint had no row, and the last row was an older
-- week's backlog: an exploratory QA pass). A group's rows are the periods
-- in which it has complaints, responses or backlog (a row for every group
-- in every period would be mostly empty).
periods AS (
    -- also from carry's period ($start), if it counts any
    SELECT unnest(generate_series(least(min(period_start), (SELECT min(period_start) FROM carry))::TIMESTAMP,
                                  date_trunc($period, $cutoff - INTERVAL 1 DAY)::TIMESTAMP,
                                  CASE $period WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
                                       ELSE INTERVAL 1 MONTH END))::DATE AS period_start
    FROM agg
),
backlog AS (
    SELECT period_start, dimension, grp,
           sum(coalesce(o.opened, 0) + coalesce(d.dy, 0)) OVER w AS young,
           sum(coalesce(d.dm, 0)) OVER w AS mid, sum(coalesce(d.d_old, 0)) OVER w AS old,
           -- received by the period's end and of unknown state then, any
           -- of which may be open
           sum(coalesce(o.state_unknown, 0) + coalesce(y.u, 0) - coalesce(k.n, 0)) OVER w AS state_unknown,
           sum(coalesce(o.complaints, 0) + coalesce(y.n, 0)) OVER w AS received
    FROM (SELECT dimension, grp FROM deltas UNION SELECT dimension, grp FROM agg_c
          UNION SELECT dimension, grp FROM agg WHERE dimension = 'all') g
    CROSS JOIN periods p
    LEFT JOIN deltas d USING (dimension, grp, period_start)
    LEFT JOIN carry y USING (dimension, grp, period_start)
    LEFT JOIN known k USING (dimension, grp, period_start)
    LEFT JOIN (SELECT period_start, dimension, grp, opened, state_unknown, complaints FROM agg_c) o
        USING (dimension, grp, period_start)
    WINDOW w AS (PARTITION BY dimension, grp ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
-- A group none of whose complaints comes from a source recording a status
-- or a resolution date (src.has_state) has no backlog to count: null, not 0.
-- (state_n, not judged_n: a complaint closed without a time before its
-- export is of a source that tracks its state, and is in no backlog.)
tracked AS (
    SELECT dimension, grp, sum(state_n) > 0 AS tracked
    FROM agg_c
    GROUP BY dimension, grp
),
-- The rows: a group's periods with complaints or responses (agg), with
-- backlog, and every period of "all"; each with the backlog's figures,
-- the complaints of unknown state too in a period of no backlog.
joined AS (
    SELECT coalesce(a.period_start, b.period_start) AS period_start, coalesce(a.dimension, b.dimension) AS dimension,
           coalesce(a.grp, b.grp) AS grp, a.* EXCLUDE (period_start, dimension, grp, state_unknown),
           b.young, b.mid, b.old, b.state_unknown,
           -- every complaint received by the period's end is of unknown
           -- state then: no backlog to count (null), however many are open
           b.state_unknown > 0 AND b.state_unknown = b.received AS all_unknown
    FROM agg a
    FULL JOIN backlog b
        ON b.period_start = a.period_start AND b.dimension = a.dimension AND b.grp = a.grp
    WHERE a.period_start IS NOT NULL OR b.young + b.mid + b.old > 0 OR b.dimension = 'all'
)
SELECT strftime(period_start, '%Y-%m-%d') AS period_start, dimension, grp AS "group",
       -- over the complaints judged for resolution (cb's judged: of sources that
       -- record a status or a resolution date, src.has_state, and not closed
       -- without a time before their export): unknown (null) when there are none
       coalesce(complaints, 0) AS complaints,
       CASE WHEN judged_n > 0 OR coalesce(complaints, 0) = 0 THEN coalesce(resolved, 0) END AS resolved,
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
       CASE WHEN t.tracked AND NOT coalesce(all_unknown, false) THEN coalesce(young + mid + old, 0) END AS backlog,
       CASE WHEN t.tracked AND NOT coalesce(all_unknown, false) THEN coalesce(young, 0) END AS backlog_0_3_business_days,
       CASE WHEN t.tracked AND NOT coalesce(all_unknown, false) THEN coalesce(mid, 0) END AS backlog_to_8_weeks,
       CASE WHEN t.tracked AND NOT coalesce(all_unknown, false) THEN coalesce(old, 0) END AS backlog_over_8_weeks,
       -- the complaints the backlog cannot judge, said beside it: a 0 of a
       -- group of tweets and closed tickets is no empty backlog
       coalesce(state_unknown, 0) AS backlog_state_unknown,
       -- the counts behind CSAT and NPS, for tests between periods (Row's unexported fields)
       coalesce(csat_top2, 0)::BIGINT AS csat_top2, coalesce(promoters, 0)::BIGINT AS nps_promoters,
       coalesce(detractors, 0)::BIGINT AS nps_detractors
FROM joined
LEFT JOIN tracked t USING (dimension, grp)
WHERE $start IS NULL OR period_start >= $start
ORDER BY dimension, period_start, "group"
