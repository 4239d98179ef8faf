-- Complaints per period, group of one dimension and source, received in
-- [?, ?). The source lets the detector leave out a source too young to
-- have a baseline (see youngSources). {{GROUP}} and {{JOIN}} are replaced
-- from the allow-list in dims.go, never by data.
SELECT date_trunc(?, c.received_at) AS period_start,
       {{GROUP}} AS grp,
       c.source AS src,
       count(*) AS n
FROM complaints c
{{JOIN}}
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY ALL
