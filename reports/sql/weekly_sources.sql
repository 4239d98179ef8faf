-- The sources of the complaints received from $1 to before $2, with what
-- each records in them: the weekly page gives response and resolution
-- times by source when more than one has some (weekly.go's
-- timesSections), and says which figure is of which sources, and why the
-- others are left out (tracks_ack, tracks_res: scope.sql's tracked).
SELECT
    source,
    count(ack_hours) > 0 AS has_ack,
    count(res_hours) > 0 AS has_res,
    count(*) FILTER (WHERE res_judged) > 0 AS has_resolved,
    count(*) FILTER (WHERE tracks_res AND (ack_met AND res_met OR ack_met IS FALSE OR res_met IS FALSE)) > 0 AS has_sla,
    count(timely) > 0 AS has_timely,
    bool_or(tracks_ack) AS tracks_ack,
    bool_or(tracks_res) AS tracks_res
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
GROUP BY source
ORDER BY source
