package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// recurAsOf is the report date of recurWarehouse: Sunday 2024-04-21, the
// last day of its sixteenth week.
var recurAsOf = time.Date(2024, 4, 21, 0, 0, 0, 0, time.UTC)

// recurWarehouse holds 16 weeks from Monday 2024-01-01 of, each week:
// Laptop 4 complaints, two saying "the screen flickers" (its steady
// phrase), all four the generic "I called about my account"; Phone 4, all
// generic plus "the battery drains"; Tablet one complaint in each of the
// first 5 weeks (too few for a table). With unclassified, Laptop also has
// 3 unclassified complaints a week whose narrative says "the hinge cracked".
func recurWarehouse(t *testing.T, unclassified bool) *warehouse.DB {
	t.Helper()
	ctx := context.Background()
	db := openTestDB(t)
	n := 0
	add := func(product string, at time.Time, text string, classified bool) {
		t.Helper()
		n++
		id := fmt.Sprintf("R%03d", n)
		if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, company, narrative, ingest_run_id, row_hash)
			VALUES (?, 'cfpb', ?, ?, 'Acme', ?, 1, ?)`, id, at, product, text, n); err != nil {
			t.Fatal(err)
		}
		if !classified {
			return
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO classifications (source, complaint_id, topic, topic_confidence, churn_intent, legal_threat, urgent,
			language, narrative_redacted, model, classified_at)
			VALUES ('cfpb', ?, 'other', 0.5, false, false, false, 'en', ?, 'm', TIMESTAMP '2024-04-22 06:00')`, id, text); err != nil {
			t.Fatal(err)
		}
	}
	monday := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	for w := range 16 {
		at := monday.AddDate(0, 0, 7*w)
		for k := range 4 {
			laptop := "I called about my account. The keyboard works."
			if k < 2 {
				laptop = "The screen flickers. I called about my account."
			}
			add("Laptop", at.Add(time.Duration(k)*time.Hour), laptop, true)
			add("Phone", at.Add(time.Duration(k)*time.Hour), "I called about my account. The battery drains.", true)
		}
		if w < 5 {
			add("Tablet", at, "The stylus snapped. I called about my account.", true)
		}
		if unclassified {
			for k := range 3 {
				add("Laptop", at.Add(time.Duration(k)*time.Minute), "The hinge cracked, the hinge cracked.", false)
			}
		}
	}
	return db
}

// recurRow is the row of the recurring phrases section naming phrase, in
// the table of group: its cells' text, and the count's link.
func recurRow(t *testing.T, sec, group, phrase string) (cells []string, href string) {
	t.Helper()
	_, tab, ok := strings.Cut(sec, "<caption>"+group+":")
	if !ok {
		return nil, ""
	}
	tab, _, _ = strings.Cut(tab, "</table>")
	for _, tr := range strings.Split(tab, "<tr>")[1:] {
		if !strings.Contains(tr, ">"+phrase+"<") {
			continue
		}
		for _, m := range regexp.MustCompile(`<td[^>]*>(?:<a href="([^"]*)"[^>]*>)?([^<]*)`).FindAllStringSubmatch(tr, -1) {
			cells = append(cells, m[2])
			if m[1] != "" {
				href = m[1]
			}
		}
		return cells, href
	}
	return nil, ""
}

func writeRecur(t *testing.T, db *warehouse.DB, keep bool) (page, dir string) {
	page, dir, _ = writeRecurLog(t, db, keep)
	return page, dir
}

// writeRecurLog is writeRecur, with the run's debug log.
func writeRecurLog(t *testing.T, db *warehouse.DB, keep bool) (page, dir, log string) {
	t.Helper()
	dir = t.TempDir()
	var buf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: recurAsOf, KeepPhraseCounts: keep, Log: lg}); err != nil {
		t.Fatal(err)
	}
	return readPage(t, dir, "defects.html"), dir, buf.String()
}

