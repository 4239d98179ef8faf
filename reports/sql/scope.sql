-- One row per complaint received before the cutoff, with every derived
-- column the reports aggregate, so each figure and the list of complaint IDs
-- behind it come from the same rows. Only the columns the reports read are
-- kept: the table lives in memory, and under a memory limit every column
-- costs the other stages buffer space.
--
-- No text column is read here: reading one reads all of its text, even for
-- IS NOT NULL (on 10M complaints 5.5 s for narrative IS NOT NULL against
-- 0.5 s for language IS NOT NULL, with the text in the page cache; twice
-- that without). Classify writes a classification's language and
-- narrative_redacted together, exactly when the narrative is not blank, and
-- ingest drops the classification of a complaint whose content changes, so
-- a classified complaint has details and redacted text when its language is
-- set. An unclassified complaint's has_details is left NULL here and read
-- from its narrative by scope_details.sql, only when there is one
-- (run.scope). The trend stage's texts are read by scope_texts_table.sql.
--
-- The table is rpt_scope, stored narrow (on 10M complaints 3.3 GB as one
-- column per figure, 1 GB like this); the pages read it through the view
-- rpt_complaints (scope_view.sql), which names every column:
-- - the yes/no columns are packed into flags, two bits each (known, value),
--   by the FLAGS marker, which run.scope fills from scopeFlags;
-- - product is a number into rpt_products (scope_products.sql);
-- - period, month and topic's 'unclassified' are left to the view;
-- - a legal-threat complaint's outcome is read by rpt_legal.sql.
-- $1 cutoff (exclusive TIMESTAMP: the day after the report date)
-- $2 acknowledgement target in business seconds (working days: Monday to
--    Friday, except $4)
-- $3 resolution target in calendar seconds
-- $4 holidays (DATE[]): non-working days besides Saturday and Sunday
-- $5, $6 the ageing buckets' bounds: 3 business days in business seconds,
--    8 weeks in calendar seconds (the metric definitions' buckets, as the
--    metrics stage ages its backlog, whatever the targets)
-- $7 whether times are in business hours (compute.sql's $business): the
--    business seconds between two instants are the difference of their
--    w_ values, else calendar hours
--
-- The targets are judged as the metrics stage judges them (compute.sql),
-- so that a rate on a page and in `complaints metrics` is the same
-- figure: the acknowledgement (the first of the response and the
-- resolution, a reopened complaint's earlier resolution too) within $2
-- business seconds of the receipt, the resolution within $3 seconds; a
-- time before the receipt is no time; a complaint resolved with no usable
-- time cannot be judged; one still waiting is judged once its target has
-- passed; none of a source that records no resolution times is judged
-- for resolution or the SLA, open or closed (tracked). A complaint whose
-- status says open is open whatever its resolved_at (reopened since: rz),
-- and one reopened is counted so at the report date only when its latest
-- resolution is before it (compute.sql). A complaint with no status recorded (a
-- register with no status column, a blank status cell) is open when it
-- has no resolution time and its source records resolution times
-- (compute.sql's status), closed or open by its resolution time when it
-- has one, and neither when its source records no resolution times (a
-- tweet).
CREATE OR REPLACE TEMP TABLE rpt_scope AS
-- Each complaint's current classification. Both sides of the join below
-- carry yes/no values rather than the strings they are made from: the hash
-- table of 10M complaints' rows spilled under the 2GB limit.
WITH cls AS (
    SELECT source, complaint_id, topic, topic_owner, default_owner, routing_unknown, sentiment, negative, legal_threat, urgent, cls_row, redacted,
           not_english, language_undetermined, screened
    FROM (
        -- The department classify routed the topic to: the topic's own
        -- (topic_owner), or the taxonomy's default because the topic names
        -- none (default_owner: topic other, a trained model's label the
        -- taxonomy does not name), or one of the two, not known which
        -- (routing_unknown: its taxonomy is not kept); rpt_topic_routing
        -- (models.go) lists the last two, and is small.
        SELECT k.source, k.complaint_id, k.topic,
               nullif(k.department, '') IS NOT NULL AND coalesce(d.how, '') <> 'default' AS topic_owner,
               coalesce(d.how = 'default', false) AS default_owner,
               coalesce(d.how = 'unknown', false) AS routing_unknown,
               k.sentiment, k.sentiment_label = 'negative' AS negative, k.legal_threat, k.urgent,
               k.classified_at, k.model, k.rowid AS cls_row, k.language IS NOT NULL AS redacted,
               -- a narrative the classifiers do not read (topic other, no
               -- sentiment, no flag): in a language they name other than
               -- English, or in none they could determine ('und': no words,
               -- such as punctuation or emoji only, or a script the
               -- detector does not name), which is not called another
               -- language (a QA pass: "!!!" was counted as written in one)
               k.language NOT IN ('en', 'und') AS not_english,
               k.language = 'und' AS language_undetermined,
               -- Screened for the flags (churn intent, legal threat,
               -- urgency): classify read the narrative, which it does in
               -- English only. It writes the flags false for the rest (text
               -- in another language, of no words, no narrative at all),
               -- which is not "no threat" but not known: the scope makes
               -- them NULL below, so that no page counts such a complaint
               -- as not flagged (a QA pass: a Portuguese export's 509 of
               -- 510 read as "0 threatening legal action"). A flag raised
               -- was read, whatever the language recorded.
               k.language = 'en' OR k.legal_threat OR k.urgent OR k.churn_intent AS screened
        FROM classifications k
        LEFT JOIN rpt_topic_routing d ON d.model = k.model AND d.topic = k.topic AND d.department = k.department
    )
    -- Classify keeps one row per complaint; the marker below is empty, or (when
    -- a complaint has several rows after all) a filter keeping its latest:
    -- see run.scope.
    {{LATEST}}
),
-- A source that records no response or resolution timestamp at all (the
-- CFPB export, for one) cannot be judged against the acknowledgement
-- target, and one that records no resolution timestamp (a support thread's
-- replies give first responses only, an export of open tickets) not
-- against the resolution target: as in the metrics stage (compute.sql's
-- src), its complaints are left out of those rates, open or closed. A
-- closed one could only miss the target, and judging the open ones past it
-- alone, each a miss, read 0% by construction (a regression QA pass,
-- 2026-12-07); the audit says how many are still open past it
-- (open_past_res). Read twice (the status of a complaint with none
-- recorded, below), so made once.
tracked AS MATERIALIZED (
    SELECT source,
           bool_or(first_response_at IS NOT NULL OR resolved_at IS NOT NULL) AS tracks_ack,
           bool_or(resolved_at IS NOT NULL) AS tracks_res,
           bool_or(resolved_at IS NOT NULL OR status IS NOT NULL) AS tracks_state
    FROM complaints
    GROUP BY source
),
-- The ingest runs not yet exported at the cutoff (metrics/sql/exports.sql):
-- a closure they recorded without a time is not known at the report date
-- (compute.sql's late).
{{EXPORTS}},
late AS (
    SELECT ingest_run_id FROM exports WHERE exported >= $1
),
-- Working-day calendar (metrics/sql/calendar.sql): bounds, cal.
{{CALENDAR}},
base AS (
    SELECT
        c.source, c.complaint_id, c.received_at, c.customer_id, c.pid,
        c.has_type, c.has_resolution, c.own_department, c.own_assignee,
        c.timely, c.disputed, c.reopened_count, tr.tracks_ack, tr.tracks_res,
        cl.topic, cl.topic_owner, cl.default_owner, cl.routing_unknown, cl.sentiment, cl.negative,
        cl.legal_threat, cl.urgent, cl.cls_row, cl.redacted, cl.not_english, cl.language_undetermined, cl.screened,
        CASE WHEN cl.cls_row IS NOT NULL THEN cl.redacted END AS has_details,
        c.ack_at, c.res_at, c.responded, c.time_before_receipt,
        -- judged for the share resolved by the report date as the metrics
        -- judge the resolution rate (compute.sql's judged): of a source
        -- that records a state, and neither closed without a time in a run
        -- not yet exported nor, of a source with no resolution times, of
        -- such a run at all
        tr.tracks_state AND NOT (c.run_late AND (c.rz IS NULL AND lower(c.status) = 'closed' OR NOT tr.tracks_res)) AS res_judged,
        -- resolved by the report date; closed without a time counts,
        -- unless recorded by an export after the report date: whether it
        -- was open then is not known (null; compute.sql's closed_unknown)
        CASE WHEN c.rz IS NOT NULL THEN c.rz < $1
             WHEN c.run_late AND lower(c.status) = 'closed' THEN NULL
             ELSE lower(c.status) = 'closed' END AS resolved,
        -- any case of "closed", as the metrics read it (compute.sql)
        c.rz IS NULL AND lower(c.status) = 'closed' AND NOT c.run_late AS closed_undated,
        coalesce(c.rz IS NULL AND lower(c.status) = 'closed' AND c.run_late, false) AS closed_later,
        epoch(c.received_at) AS e_rec,
        cr.before * 86400 + CASE WHEN cr.work THEN epoch(c.received_at) - epoch(cr.day::TIMESTAMP) ELSE 0 END AS w_rec,
        -- acknowledged by the first of the response and the resolution (as
        -- metrics counts it)
        ca.before * 86400 + CASE WHEN ca.work THEN epoch(c.ack_at) - epoch(ca.day::TIMESTAMP) ELSE 0 END AS w_ack,
        cz.before * 86400 + CASE WHEN cz.work THEN epoch(c.res_at) - epoch(cz.day::TIMESTAMP) ELSE 0 END AS w_res,
        (SELECT before * 86400 FROM cal WHERE day = $1::DATE) AS w_cut
    FROM (
        SELECT x.source, x.complaint_id, x.received_at, nullif(x.customer_id, '') AS customer_id, p.pid,
               -- Ingest trims values and stores empty ones as NULL; '' is
               -- checked too, whitespace-only values are not (trimming
               -- every narrative of a large warehouse costs more than it finds).
               coalesce(nullif(x.product, ''), nullif(x.issue, '')) IS NOT NULL AS has_type,
               nullif(x.resolution, '') IS NOT NULL AS has_resolution,
               nullif(x.department, '') IS NOT NULL AS own_department,
               nullif(x.assignee, '') IS NOT NULL AS own_assignee,
               x.status, x.timely, x.disputed, x.rz,
               coalesce(x.ingest_run_id IN (SELECT ingest_run_id FROM late), false) AS run_late,
               CASE WHEN x.reopened_count > 0 AND x.resolved_at >= $1 THEN NULL ELSE x.reopened_count END AS reopened_count,
               -- a time before the receipt is no time (compute.sql); the
               -- resolution recorded acknowledges, a reopened complaint's
               -- earlier one too
               least(CASE WHEN x.first_response_at < $1 AND x.first_response_at >= x.received_at THEN x.first_response_at END,
                     CASE WHEN x.resolved_at < $1 AND x.resolved_at >= x.received_at THEN x.resolved_at END) AS ack_at,
               coalesce(x.first_response_at < $1 AND x.first_response_at >= x.received_at, false) AS responded,
               -- a response or resolution recorded before the receipt
               -- (bad data: the time is not used, above), which the audit
               -- lists
               coalesce(x.first_response_at < x.received_at OR x.resolved_at < x.received_at, false) AS time_before_receipt,
               CASE WHEN x.rz < $1 AND x.rz >= x.received_at THEN x.rz END AS res_at
        -- status: with none recorded, open when the source records
        -- resolution times and the complaint has none (compute.sql's)
        FROM (SELECT * REPLACE (CASE WHEN status IS NULL AND resolved_at IS NULL
                                          AND source IN (SELECT source FROM tracked WHERE tracks_res) THEN 'open'
                                     ELSE status END AS status),
                     CASE WHEN lower(status) <> 'closed' THEN NULL ELSE resolved_at END AS rz
              FROM complaints) x
        -- as metrics and trend name a missing product
        JOIN rpt_products p ON p.product = coalesce(nullif(x.product, ''), 'unknown')
        WHERE x.received_at < $1
    ) c
    LEFT JOIN cls cl ON cl.source = c.source AND cl.complaint_id = c.complaint_id
    JOIN tracked tr ON tr.source = c.source
    LEFT JOIN cal cr ON cr.day = c.received_at::DATE
    LEFT JOIN cal ca ON ca.day = c.ack_at::DATE
    LEFT JOIN cal cz ON cz.day = c.res_at::DATE
),
derived AS (
    SELECT
        *,
        -- within target: true or false, or null while pending or
        -- unknowable (compute.sql's ack_ok and res_ok)
        CASE WHEN NOT tracks_ack THEN NULL
             WHEN w_ack IS NOT NULL THEN w_ack - w_rec <= $2
             WHEN resolved OR closed_later THEN NULL
             WHEN w_cut - w_rec > $2 THEN false END AS ack_ok,
        -- one closed without a usable time, or not known open (resolved
        -- null), cannot be judged, nor any of a source that records no
        -- resolution times
        CASE WHEN NOT tracks_res THEN NULL
             WHEN res_at IS NOT NULL THEN epoch(res_at) - e_rec <= $3
             WHEN resolved IS NOT FALSE OR closed_later THEN NULL
             WHEN epoch($1) - e_rec > $3 THEN false END AS res_ok,
        resolved AS closed -- resolved by the report date, or closed with no time
    FROM base
),
wide AS (
SELECT
    source, complaint_id, received_at, pid, customer_id,
    topic,
    topic IS NOT NULL AS classified,
    sentiment, negative,
    -- the flags are known of a complaint screened (cls above), unknown
    -- (NULL) of the rest, unclassified ones too
    coalesce(screened, false) AS screened,
    CASE WHEN screened THEN coalesce(legal_threat, false) END AS legal_threat,
    CASE WHEN screened THEN coalesce(urgent, false) END AS urgent,
    -- The classification row (its rowid) and whether it has redacted
    -- text: the defects examples read the text of a few rows by rowid.
    cls_row, coalesce(redacted, false) AS redacted,
    coalesce(not_english, false) AS not_english,
    coalesce(language_undetermined, false) AS language_undetermined,
    timely, disputed,
    reopened_count > 0 AS reopened,
    closed, closed_undated, closed_later, res_judged, time_before_receipt,
    CASE WHEN NOT responded THEN NULL WHEN $7 THEN (w_ack - w_rec) / 3600.0
         ELSE date_diff('second', received_at, ack_at) / 3600.0 END AS ack_hours,
    CASE WHEN $7 THEN (w_res - w_rec) / 3600.0 ELSE date_diff('second', received_at, res_at) / 3600.0 END AS res_hours,
    -- judged for acknowledgement, for resolution and the SLA (compute.sql's
    -- has_ack, has_res): by what the source records, never by the outcome
    tracks_ack, tracks_res,
    ack_ok IS NOT NULL AS ack_eligible,
    ack_ok AS ack_met,
    res_ok IS NOT NULL AS res_eligible,
    res_ok AS res_met,
    NOT closed AS is_open,
    -- open at the report date and past the resolution target: missed,
    -- whatever its resolution, where its source records no resolution
    -- times and so it is not judged (the audit lists those)
    coalesce(NOT closed AND epoch($1) - e_rec > $3, false) AS open_past_res,
    -- Aged only when known open: closed is NULL for a complaint with
    -- neither a resolution date nor a status (a tweet), which is_open,
    -- the backlog and the metrics' backlog leave out too, and for one
    -- closed_later. Young while its
    -- business age is within 3 business days ($5), then mid while its
    -- calendar age is within 8 weeks ($6) (compute.sql).
    CASE WHEN closed IS NOT FALSE THEN NULL
         WHEN w_cut - w_rec <= $5 THEN 1
         WHEN epoch($1) - e_rec <= $6 THEN 2
         ELSE 3 END::UTINYINT AS age_bucket,
    has_type,
    customer_id IS NOT NULL AS has_customer,
    received_at IS NOT NULL AS has_date,
    has_details,
    has_resolution,
    own_department OR coalesce(topic_owner, false) AS has_owner,
    own_department, own_assignee,
    -- no department of its own: the taxonomy's default, or its topic's
    -- own or the default, not known which (counted with has_owner)
    NOT own_department AND coalesce(default_owner, false) AS default_owner,
    NOT own_department AND coalesce(routing_unknown, false) AS routing_unknown
FROM derived
)
-- more_flags: yes/no columns never unknown, one bit each, in one byte (a
-- column of its own costs every complaint's row): 1, the source's own
-- assignee; 2, its own department (scope_view.sql names them has_assignee
-- and has_department; the audit's completeness shows them beside the owner
-- department, which topic routing fills in); 4, open_past_res; 8,
-- default_owner; 16, routing_unknown.
SELECT source, complaint_id, received_at, pid, customer_id, topic, sentiment, cls_row,
       ack_hours, res_hours, age_bucket, {{FLAGS}} AS flags,
       (own_assignee::UTINYINT | (own_department::UTINYINT << 1) | (open_past_res::UTINYINT << 2)
        | (default_owner::UTINYINT << 3) | (routing_unknown::UTINYINT << 4))::UTINYINT AS more_flags
FROM wide
