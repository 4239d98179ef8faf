-- Uniform-dates copy: every complaint gets a received_at drawn uniformly
-- (by a hash of its ID) over the span of the data. Nothing changes over time.
UPDATE complaints SET received_at = s.lo + to_microseconds(CAST(hash(complaint_id || ?) % CAST(s.span AS UBIGINT) AS BIGINT))
FROM (SELECT min(received_at) AS lo, epoch_us(max(received_at)) - epoch_us(min(received_at)) AS span FROM complaints) s