// TestRecurringPhrases: Laptop's steady phrase is listed for Laptop, with
// its complaints (2 a week for 16 weeks: 32 of its 64), their share and the
// weeks seen, and a list of exactly those complaints; the phrase every
// product uses is not listed; Tablet, with 5 complaints, has no table.
func TestRecurringPhrases(t *testing.T) {
	page, dir := writeRecur(t, recurWarehouse(t, false), false)
	sec := sectionOf(page, "recurring-phrases")
	if sec == "" {
		t.Fatal("defects.html has no section recurring-phrases")
	}
	cells, href := recurRow(t, sec, "Laptop", "screen flickers")
	// 32 = 2 a week x 16 weeks; 50.0% = 32 of Laptop's 64; all 16
	// weeks of the page's window (the weeks with data)
	if len(cells) < 4 || cells[1] != "32" || cells[2] != "50.0%" || cells[3] != "16" {
		t.Fatalf("Laptop's row of \"screen flickers\" = %q, want 32, 50.0%%, 16 weeks\n%s", cells, sec)
	}
	if !strings.Contains(sec, "weeks seen (of 16)") {
		t.Errorf("the section does not say of how many weeks:\n%s", sec)
	}
	f, err := os.Open(filepath.Join(dir, href))
	if err != nil {
		t.Fatalf("the count links %q: %v", href, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != 32 {
		t.Errorf("%s lists %d complaints, the page counts 32", href, len(recs)-1)
	}
	// every product's complaints say "I called about my account"
	for _, generic := range []string{">account<", ">called<"} {
		if strings.Contains(sec, generic) {
			t.Errorf("the section lists the generic phrase %s:\n%s", generic, sec)
		}
	}
	if c, _ := recurRow(t, sec, "Phone", "battery drains"); c == nil {
		t.Errorf("Phone's steady phrase \"battery drains\" is not listed:\n%s", sec)
	}
	if strings.Contains(sec, "<caption>Tablet:") || !strings.Contains(sec, "Tablet: too few") {
		t.Errorf("Tablet (5 complaints) has a table, or no word of why not:\n%s", sec)
	}
}

// TestRecurringPhrasesCache: the page is the same byte for byte whether
// the per-product counts come from the cache (stored by a run) or from
// the texts.
func TestRecurringPhrasesCache(t *testing.T) {
	db := recurWarehouse(t, false)
	stored, _ := writeRecur(t, db, true)
	var rows int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM phrase_group_counts`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows == 0 {
		t.Fatal("the run stored no per-product counts: the comparison proves nothing")
	}
	cached, _, log := writeRecurLog(t, db, false)
	if !regexp.MustCompile(`step="defects recurring phrases" .*cached=16 `).MatchString(log) {
		t.Errorf("the second run did not take its 16 weeks from the cache:\n%s", log)
	}
	if _, err := db.ExecContext(context.Background(), `DELETE FROM phrase_group_counts; DELETE FROM phrase_group_periods`); err != nil {
		t.Fatal(err)
	}
	fresh, _ := writeRecur(t, db, false)
	if sectionOf(stored, "recurring-phrases") == "" {
		t.Fatal("no recurring phrases section")
	}
	if stored != cached || cached != fresh {
		t.Errorf("defects.html differs: stored == cached %v, cached == from texts %v", stored == cached, cached == fresh)
	}
}

// TestRecurringPhrasesUnclassified: the narratives of unclassified
// complaints are never mined; the page says how many were left out.
func TestRecurringPhrasesUnclassified(t *testing.T) {
	page, _ := writeRecur(t, recurWarehouse(t, true), false)
	sec := sectionOf(page, "recurring-phrases")
	if c, _ := recurRow(t, sec, "Laptop", "screen flickers"); c == nil {
		t.Fatalf("Laptop's steady phrase is not listed:\n%s", sec)
	}
	if strings.Contains(sec, "hinge") {
		t.Errorf("the section shows a phrase of unclassified (unredacted) narratives:\n%s", sec)
	}
	if !strings.Contains(sec, "48 narratives of complaints not yet classified") { // 3 a week x 16
		t.Errorf("the section does not say the 48 unclassified narratives were left out:\n%s", sec)
	}
}
