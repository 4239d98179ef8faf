-- Shuffled-dates copy: every complaint takes the received_at of another,
-- chosen by a hash of its ID (a fixed permutation). Period volumes stay as
-- they were; which group a period's complaints belong to becomes random.
UPDATE complaints SET received_at = p.r
FROM (
    SELECT a.complaint_id, b.r
    FROM (SELECT complaint_id, row_number() OVER (ORDER BY received_at, complaint_id) AS i FROM complaints) a
    JOIN (SELECT received_at AS r, row_number() OVER (ORDER BY hash(complaint_id || ?), complaint_id) AS i FROM complaints) b
    USING (i)
) p
WHERE complaints.complaint_id = p.complaint_id
