//go:build duckdb_arrow

package classify

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// openTestWarehouse creates a warehouse in a temp dir with a few
// complaints inserted by plain SQL.
func openTestWarehouse(t *testing.T, rows [][]any) *warehouse.DB {
	t.Helper()
	db := warehousetest.Open(t, warehouse.Options{})
	insertComplaints(t, db, rows)
	return db
}

// insertComplaints adds complaints (id, source, product, issue, narrative)
// by plain SQL.
func insertComplaints(t *testing.T, db *warehouse.DB, rows [][]any) {
	t.Helper()
	for _, r := range rows {
		_, err := db.ExecContext(context.Background(), `INSERT INTO complaints (complaint_id, source, received_at, product, issue, narrative, ingest_run_id, row_hash)
			VALUES (?, ?, TIMESTAMP '2024-01-02 03:04:05', ?, ?, ?, 1, 1)`, r...)
		if err != nil {
			t.Fatal(err)
		}
	}
}

var runFixture = [][]any{
	{"1", "test", "Mortgage", "Trouble during payment process", "My mortgage servicer lost my payment. Call me at 555-867-5309. I have contacted my attorney."},
	{"2", "test", "Credit card", "Fees", "Thank you so much, the refund arrived quickly and the agent was wonderful!"},
	{"3", "test", "Debt collection", "Attempts to collect debt not owed", nil},
	{"4", "test", "Vehicle", "Defeito", "O carro apresentou defeito no motor e a concessionária não resolve o problema há meses."},
}

type classRow struct {
	id, topic, department, model string
	sentiment                    sql.NullFloat64
	label, language, redacted    sql.NullString
	churn, legal, urgent         bool
	evidence                     string
	at                           time.Time
}

