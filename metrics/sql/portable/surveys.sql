-- surveys.sql: the weekly survey figures of `complaints metrics
-- --by all,product,channel` (metrics/sql/compute.sql) in plain SQL that
-- Spark SQL 3.4+, Trino and DuckDB all run over the Parquet files of
-- `complaints export --format parquet --out DIR`.
--
-- Columns: period_start (the ISO week's Monday of responded_at),
-- dimension ('all', 'product', 'channel'), group_name (the JSON's
-- "group"), csat (share of answers 4-5 of those 1-5), csat_n, nps
-- (% promoters 9-10 less % detractors 0-6, -100..100), nps_n; as
-- `metrics --format json` names and defines them (DESIGN.md, Metric
-- definitions). The intervals (csat_ci_*, nps_ci_*) follow from these
-- with the formulas there, which need sqrt (every engine has it, under
-- the same name) and the normal quantile: left to the reader.
--
-- Tables, as views (or catalog tables) over the export (see
-- complaints.sql for how): complaints (DIR/complaints/), surveys
-- (DIR/surveys.parquet). In Spark set spark.sql.session.timeZone to UTC.
--
-- A response is in the group of the complaint it is about, as in
-- compute.sql: the complaint it names (complaint_id; of several sources
-- with that ID, the first source's), else its customer's latest complaint
-- received at or before the response and at most 30 days before it; the
-- group is "unlinked" when there is none, or when the complaint is
-- received after the report date. Where compute.sql's ASOF JOIN takes any
-- one of a customer's complaints received at the same instant, this file
-- takes the first by source and complaint ID: only then can a response's
-- product or channel differ. Holidays and targets do not enter these
-- figures; nothing else of compute.sql's definition is left out.
--
-- Only what the three engines share: SELECT, WITH, JOIN, UNION ALL,
-- GROUP BY, CASE, COUNT/SUM/MIN, ROW_NUMBER() OVER, CAST, COALESCE,
-- date_trunc('week', ...) (Monday in all three), DATE literals and
-- INTERVAL '30' DAY. Shares cast to DOUBLE (Trino divides integers
-- without a fraction).
WITH
params AS (
    SELECT DATE '2020-03-19' AS as_of -- the report date (inclusive): edit it here
),
-- The responses by the report date.
sv AS (
    SELECT s.source, s.response_id, s.customer_id, s.complaint_id, s.responded_at, s.csat, s.nps
    FROM surveys s
    CROSS JOIN params p
    WHERE CAST(s.responded_at AS DATE) <= p.as_of
),
-- The complaints received by the report date, with their groups.
cb AS (
    SELECT c.source, c.complaint_id, c.customer_id, c.received_at,
           COALESCE(c.product, 'unknown') AS product, COALESCE(c.channel, 'unknown') AS channel
    FROM complaints c
    CROSS JOIN params p
    WHERE CAST(c.received_at AS DATE) <= p.as_of
),
-- The complaint IDs the responses name (received at any time), each
-- with the first source that has it.
named AS (
    SELECT complaint_id, MIN(source) AS source
    FROM complaints
    WHERE complaint_id IN (SELECT complaint_id FROM sv)
    GROUP BY complaint_id
),
-- A response naming no complaint: its customer's complaints received at
-- or before it, latest first.
latest AS (
    SELECT s.source AS s_source, s.response_id, s.responded_at, c.source, c.complaint_id, c.received_at,
           ROW_NUMBER() OVER (PARTITION BY s.source, s.response_id
                              ORDER BY c.received_at DESC, c.source, c.complaint_id) AS n
    FROM sv s
    LEFT JOIN named m ON m.complaint_id = s.complaint_id
    JOIN cb c ON c.customer_id = s.customer_id AND c.received_at <= s.responded_at
    WHERE m.complaint_id IS NULL
),
-- Each response's complaint: the one named, else the latest within 30 days.
link AS (
    SELECT s.source AS s_source, s.response_id, m.source, m.complaint_id
    FROM sv s
    JOIN named m ON m.complaint_id = s.complaint_id
    UNION ALL
    SELECT s_source, response_id, source, complaint_id
    FROM latest
    WHERE n = 1 AND received_at >= responded_at - INTERVAL '30' DAY
),
facts AS (
    SELECT CAST(date_trunc('week', s.responded_at) AS DATE) AS period_start,
           COALESCE(c.product, 'unlinked') AS product, COALESCE(c.channel, 'unlinked') AS channel,
           s.csat, s.nps
    FROM sv s
    LEFT JOIN link l ON l.s_source = s.source AND l.response_id = s.response_id
    LEFT JOIN cb c ON c.source = l.source AND c.complaint_id = l.complaint_id
),
-- Each response once in each dimension's group.
dims AS (
    SELECT 'all' AS dimension, 'all' AS group_name, facts.* FROM facts
    UNION ALL SELECT 'product', product, facts.* FROM facts
    UNION ALL SELECT 'channel', channel, facts.* FROM facts
)
SELECT period_start, dimension, group_name,
       CASE WHEN COUNT(csat) > 0
            THEN CAST(SUM(CASE WHEN csat >= 4 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(csat) END AS csat,
       COUNT(csat) AS csat_n,
       CASE WHEN COUNT(nps) > 0
            THEN 100 * CAST(SUM(CASE WHEN nps >= 9 THEN 1 WHEN nps <= 6 THEN -1 ELSE 0 END) AS DOUBLE) / COUNT(nps) END AS nps,
       COUNT(nps) AS nps_n
FROM dims
GROUP BY period_start, dimension, group_name
-- a group whose responses answered neither question has no figure
HAVING COUNT(csat) > 0 OR COUNT(nps) > 0
ORDER BY dimension, period_start, group_name
