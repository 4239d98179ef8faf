package reports

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics/trend"
)

// TestExamplesMatchQuery holds the defects examples, read from a few
// narratives per topic, to defects_examples.sql, which ranks every one:
// the largest topic, "some blank", has two blank among its first
// narratives (alone, {1, 3}, it needs no fallback), "blank first" has its
// 25 most negative narratives blank (beyond exampleDepth, so examples falls
// back to the query), "few" has only two narratives, and "none" none.
func TestExamplesMatchQuery(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	add := func(topic string, i int, sentiment float64, redacted any) {
		t.Helper()
		id := fmt.Sprintf("%s-%02d", topic, i)
		at := time.Date(2024, 3, 1+i%20, 10, 0, 0, 0, time.UTC)
		if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, ingest_run_id, row_hash)
			VALUES (?, 'fixture', ?, 'card', 'text', 1, hash(?))`, id, at, id); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO classifications (source, complaint_id, topic, topic_confidence, sentiment, sentiment_label,
			churn_intent, legal_threat, urgent, language, narrative_redacted, model, classified_at)
			VALUES ('fixture', ?, ?, 0.9, ?, 'negative', false, false, false, CASE WHEN ?::VARCHAR IS NOT NULL THEN 'en' END, ?, 'fixture-1', TIMESTAMP '2024-04-01')`,
			id, topic, sentiment, redacted, redacted); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 30; i++ {
		var text any = fmt.Sprintf("narrative %d", i)
		if i < 25 {
			text = "   "
		}
		add("blank first", i, -1+float64(i)/100, text)
	}
	for i := 0; i < 35; i++ {
		var text any = fmt.Sprintf("narrative %d", i)
		if i == 0 || i == 2 {
			text = ""
		}
		add("some blank", i, -0.5+float64(i%3)/10, text)
	}
	add("few", 0, 0, "one")
	add("few", 1, 0, nil)
	add("few", 2, 0.2, "two")
	add("none", 0, 0, nil)

	r := scopedRun(t, db)
	all, mid := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		topics, per int
		from        time.Time
	}{{1, 3, all}, {1, 40, all}, {5, 3, all}, {2, 3, all}, {4, 1, all}, {4, 6, all}, {5, 3, mid}, {2, 40, mid}} {
		t.Run(fmt.Sprintf("%d topics, %d each, from %s", tt.topics, tt.per, tt.from.Format(time.DateOnly)), func(t *testing.T) {
			want, err := r.rows(ctx, "defects_examples", tt.topics, tt.per, tt.from, classify.TopicOther)
			if err != nil {
				t.Fatal(err)
			}
			// the examples are of the complaints of the page's window
			// (before, of every complaint: an exploratory QA pass found
			// examples of 2018 under "Last 26 weeks" of 2019-2020)
			for _, row := range want.rows {
				if at := row[3].(time.Time); at.Before(tt.from) {
					t.Errorf("example %v received %s, before %s", row[2], at.Format(time.DateOnly), tt.from.Format(time.DateOnly))
				}
			}
			got, err := r.examples(ctx, tt.topics, tt.per, tt.from)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.rows) == 0 {
				t.Fatal("defects_examples.sql gave no rows")
			}
			if !reflect.DeepEqual(got.rows, want.rows) {
				t.Errorf("examples = %v\nwant %v", got.rows, want.rows)
			}
		})
	}
}

