-- drivers.sql (after "WITH " + link.sql): responses counted by the topic of
-- their linked complaint (null: unlinked or unclassified) and score, for the
-- regression and the leave-one-topic-out comparison in drivers.go.
SELECT k.topic, l.csat, l.nps, count(*) AS n
FROM linked l
LEFT JOIN classifications k ON k.source = l.c_source AND k.complaint_id = l.c_id
WHERE l.csat IS NOT NULL OR l.nps IS NOT NULL
GROUP BY ALL
ORDER BY ALL
