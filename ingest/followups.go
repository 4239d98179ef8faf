package ingest

import (
	"context"
	"database/sql"
	"fmt"
)

// followUpReason marks a staged record that joinFollowUps found to be a
// follow-up (Replies.FollowUps): neither a complaint of its own nor a
// reject, it is counted with the complaint its thread began with.
const followUpReason = "follow-up"

// maxThreadHops is how many messages up a thread a follow-up's walk to
// the complaint the thread began with goes (sql/followups.sql).
const maxThreadHops = 200

// followUps reports whether the mapping reads follow-ups.
func (j *job) followUps() bool {
	return j.m.Replies != nil && j.m.Replies.FollowUps && j.tbl.name == "complaints"
}

// joinFollowUps finds the staged complaint records that are follow-ups in
// a thread begun by an earlier complaint record of the same customer, of
// this file or stored (sql/followups.sql), adds their text to that
// complaint's narrative and marks them followUpReason. It returns how many there are; the table
// ingest_followups names them and their complaints, for countFollowUps
// and for the replies that answer a follow-up (applyReplies).
func (j *job) joinFollowUps(ctx context.Context, tx *sql.Tx, runID int64) (int64, error) {
	q := render("followups.sql", map[string]any{
		"RunID":       fmt.Sprint(runID),
		"AnswersPath": literal(jsonKey(j.m.Replies.Answers)),
		"OwnPath":     j.ownIDPath(),
		"Reply":       literal(replyReason),
		"FollowUp":    literal(followUpReason),
		"MaxHops":     maxThreadHops,
	})
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return 0, fmt.Errorf("join follow-ups to their complaints: %w", err)
	}
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM ingest_followups`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count follow-ups: %w", err)
	}
	return n, nil
}

// countFollowUps counts the follow-ups with their complaints' outcomes
// (ingest_outcome): duplicates of a complaint that is a duplicate (the
// file loaded again) and those an earlier run added to a stored complaint,
// else updates (their text changed it).
func countFollowUps(ctx context.Context, tx *sql.Tx, res *Result) error {
	var dup, upd int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (f.dup OR o.outcome = 'duplicate'), count(*) FILTER (NOT f.dup AND o.outcome IS DISTINCT FROM 'duplicate')
		FROM ingest_followups f LEFT JOIN ingest_outcome o ON o.r = f.root`).Scan(&dup, &upd); err != nil {
		return fmt.Errorf("count follow-ups: %w", err)
	}
	res.Duplicate += dup
	res.Updated += upd
	res.FollowUps = dup + upd
	return nil
}

// recordFollowUps stores the IDs of this run's follow-ups with the
// complaints they joined (thread_messages), so that a later file's message
// answering one is read into the same complaint (sql/followups.sql). An ID
// stored before keeps its complaint.
func recordFollowUps(ctx context.Context, tx *sql.Tx, runID int64) error {
	if _, err := tx.ExecContext(ctx, render("threads_followups.sql", map[string]any{"RunID": fmt.Sprint(runID)})); err != nil {
		return fmt.Errorf("record follow-ups' IDs: %w", err)
	}
	return nil
}
