-- complaints.sql: the weekly complaint figures of `complaints metrics
-- --by all,product,channel` (metrics/sql/compute.sql) in plain SQL that
-- Spark SQL 3.4+, Trino and DuckDB all run over the Parquet files of
-- `complaints export --format parquet --out DIR`.
--
-- Columns: period_start (the ISO week's Monday), dimension ('all',
-- 'product', 'channel'), group_name (the JSON's "group": a reserved word
-- the engines quote differently), complaints, resolved, resolution_rate,
-- sla_met_rate, sla_n, negative_share; as `metrics --format json` names
-- and defines them (DESIGN.md, Metric definitions). Another dimension is
-- one more UNION ALL branch in dims below.
--
-- Tables, as views (or catalog tables) over the export:
--   complaints       DIR/complaints/month=YYYY-MM/*.parquet (the month
--                    column the partitions add is not read)
--   classifications  DIR/classifications.parquet
-- for example in DuckDB
--   CREATE VIEW complaints AS SELECT * FROM read_parquet('DIR/complaints/*/*.parquet', hive_partitioning = true);
-- in Spark
--   spark.read.parquet("DIR/complaints").createOrReplaceTempView("complaints")
-- and in Trino a Hive table over DIR/complaints/. The times are stored
-- without a time zone: in Spark set spark.sql.session.timeZone to UTC.
--
-- Only what the three engines share: SELECT, WITH, JOIN, UNION ALL,
-- GROUP BY, CASE, COUNT/SUM/MAX, CAST, COALESCE, LOWER, FLOOR,
-- EXTRACT(YEAR | DOY | HOUR | MINUTE | SECOND), date_trunc('week', ...)
-- (Monday in all three), DATE literals. Integer division differs (Trino
-- truncates, the others give a fraction), so every share casts to DOUBLE,
-- and FLOOR(a / b) is taken of non-negative numbers only. Times as
-- numbers (epoch() is DuckDB's alone) are counted from the date parts:
-- days since 1970-01-01 and seconds since midnight (correct for dates
-- from 1970 on).
--
-- The same definitions as compute.sql, refinements included:
-- - status as the metrics read it: none recorded and no resolution time,
--   of a source that records resolution times, is open;
-- - a resolution time of a complaint whose status is not closed was
--   reopened since and does not count;
-- - a closure without a time (the CFPB export) is known only as of its
--   ingest run's export date (metrics/sql/exports.sql: the latest time
--   any complaint of the run carries); before it the complaint is in
--   neither resolved nor the rate's denominator;
-- - the cohort judged for resolution: sources that record a status or a
--   resolution time, less closures not yet known, less (of a source with
--   no resolution times) a run not yet exported;
-- - SLA: acknowledged (first of response and resolution) within 3
--   business days (Monday to Friday) and resolved within 8 weeks; open
--   past a target is missed; judged only for sources that record
--   resolution times.
-- What it leaves out: holidays (`metrics --holidays`: with them the
-- acknowledgement clock here runs on days metrics skips, so SLA can read
-- lower) and other targets than the defaults (edit 259200, three days
-- of business seconds, and 4838400, eight weeks of seconds, below).
-- Times are counted in whole seconds in DuckDB and Trino (EXTRACT(SECOND)
-- drops the fraction; Spark keeps it, as metrics does): a complaint
-- acknowledged within a second of its target can be judged otherwise.
WITH
params AS (
    SELECT DATE '2020-03-19' AS as_of -- the report date (inclusive): edit it here
),
-- What each source records (compute.sql's src), over all its complaints.
src AS (
    SELECT source,
           MAX(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) = 1 AS has_res,
           MAX(CASE WHEN first_response_at IS NOT NULL OR resolved_at IS NOT NULL THEN 1 ELSE 0 END) = 1 AS has_ack,
           MAX(CASE WHEN resolved_at IS NOT NULL OR status IS NOT NULL THEN 1 ELSE 0 END) = 1 AS has_state
    FROM complaints
    GROUP BY source
),
-- Each ingest run's export date (exports.sql): the latest of the times its
-- complaints carry.
exports AS (
    SELECT ingest_run_id, MAX(t) AS exported
    FROM (SELECT ingest_run_id, received_at AS t FROM complaints
          UNION ALL SELECT ingest_run_id, first_response_at FROM complaints
          UNION ALL SELECT ingest_run_id, resolved_at FROM complaints) r
    GROUP BY ingest_run_id
),
-- The complaints received by the report date, with the status as the
-- metrics read it.
c0 AS (
    SELECT c.source, c.complaint_id, c.received_at, c.first_response_at, c.resolved_at,
           COALESCE(c.product, 'unknown') AS product, COALESCE(c.channel, 'unknown') AS channel,
           CASE WHEN c.status IS NULL AND c.resolved_at IS NULL AND s.has_res THEN 'open' ELSE c.status END AS status,
           s.has_res, s.has_ack, s.has_state,
           COALESCE(CAST(x.exported AS DATE) > p.as_of, false) AS run_late,
           p.as_of
    FROM complaints c
    JOIN src s ON s.source = c.source
    LEFT JOIN exports x ON x.ingest_run_id = c.ingest_run_id
    CROSS JOIN params p
    WHERE CAST(c.received_at AS DATE) <= p.as_of
),
-- rz: the resolution time unless the status says open now (reopened);
-- fr, ra: the response and resolution times by the report date, not
-- before the receipt.
c1 AS (
    SELECT c0.*,
           CASE WHEN LOWER(status) <> 'closed' THEN NULL ELSE resolved_at END AS rz,
           CASE WHEN CAST(first_response_at AS DATE) <= as_of AND first_response_at >= received_at THEN first_response_at END AS fr,
           CASE WHEN CAST(resolved_at AS DATE) <= as_of AND resolved_at >= received_at THEN resolved_at END AS ra
    FROM c0
),
ck AS (
    SELECT c1.*,
           -- acknowledged by the first of the response and the resolution
           CASE WHEN fr IS NULL THEN ra WHEN ra IS NULL THEN fr WHEN fr <= ra THEN fr ELSE ra END AS ack_at,
           CASE WHEN CAST(rz AS DATE) <= as_of AND rz >= received_at THEN rz END AS res_at,
           -- resolved by the report date; closed without a time is unknown
           -- (null) while its run's export is after it
           CASE WHEN rz IS NOT NULL THEN CAST(rz AS DATE) <= as_of
                WHEN run_late AND LOWER(status) = 'closed' THEN NULL
                ELSE LOWER(status) = 'closed' END AS is_resolved,
           rz IS NULL AND LOWER(status) = 'closed' AS closed_untimed,
           COALESCE(rz IS NULL AND LOWER(status) = 'closed' AND run_late, false) AS closed_unknown
    FROM c1
),
-- Each time the SLA needs as numbers: one row per (complaint, kind) ...
stamps AS (
    SELECT source, complaint_id, 'rec' AS kind, received_at AS t FROM ck
    UNION ALL SELECT source, complaint_id, 'ack', ack_at FROM ck WHERE ack_at IS NOT NULL
    UNION ALL SELECT source, complaint_id, 'res', res_at FROM ck WHERE res_at IS NOT NULL
),
-- ... as days since 1970-01-01 (365 a year and the leap days before the
-- year) and seconds since midnight ...
parts AS (
    SELECT source, complaint_id, kind, sec,
           365 * (y - 1970) + FLOOR((y - 1969) / 4) - FLOOR((y - 1901) / 100) + FLOOR((y - 1601) / 400) + doy - 1 AS day_n
    FROM (SELECT source, complaint_id, kind, EXTRACT(YEAR FROM t) AS y, EXTRACT(DOY FROM t) AS doy,
                 EXTRACT(HOUR FROM t) * 3600 + EXTRACT(MINUTE FROM t) * 60 + EXTRACT(SECOND FROM t) AS sec
          FROM stamps) s
),
-- ... in seconds (e) and business seconds (w: the working days before the
-- day, 5 a week, then the seconds of the day when it is a working day;
-- wd is the weekday, Monday 0: 1970-01-01 was a Thursday) ...
secs AS (
    SELECT source, complaint_id, kind, day_n * 86400 + sec AS e,
           (5 * wk + CASE WHEN wd > 5 THEN 5 ELSE wd END) * 86400 + CASE WHEN wd < 5 THEN sec ELSE 0 END AS w
    FROM (SELECT parts.*, FLOOR((day_n + 3) / 7) AS wk, day_n + 3 - 7 * FLOOR((day_n + 3) / 7) AS wd FROM parts) x
),
-- ... and back to one row per complaint.
times AS (
    SELECT source, complaint_id,
           MAX(CASE WHEN kind = 'rec' THEN e END) AS e_rec,
           MAX(CASE WHEN kind = 'res' THEN e END) AS e_res,
           MAX(CASE WHEN kind = 'rec' THEN w END) AS w_rec,
           MAX(CASE WHEN kind = 'ack' THEN w END) AS w_ack
    FROM secs
    GROUP BY source, complaint_id
),
-- The report date's end, the next midnight, in the same units (its day
-- number is the report date's plus one: doy, not doy - 1).
cut AS (
    SELECT day_n * 86400 AS e_cut,
           (5 * FLOOR((day_n + 3) / 7) + CASE WHEN day_n + 3 - 7 * FLOOR((day_n + 3) / 7) > 5 THEN 5
                                              ELSE day_n + 3 - 7 * FLOOR((day_n + 3) / 7) END) * 86400 AS w_cut
    FROM (SELECT 365 * (y - 1970) + FLOOR((y - 1969) / 4) - FLOOR((y - 1901) / 100) + FLOOR((y - 1601) / 400) + doy AS day_n
          FROM (SELECT EXTRACT(YEAR FROM as_of) AS y, EXTRACT(DOY FROM as_of) AS doy FROM params) a) d
),
-- The SLA's two targets: true, false, or null while pending or not knowable.
targets AS (
    SELECT ck.*, t.e_res,
           CASE WHEN NOT has_ack THEN NULL
                WHEN t.w_ack IS NOT NULL THEN t.w_ack - t.w_rec <= 259200 -- 3 business days
                WHEN closed_untimed OR is_resolved THEN NULL
                WHEN u.w_cut - t.w_rec > 259200 THEN false END AS ack_ok,
           CASE WHEN t.e_res IS NOT NULL THEN t.e_res - t.e_rec <= 4838400 -- 8 weeks
                WHEN closed_untimed OR COALESCE(is_resolved, true) OR NOT has_res THEN NULL
                WHEN u.e_cut - t.e_rec > 4838400 THEN false END AS res_ok
    FROM ck
    JOIN times t ON t.source = ck.source AND t.complaint_id = ck.complaint_id
    CROSS JOIN cut u
),
-- One row per complaint with what the figures count.
facts AS (
    SELECT g.product, g.channel,
           CAST(date_trunc('week', g.received_at) AS DATE) AS period_start,
           g.is_resolved,
           g.has_state AND NOT g.closed_unknown AND NOT (g.run_late AND NOT g.has_res) AS judged,
           CASE WHEN NOT g.has_res THEN NULL
                WHEN g.ack_ok = false OR g.res_ok = false THEN false
                WHEN g.ack_ok AND g.res_ok THEN true END AS sla_met,
           k.sentiment_label = 'negative' AS negative -- null when not classified
    FROM targets g
    LEFT JOIN classifications k ON k.source = g.source AND k.complaint_id = g.complaint_id
),
-- Each complaint once in each dimension's group.
dims AS (
    SELECT 'all' AS dimension, 'all' AS group_name, facts.* FROM facts
    UNION ALL SELECT 'product', product, facts.* FROM facts
    UNION ALL SELECT 'channel', channel, facts.* FROM facts
)
SELECT period_start, dimension, group_name,
       COUNT(*) AS complaints,
       -- null when none of the group's complaints is judged
       CASE WHEN SUM(CASE WHEN judged THEN 1 ELSE 0 END) > 0
            THEN SUM(CASE WHEN is_resolved THEN 1 ELSE 0 END) END AS resolved,
       CASE WHEN SUM(CASE WHEN judged THEN 1 ELSE 0 END) > 0
            THEN CAST(SUM(CASE WHEN is_resolved THEN 1 ELSE 0 END) AS DOUBLE) / SUM(CASE WHEN judged THEN 1 ELSE 0 END) END AS resolution_rate,
       CASE WHEN COUNT(sla_met) > 0
            THEN CAST(SUM(CASE WHEN sla_met THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(sla_met) END AS sla_met_rate,
       COUNT(sla_met) AS sla_n,
       CASE WHEN COUNT(negative) > 0
            THEN CAST(SUM(CASE WHEN negative THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(negative) END AS negative_share
FROM dims
GROUP BY period_start, dimension, group_name
ORDER BY dimension, period_start, group_name