// TestScopeLatestClassification gives one complaint two classification
// rows: the scope must hold it once, with the latest (the rebuild that
// run.scope makes only when a complaint matched more than one row).
func TestScopeLatestClassification(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	for _, q := range []string{
		`INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash) VALUES
			('a', 'fixture', TIMESTAMP '2024-03-01', 1, 1), ('b', 'fixture', TIMESTAMP '2024-03-02', 1, 2)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at) VALUES
			('fixture', 'a', 'old', false, false, false, 'm-1', TIMESTAMP '2024-04-01'),
			('fixture', 'a', 'new', false, false, false, 'm-1', TIMESTAMP '2024-04-02'),
			('fixture', 'b', 'only', false, false, false, 'm-1', TIMESTAMP '2024-04-01')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	r := scopedRun(t, db)
	got, err := r.rowsSQL(ctx, "topics", `SELECT complaint_id, topic FROM rpt_complaints ORDER BY complaint_id`)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{"a", "new"}, {"b", "only"}}
	if !reflect.DeepEqual(got.rows, want) {
		t.Errorf("scope topics = %v, want %v", got.rows, want)
	}
}

// TestScopeTexts holds the trend stage's phrase corpus that the scope
// builds to the one trend.ReadCorpus reads itself: the corpora and the
// results with and without it must match, and it must have been used.
//
// The second warehouse adds complaints classify has not seen yet, one
// with a narrative received in the period judged and one without: the
// scope reads whether they have details from their narratives
// (scope_details.sql), and counts the narrative not redacted yet
// (scope_texts_unredacted.sql), which is never mined, as trend.ReadCorpus
// counts it.
func TestScopeTexts(t *testing.T) {
	t.Run("classified", func(t *testing.T) { checkScopeTexts(t, fixtureWarehouse(t), 0) })
	t.Run("unclassified", func(t *testing.T) {
		db := fixtureWarehouseWith(t, `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, ingest_run_id, row_hash)
			VALUES ('N1', 'fixture', TIMESTAMP '2024-03-27 10:00', 'Mortgage', 'escrow shortage letter again', 2, 9001),
			       ('N2', 'fixture', TIMESTAMP '2024-03-20 10:00', 'Mortgage', NULL, 2, 9002)`)
		r := checkScopeTexts(t, db, 2)
		got, err := r.rowsSQL(context.Background(), "details", `SELECT complaint_id, has_details FROM rpt_complaints WHERE complaint_id IN ('N1', 'N2', 'H3', 'H4', 'H5') ORDER BY ALL`)
		if err != nil {
			t.Fatal(err)
		}
		// H3: unclassified with a narrative; H4: classified, none; H5: classified, one.
		want := [][]any{{"H3", true}, {"H4", false}, {"H5", true}, {"N1", true}, {"N2", false}}
		if !reflect.DeepEqual(got.rows, want) {
			t.Errorf("has_details = %v, want %v", got.rows, want)
		}
	})
}

// checkScopeTexts runs the scope on db, whose scope must hold
// unclassified complaints beside H3 (received before the texts' range).
func checkScopeTexts(t *testing.T, db *warehouse.DB, unclassified int64) *run {
	ctx := context.Background()
	r := scopedRun(t, db)
	if r.unclassified != unclassified+1 {
		t.Errorf("the scope counted %d unclassified complaints, want %d", r.unclassified, unclassified+1)
	}
	if r.texts == nil {
		t.Fatal("the scope kept no texts")
	}
	if cur, base := r.texts.corpus.Size(); cur == 0 || base == 0 {
		t.Fatalf("the scope kept %d current and %d baseline texts: nothing to compare", cur, base)
	}
	opts := trend.Options{Period: trend.Period(r.opt.Period), By: AlertDimensions, AsOf: r.cutoff, Metrics: true, Phrases: true}
	read, err := trend.Detect(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	used := false
	opts.Corpus = func(from, current, end time.Time) (*trend.Corpus, bool) {
		c, ok := r.texts.supply(from, current, end)
		used = used || ok
		return c, ok
	}
	supplied, err := trend.Detect(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The fixture has too few texts for a phrase: compare the corpus with
	// the one the trend stage's own query reads.
	want, err := trend.ReadCorpus(ctx, r.conn, r.texts.from, r.texts.current, r.texts.end)
	if err != nil {
		t.Fatal(err)
	}
	// Every term of the period judged, each with its statistics (q 1,
	// ratio 0: none left out), from the scope's corpus (its baseline
	// counted for those terms only) and from trend.ReadCorpus's.
	gc, gb := r.texts.corpus.Size()
	wc, wb := want.Size()
	if gc != wc || gb != wb {
		t.Errorf("the scope's corpus holds %d current and %d baseline texts, trend.ReadCorpus's %d and %d", gc, gb, wc, wb)
	}
	all, err := r.texts.corpus.Emerging(1, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	allWant, err := want.Emerging(1, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || !reflect.DeepEqual(all, allWant) {
		t.Errorf("the terms of the scope's corpus = %+v\ntrend.ReadCorpus's = %+v", all, allWant)
	}
	if !used {
		t.Errorf("trend asked for another range than the scope's %v, %v to %v", r.texts.from, r.texts.current, r.texts.end)
	}
	if !reflect.DeepEqual(supplied, read) {
		t.Errorf("trend result with the scope's texts = %+v\nread itself = %+v", supplied, read)
	}
	return r
}

// scopedRun is a report run on its own connection to db, as of fixtureAsOf,
// with its scope built: what the stages after the scope start from.
func scopedRun(t *testing.T, db *warehouse.DB) *run {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	r := &run{conn: conn, opt: Options{OutDir: t.TempDir(), AsOf: fixtureAsOf}}
	if err := r.opt.defaults(); err != nil {
		t.Fatal(err)
	}
	if err := r.resolveAsOf(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.scope(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.readTexts(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return r
}
