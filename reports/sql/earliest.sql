-- The earliest day anything in scope was received or surveyed, the
-- survey responses in scope, and the latest day. The pages' period windows start no earlier
-- than the earliest day's period, so weeks before the first data loaded
-- are not shown as weeks of no complaints; with no survey response the
-- executive page says so once rather than in every survey section.
-- $1 cutoff (exclusive)
SELECT least(
           (SELECT min(received_at) FROM complaints WHERE received_at < $1),
           (SELECT min(responded_at) FROM surveys WHERE responded_at < $1)),
       (SELECT count(*) FROM surveys WHERE responded_at < $1),
       -- the latest, for the pages' notice when the latest periods hold
       -- no data (an export not loaded; a report date past the data)
       greatest(
           (SELECT max(received_at) FROM complaints WHERE received_at < $1),
           (SELECT max(responded_at) FROM surveys WHERE responded_at < $1))
