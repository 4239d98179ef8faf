-- The earliest day anything in scope was received or surveyed: the pages'
-- period windows start no earlier than its period, so weeks before the
-- first data loaded are not shown as weeks of no complaints.
-- $1 cutoff (exclusive)
SELECT least(
    (SELECT min(received_at) FROM complaints WHERE received_at < $1),
    (SELECT min(responded_at) FROM surveys WHERE responded_at < $1)
)
