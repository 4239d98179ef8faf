package reports

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// recurLists are the recurring phrases' ID lists a report wrote to dir,
// by file name.
func recurLists(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "ids", "defects-recurring-phrase-*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recurring phrase list in %s (%v)", dir, err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

// textsRead is what the recurring phrases' lists read of the texts, from
// a run's debug log: the (phrase, week) the cache lacked and the texts read.
func textsRead(t *testing.T, log string) (periods, texts int) {
	t.Helper()
	m := regexp.MustCompile(`step="defects recurring phrases: texts read" phrase_periods=(\d+) texts=(\d+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("no texts read line in the log:\n%s", log)
	}
	periods, _ = strconv.Atoi(m[1])
	texts, _ = strconv.Atoi(m[2])
	return periods, texts
}

// TestRecurringPhraseListCache: the complaints of the listed phrases come
// from the cache (phrase_group_uses) for the weeks it holds them of, and
// from the texts for the others only: a report after a run reads no text;
// after one week's texts change, a run reads that week's only, and a
// report after it none; and the pages and lists are those made from the
// texts alone.
func TestRecurringPhraseListCache(t *testing.T) {
	ctx := context.Background()
	db := recurWarehouse(t, false)
	_, _, log := writeRecurLog(t, db, true)
	if p, _ := textsRead(t, log); p == 0 {
		t.Fatalf("the first run found the lists in an empty cache:\n%s", log)
	}
	page, _, log := writeRecurLog(t, db, false)
	if p, n := textsRead(t, log); p != 0 || n != 0 {
		t.Errorf("a report after a run read %d (phrase, week) and %d texts, want none", p, n)
	}
	// a text of the third week no longer says "the screen flickers":
	// R019 is its first Laptop complaint (8 complaints a week and Tablet's
	// one in each of weeks 1 and 2, in recurWarehouse's order)
	if _, err := db.ExecContext(ctx, `UPDATE classifications SET narrative_redacted = 'The keyboard works.',
		classified_at = classified_at + INTERVAL 1 SECOND WHERE complaint_id = 'R019'`); err != nil {
		t.Fatal(err)
	}
	changed, _, log := writeRecurLog(t, db, true)
	// the third week's 9 complaints at most (Laptop's 4, Phone's 4, Tablet's 1)
	if p, n := textsRead(t, log); p == 0 || n == 0 || n > 9 {
		t.Errorf("after one week changed, a run read %d (phrase, week) and %d texts, want that week's (at most 9)", p, n)
	}
	if changed == page {
		t.Fatal("the change made no difference to the page: the comparison proves nothing")
	}
	if c, _ := recurRow(t, sectionOf(changed, "recurring-phrases"), "Laptop", "screen flickers"); len(c) < 4 || c[1] != "30" || c[3] != "15" {
		t.Errorf("after the change, Laptop's \"screen flickers\" = %q, want 30 complaints in 15 weeks (2 a week, but the third week's 1)", c)
	}
	again, againDir, log := writeRecurLog(t, db, false)
	if p, n := textsRead(t, log); p != 0 || n != 0 || again != changed {
		t.Errorf("a report after that run read %d (phrase, week) and %d texts (want none); the same page: %v", p, n, again == changed)
	}
	for _, tab := range []string{"phrase_group_uses", "phrase_group_counts", "phrase_group_periods"} {
		if _, err := db.ExecContext(ctx, `DELETE FROM `+tab); err != nil {
			t.Fatal(err)
		}
	}
	fresh, freshDir := writeRecur(t, db, false)
	if changed != fresh {
		t.Error("defects.html differs from the one made from the texts alone")
	}
	got, want := recurLists(t, againDir), recurLists(t, freshDir)
	if len(got) != len(want) {
		t.Fatalf("%d lists, from the texts alone %d", len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs from the one made from the texts alone:\n%s\nwant\n%s", name, got[name], w)
		}
	}
}
