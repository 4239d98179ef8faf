-- Complaints classified, and of them those classified from their text,
-- per period and source, received in [?, ?): classify sets
-- classifications.language only when it read a narrative (a complaint
-- without one gets the topic of its product and issue, language NULL).
-- Complaints not classified yet are in neither count. The source lets
-- the detector leave out a source too young to judge, as its tests do.
SELECT date_trunc(?, c.received_at) AS period_start,
       c.source AS src,
       count(*) AS classified,
       count(k.language) AS from_text
FROM complaints c
JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY ALL
