-- calendar.sql: the working-day calendar that business times are judged
-- by, two CTEs (bounds, cal) that compute.sql and the reports' scope.sql
-- (reports/sql) take in at their calendar marker (metrics.CalendarSQL), so
-- that a figure in the reports and in the metrics is counted on the same
-- days. Parameters (named here, renamed
-- by CalendarSQL for a statement with positional ones):
--   $cutoff       TIMESTAMP  exclusive end of the as-of date
--   $holidays     DATE[]     non-working days besides Saturday and Sunday
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
)
