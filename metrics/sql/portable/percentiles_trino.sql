-- percentiles_trino.sql: the weekly medians and 90th percentiles of the
-- first response and resolution times of `complaints metrics
-- --by all,product,channel` (metrics/sql/compute.sql), for Trino, over the
-- Parquet files of `complaints export --format parquet --out DIR`. The
-- engines share no percentile function: Trino has no percentile_cont, and
-- this file's approx_percentile(x, p) is approximate (a t-digest: close to,
-- not equal to, the exact interpolated percentile of metrics and of
-- percentiles_duckdb_spark.sql, which is this query with percentile_cont).
-- Everything else is plain SQL the three share (see complaints.sql).
--
-- Columns: period_start (the ISO week's Monday of received_at),
-- dimension ('all', 'product', 'channel'), group_name (the JSON's
-- "group"), median_first_response_hours, p90_first_response_hours,
-- median_resolution_hours, p90_resolution_hours: calendar hours, as
-- `metrics --format json` defines them.
--
-- Tables: complaints (a Hive table over DIR/complaints/).
--
-- The definitions are compute.sql's: the first response time runs from
-- the receipt to the acknowledgement (the first of the response and the
-- resolution) of a complaint with a response by the report date; the
-- resolution time to the resolution by the report date, not counting a
-- resolution time of a complaint whose status is not closed (reopened
-- since). Left out: business hours (`metrics --business-hours`), and
-- fractions of a second (Trino's EXTRACT(SECOND) drops them).
WITH
params AS (
    SELECT DATE '2020-03-19' AS as_of -- the report date (inclusive): edit it here
),
-- fr, ra, rz: the response, the resolution and the resolution of a
-- complaint not reopened, each by the report date and not before the
-- receipt.
c1 AS (
    SELECT c.source, c.complaint_id, c.received_at,
           COALESCE(c.product, 'unknown') AS product, COALESCE(c.channel, 'unknown') AS channel,
           CASE WHEN CAST(c.first_response_at AS DATE) <= p.as_of AND c.first_response_at >= c.received_at THEN c.first_response_at END AS fr,
           CASE WHEN CAST(c.resolved_at AS DATE) <= p.as_of AND c.resolved_at >= c.received_at THEN c.resolved_at END AS ra,
           CASE WHEN LOWER(c.status) <> 'closed' THEN NULL
                WHEN CAST(c.resolved_at AS DATE) <= p.as_of AND c.resolved_at >= c.received_at THEN c.resolved_at END AS rz
    FROM complaints c
    CROSS JOIN params p
    WHERE CAST(c.received_at AS DATE) <= p.as_of
),
-- The times as numbers (epoch() is DuckDB's alone), as complaints.sql
-- counts them: one row per (complaint, kind) ...
stamps AS (
    SELECT source, complaint_id, 'rec' AS kind, received_at AS t FROM c1
    UNION ALL SELECT source, complaint_id, 'ack', CASE WHEN ra IS NULL OR fr <= ra THEN fr ELSE ra END FROM c1 WHERE fr IS NOT NULL
    UNION ALL SELECT source, complaint_id, 'res', rz FROM c1 WHERE rz IS NOT NULL
),
-- ... in seconds since 1970-01-01 (the days: 365 a year and the leap days
-- before the year) ...
secs AS (
    SELECT source, complaint_id, kind,
           (365 * (y - 1970) + FLOOR((y - 1969) / 4) - FLOOR((y - 1901) / 100) + FLOOR((y - 1601) / 400) + doy - 1) * 86400 + sec AS e
    FROM (SELECT source, complaint_id, kind, EXTRACT(YEAR FROM t) AS y, EXTRACT(DOY FROM t) AS doy,
                 EXTRACT(HOUR FROM t) * 3600 + EXTRACT(MINUTE FROM t) * 60 + EXTRACT(SECOND FROM t) AS sec
          FROM stamps) s
),
-- ... and the hours, one row per complaint.
hours AS (
    SELECT source, complaint_id,
           CAST(MAX(CASE WHEN kind = 'ack' THEN e END) - MAX(CASE WHEN kind = 'rec' THEN e END) AS DOUBLE) / 3600 AS first_response_h,
           CAST(MAX(CASE WHEN kind = 'res' THEN e END) - MAX(CASE WHEN kind = 'rec' THEN e END) AS DOUBLE) / 3600 AS resolution_h
    FROM secs
    GROUP BY source, complaint_id
),
facts AS (
    SELECT CAST(date_trunc('week', c.received_at) AS DATE) AS period_start, c.product, c.channel,
           h.first_response_h, h.resolution_h
    FROM c1 c
    JOIN hours h ON h.source = c.source AND h.complaint_id = c.complaint_id
),
-- Each complaint once in each dimension's group.
dims AS (
    SELECT 'all' AS dimension, 'all' AS group_name, facts.* FROM facts
    UNION ALL SELECT 'product', product, facts.* FROM facts
    UNION ALL SELECT 'channel', channel, facts.* FROM facts
)
SELECT period_start, dimension, group_name,
       approx_percentile(first_response_h, 0.5) AS median_first_response_hours,
       approx_percentile(first_response_h, 0.9) AS p90_first_response_hours,
       approx_percentile(resolution_h, 0.5) AS median_resolution_hours,
       approx_percentile(resolution_h, 0.9) AS p90_resolution_hours
FROM dims
GROUP BY period_start, dimension, group_name
ORDER BY dimension, period_start, group_name
