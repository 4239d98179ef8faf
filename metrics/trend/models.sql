-- Classified complaints per period and classify model (classifications.model),
-- received in [?, ?), with the first and last received: the topic tests
-- of a period are left out when the periods they compare hold two topic
-- vocabularies (models.go).
SELECT date_trunc(?, c.received_at) AS period_start,
       k.model,
       count(*) AS n,
       min(c.received_at) AS first_received,
       max(c.received_at) AS last_received
FROM complaints c
JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY ALL
