-- The latest day anything was received or surveyed: the default report
-- date. Resolution and response dates are left out on purpose: a mistyped
-- future date there must not move the report date.
SELECT greatest(
    (SELECT max(received_at) FROM complaints),
    (SELECT max(responded_at) FROM surveys)
)
