package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// replyReason is the stage's reason for a record the mapping reads as a
// reply (Mapping.Replies): it is rejected as no complaint, and applyReplies
// then reads it from the rejects.
const replyReason = "reply"

// applyReplies sets the first response time of the complaints this run's
// replies answer (sql/replies*.sql), in the run's transaction. A reply that
// answers a complaint is no reject: it is counted as an update when it sets
// the complaint's first response, or as a duplicate when it leaves it as it
// was (a later reply, or the file loaded again). A reply that cannot count
// stays rejected, with the reason why in place of "reply".
//
// Then the run's unanswered complaints take as company the brand they
// address (addressCompanies).
func (j *job) applyReplies(ctx context.Context, tx *sql.Tx, res *Result) error {
	r := j.m.Replies
	if r == nil {
		return nil
	}
	src, ok := j.constantSource()
	if !ok { // Mapping.checkReplies refuses a mapping that reads it
		return fmt.Errorf("replies: the complaints' source is not the same for every record")
	}
	if res.Rejected == 0 {
		return j.addressCompanies(ctx, tx, src, res.RunID, false)
	}
	received, _ := j.tbl.field("received_at")
	sources := j.m.fieldSources()
	atCol := sources["received_at"]
	type setField struct {
		Field, Path string
		// Addressed: an unanswered complaint's value is the brand it
		// addressed (addressCompanies), which its first reply replaces
		Addressed bool
	}
	var sets []setField // fields are of replyFields: identifiers of ours
	for _, f := range sortedKeys(r.Sets) {
		sets = append(sets, setField{f, literal(jsonKey(r.Sets[f])), f == "company" && j.addresses()})
	}
	var p params
	source := p.add(src)
	data := map[string]any{
		"RunID":        fmt.Sprint(res.RunID),
		"Reply":        literal(replyReason),
		"Source":       source,
		"AnswersPath":  literal(jsonKey(r.Answers)),
		"AtPath":       literal(jsonKey(atCol)),
		"OwnPath":      j.ownIDPath(),
		"Sets":         sets,
		"Author":       r.Sets["company"] != "", // a reply's author: threads_replies.sql
		"AnswersLabel": literal("field " + r.Answers + " (the complaint replied to)"),
		"AtLabel":      literal("field " + atCol + " (reply time)"),
		"At":           valueExpr(received, "at_text", j.m, &p),
		"NotAfter":     "TIMESTAMP '" + j.notAfter.Format("2006-01-02 15:04:05") + "'",
		"FollowUps":    j.followUps(),
		"MaxHops":      maxThreadHops,
	}
	if _, err := tx.ExecContext(ctx, render("replies.sql", data), p.args...); err != nil {
		return fmt.Errorf("read replies: %w", err)
	}
	var replies, answering int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (why IS NULL) FROM ingest_replies`).Scan(&replies, &answering); err != nil {
		return fmt.Errorf("count replies: %w", err)
	}
	if replies == 0 {
		if err := dropTemp(ctx, tx, "ingest_replies"); err != nil {
			return err
		}
		return j.addressCompanies(ctx, tx, src, res.RunID, false)
	}
	set, err := tx.ExecContext(ctx, render("replies_apply.sql", data), src)
	if err != nil {
		return fmt.Errorf("set first responses: %w", err)
	}
	changed, err := set.RowsAffected()
	if err != nil {
		return fmt.Errorf("set first responses: %w", err)
	}
	if _, err := tx.ExecContext(ctx, render("replies_rejects.sql", data)); err != nil {
		return fmt.Errorf("record replies: %w", err)
	}
	if data["OwnPath"] != "" {
		if _, err := tx.ExecContext(ctx, render("threads_replies.sql", data), src); err != nil {
			return fmt.Errorf("record replies' IDs: %w", err)
		}
	}
	if err := j.addressCompanies(ctx, tx, src, res.RunID, true); err != nil {
		return err
	}
	res.Rejected -= answering
	res.Updated += changed
	res.Duplicate += answering - changed
	res.Replies, res.Responses = replies, changed
	return dropTemp(ctx, tx, "ingest_replies")
}

// addresses reports whether the run's unanswered complaints take as
// company the brand they address: the replies set the company
// (Replies.Sets) and no column or constant gives it, so that an
// unanswered complaint's company is only ever the one addressed.
func (j *job) addresses() bool {
	return j.m.Replies != nil && j.m.Replies.Sets["company"] != "" && !j.m.gives("company")
}

// addressCompanies sets the company of this run's complaints that no reply
// answers to the brand they address (sql/replies_addressed.sql): the one
// their text first @-mentions where they start a thread, the author of the
// brand's tweet they reply to where they reply to one. A support account's
// tweets go unanswered too, and left without a company they counted for
// none, the brand that ignores them looking the better. withReplies says
// whether the table ingest_replies holds this run's replies, whose
// authors answer as companies.
func (j *job) addressCompanies(ctx context.Context, tx *sql.Tx, src string, runID int64, withReplies bool) error {
	if !j.addresses() {
		return nil
	}
	var p params
	answers := "trim(" + j.answersTo() + ")"
	q := render("replies_addressed.sql", map[string]any{
		"RunID":   fmt.Sprint(runID),
		"Source":  p.add(src),
		"Replies": withReplies,
		"Answers": answers,
		"Starts":  "nullif(" + answers + ", '') IS NULL",
	})
	if _, err := tx.ExecContext(ctx, q, p.args...); err != nil {
		return fmt.Errorf("set the companies unanswered complaints address: %w", err)
	}
	return nil
}

// answersTo is the SQL of the tweet a stored complaint replies to, as
// read: its answers column (in extra, or the field it is mapped to). A
// complaint with none starts a thread; a mapping that leaves the column
// out reads every complaint so.
func (j *job) answersTo() string {
	if fields := j.m.Columns[j.m.Replies.Answers]; len(fields) > 0 {
		return "CAST(" + fields[0] + " AS VARCHAR)" // a canonical field: an identifier of ours
	}
	return "json_extract_string(extra, " + literal(jsonKey(j.m.Replies.Answers)) + ")"
}

// ownIDPath is the SQL literal of the JSON path of a reply's own ID in the
// record as read (the column complaint_id is read from), or "" when no
// column gives it (record numbers, IDs made of the content).
func (j *job) ownIDPath() string {
	c := j.m.fieldSources()["complaint_id"]
	if pseudoColumn(c) || c == "" {
		return ""
	}
	return literal(jsonKey(c))
}

// jsonKey is the JSON path of a top-level key of the record as read.
func jsonKey(name string) string {
	return `$."` + strings.ReplaceAll(name, `"`, `\"`) + `"`
}