func readClassifications(t *testing.T, db *warehouse.DB) map[string]classRow {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT complaint_id, topic, department, model, sentiment, sentiment_label,
		language, narrative_redacted, churn_intent, legal_threat, urgent, CAST(evidence AS VARCHAR), classified_at FROM classifications`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]classRow{}
	for rows.Next() {
		var r classRow
		if err := rows.Scan(&r.id, &r.topic, &r.department, &r.model, &r.sentiment, &r.label, &r.language, &r.redacted,
			&r.churn, &r.legal, &r.urgent, &r.evidence, &r.at); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[r.id]; dup {
			t.Errorf("complaint %s has two classifications", r.id)
		}
		out[r.id] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	db := openTestWarehouse(t, runFixture)
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st, err := Run(ctx, db, RunOptions{Now: func() time.Time { return now }, BatchRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st.Complaints != 4 || st.WithNarrative != 3 || st.NotEnglish != 1 {
		t.Errorf("Run stats = %+v, want 4 complaints, 3 with narrative, 1 not English", st)
	}
	got := readClassifications(t, db)
	if len(got) != 4 {
		t.Fatalf("%d classifications, want 4", len(got))
	}
	r1 := got["1"]
	if r1.topic != "mortgage" || r1.department != "Mortgage Servicing" || !r1.legal || r1.churn {
		t.Errorf("complaint 1 = %+v, want mortgage routed to Mortgage Servicing with a legal threat", r1)
	}
	if r1.redacted.String != "My mortgage servicer lost my payment. Call me at [PHONE]. I have contacted my attorney." {
		t.Errorf("complaint 1 narrative_redacted = %q", r1.redacted.String)
	}
	if !r1.at.Equal(now) || r1.model != fmt.Sprintf("classify/1 taxonomy:default@%d", DefaultTaxonomy().Version) {
		t.Errorf("complaint 1 classified_at %v model %q, want %v and the default model", r1.at, r1.model, now)
	}
	if r2 := got["2"]; r2.label.String != Positive || !r2.sentiment.Valid {
		t.Errorf("complaint 2 sentiment = %v %v, want positive", r2.sentiment, r2.label)
	}
	if r3 := got["3"]; r3.topic != "debt_collection" || r3.sentiment.Valid || r3.redacted.Valid || r3.language.Valid {
		t.Errorf("complaint 3 (no narrative) = %+v, want debt_collection from its product, null sentiment, text and language", r3)
	}
	if r4 := got["4"]; r4.topic != TopicOther || r4.sentiment.Valid || r4.language.String != "pt" {
		t.Errorf("complaint 4 (Portuguese) = %+v, want topic other, null sentiment, language pt", r4)
	}

	// A second run finds nothing new; --all reclassifies, keeping one row each.
	st, err = Run(ctx, db, RunOptions{Now: func() time.Time { return now }})
	if err != nil || st.Complaints != 0 {
		t.Errorf("second Run = %+v, %v; want nothing to classify", st, err)
	}
	later := now.Add(time.Hour)
	st, err = Run(ctx, db, RunOptions{All: true, Now: func() time.Time { return later }})
	if err != nil || st.Complaints != 4 {
		t.Fatalf("Run --all = %+v, %v; want 4 classified", st, err)
	}
	got = readClassifications(t, db)
	if len(got) != 4 || !got["1"].at.Equal(later) {
		t.Errorf("after --all: %d rows, complaint 1 classified at %v; want 4 rows at %v", len(got), got["1"].at, later)
	}
}

func TestRunCancelled(t *testing.T) {
	db := openTestWarehouse(t, runFixture)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, db, RunOptions{}); err == nil {
		t.Fatal("Run with a cancelled context succeeded")
	}
	// Nothing was committed: a later run classifies everything.
	st, err := Run(context.Background(), db, RunOptions{})
	if err != nil || st.Complaints != len(runFixture) {
		t.Errorf("Run after a cancelled run = %+v, %v; want all %d complaints", st, err, len(runFixture))
	}
}

// TestRunRestoresThreads: Run classifies with one DuckDB thread
// (oneDuckDBThread) and gives the database back its thread count, after a
// failed run too.
func TestRunRestoresThreads(t *testing.T) {
	ctx := context.Background()
	db := warehousetest.Open(t, warehouse.Options{Threads: 2})
	insertComplaints(t, db, runFixture)
	threads := func() (n int) {
		t.Helper()
		if err := db.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := Run(ctx, db, RunOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := threads(); n != 2 {
		t.Errorf("after Run: %d DuckDB threads, want 2 as opened", n)
	}
	// without its table, Run fails after setting one thread
	if _, err := db.ExecContext(ctx, "DROP TABLE classifications"); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, db, RunOptions{}); err == nil {
		t.Fatal("Run without a classifications table succeeded")
	}
	if n := threads(); n != 2 {
		t.Errorf("after a failed Run: %d DuckDB threads, want 2", n)
	}
}

// TestRunWindows: reading the text a window of row ids at a time classifies
// every complaint exactly once, whatever the window size, and the second
// run (complaints added after the first) reads only the new ones; the
// results are those of a run that reads everything in one window.
func TestRunWindows(t *testing.T) {
	ctx := context.Background()
	fixture := func(from, to int) [][]any {
		var rows [][]any
		for i := from; i < to; i++ {
			r := append([]any(nil), runFixture[i%len(runFixture)]...)
			r[0] = fmt.Sprint(i)
			if r[4] != nil { // every text its own: a batch's memory reused too early shows
				r[4] = fmt.Sprintf("%s Ref %d.", r[4], i)
			}
			rows = append(rows, r)
		}
		return rows
	}
	now := func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
	whole := openTestWarehouse(t, fixture(0, 43))
	if _, err := Run(ctx, whole, RunOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	want := readClassifications(t, whole)
	for _, size := range []int{1, 3, 7, 64} {
		db := openTestWarehouse(t, fixture(0, 30))
		st, err := Run(ctx, db, RunOptions{Now: now, ReadRows: size, BatchRows: 5})
		if err != nil || st.Complaints != 30 {
			t.Fatalf("window %d: Run = %+v, %v; want 30 classified", size, st, err)
		}
		insertComplaints(t, db, fixture(30, 43))
		st, err = Run(ctx, db, RunOptions{Now: now, ReadRows: size})
		if err != nil || st.Complaints != 13 {
			t.Fatalf("window %d: second Run = %+v, %v; want the 13 new complaints", size, st, err)
		}
		got := readClassifications(t, db)
		if len(got) != len(want) {
			t.Fatalf("window %d: %d classifications, want %d", size, len(got), len(want))
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("window %d: complaint %s = %+v, want %+v", size, id, got[id], w)
			}
		}
	}
}

// TestRunBlankNarrative: a narrative of nothing but white space, of every
// kind strings.TrimSpace trims, counts as none, and the topic comes from
// the product and issue.
func TestRunBlankNarrative(t *testing.T) {
	ctx := context.Background()
	db := openTestWarehouse(t, [][]any{
		{"1", "test", "Debt collection", "Attempts to collect debt not owed", " \t\n\v\f\r\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"},
		{"2", "test", "Debt collection", "Attempts to collect debt not owed", ""},
		{"3", "test", "Debt collection", "Attempts to collect debt not owed", "\u00a0Thank you, the agent was wonderful."},
	})
	st, err := Run(ctx, db, RunOptions{})
	if err != nil || st.Complaints != 3 || st.WithNarrative != 1 {
		t.Fatalf("Run = %+v, %v; want 3 classified, 1 with a narrative", st, err)
	}
	got := readClassifications(t, db)
	for _, id := range []string{"1", "2"} {
		if r := got[id]; r.topic != "debt_collection" || r.sentiment.Valid || r.redacted.Valid {
			t.Errorf("complaint %s (blank narrative) = %+v, want debt_collection from its product, no sentiment or text", id, r)
		}
	}
	if r := got["3"]; !r.sentiment.Valid || r.label.String != Positive {
		t.Errorf("complaint 3 (text after a no-break space) = %+v, want its own positive sentiment", r)
	}
}

// TestRunUndetermined: Run counts apart the narratives whose language
// could not be determined (no words: "!!! ???"), which the pages call so,
// from those in a language the models do not cover; the classify command
// printed "30 of them not in English" of 25 Spanish texts and 5 of
// punctuation alone (a regression QA pass), where the pages said "25 not
// in English, 5 whose language could not be determined".
func TestRunUndetermined(t *testing.T) {
	ctx := context.Background()
	db := openTestWarehouse(t, append(slices.Clone(runFixture),
		[]any{"5", "test", "Vehicle", "Defeito", "!!! ???"}))
	st, err := Run(ctx, db, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.WithNarrative != 4 || st.NotEnglish != 1 || st.Undetermined != 1 {
		t.Errorf("Run stats = %+v, want 4 with narrative, 1 not English (4, Portuguese), 1 undetermined (5)", st)
	}
}
