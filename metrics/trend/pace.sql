-- The pace at which a period's complaints arrive: per group of one
-- dimension and source, the complaints received in [?, ?) (whole periods,
-- the baseline of a partial one), and those of them received within the
-- first ? microseconds of their period (as far into it as the partial
-- period has run). The period is date_trunc's, as in series.sql.
-- {{GROUP}} and {{JOIN}} are replaced from the allow-list in dims.go,
-- never by data.
SELECT {{GROUP}} AS grp,
       c.source AS src,
       count(*) FILTER (WHERE epoch_us(c.received_at) - epoch_us(date_trunc(?, c.received_at)) < ?) AS early,
       count(*) AS n
FROM complaints c
{{JOIN}}
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY ALL
ORDER BY grp, src
