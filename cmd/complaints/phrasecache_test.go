package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// helpdesk is the demo's synthetic helpdesk export: its last weeks carry
// emerging phrases ("internet speed"), so the phrase cache has work to do.
const helpdesk = "../../testdata/demo/synthetic/synthetic_helpdesk_complaints.csv"

// TestPhraseCache: `run` stores the term counts of each period's texts; a
// later `report` uses them for the baseline and writes the same pages as the
// run; after the texts of one baseline week change (classified again), the
// stale counts of that week are not used, and the pages equal those of a
// warehouse without any stored counts; the next `run` stores that week
// again.
func TestPhraseCache(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	out := func(name string) string { return filepath.Join(dir, name) }
	cli := func(wantCached string, args ...string) {
		t.Helper()
		_, stderr, err := runCLI(t, append([]string{"--db", args[0], "-v"}, args[1:]...)...)
		if err != nil {
			t.Fatalf("complaints %v: %v\n%s", args, err, stderr)
		}
		if want := `step="scope texts: cached periods"`; !strings.Contains(stderr, want) {
			t.Fatalf("complaints %v: no %s in the log", args, want)
		}
		if !strings.Contains(stderr, "periods="+wantCached+"\n") {
			t.Errorf("complaints %v: want periods=%s cached, log:\n%s", args, wantCached, grepLines(stderr, "scope texts"))
		}
	}

	cli("0", db, "run", "--quiet", "--out", out("a"), helpdesk)
	if !strings.Contains(readFile(t, out("a"), "weekly.html"), `<td dir="auto">internet speed</td>`) {
		t.Fatal("weekly.html shows no emerging phrase \"internet speed\": the comparisons below would prove little")
	}
	// The 13 weeks compared (the one judged and 12 before it) are stored.
	weeks := queryStrings(t, db, `SELECT period_start::VARCHAR FROM phrase_periods WHERE period = 'week' ORDER BY period_start`)
	if len(weeks) != 13 {
		t.Fatalf("phrase_periods holds %d weeks, want 13: %v", len(weeks), weeks)
	}

	cli("12", db, "report", "--out", out("b"))
	sameFiles(t, out("a"), out("b"), true)

	// Classify the week before the one judged again, with different texts:
	// every text of that week now also says "internet speed".
	week, _ := time.Parse("2006-01-02", weeks[11])
	execOn(t, db, []string{`UPDATE classifications SET narrative_redacted = narrative_redacted || ' internet speed',
		classified_at = classified_at + INTERVAL 1 MINUTE
		WHERE narrative_redacted IS NOT NULL AND (source, complaint_id) IN
		(SELECT source, complaint_id FROM complaints WHERE received_at >= $1 AND received_at < $2)`}, week, week.AddDate(0, 0, 7))
	cli("11", db, "report", "--out", out("c"))
	if readFile(t, out("a"), "weekly.html") == readFile(t, out("c"), "weekly.html") {
		t.Fatal("the changed texts did not change the weekly page: stale counts would go unnoticed")
	}

	// The same warehouse with nothing stored.
	fresh := filepath.Join(dir, "fresh.duckdb")
	copyFile(t, db, fresh)
	execOn(t, fresh, clearCache)
	cli("0", fresh, "report", "--out", out("d"))
	sameFiles(t, out("c"), out("d"), false) // index.html names the warehouse

	// A run stores the changed week again; a report then uses all 12.
	cli("11", db, "run", "--quiet", "--out", out("e"))
	sameFiles(t, out("c"), out("e"), true)
	cli("12", db, "report", "--out", out("f"))
	sameFiles(t, out("c"), out("f"), true)
}

// execOn opens the warehouse file for writing and runs each statement on
// it (with args, when given, for every one).
func execOn(t *testing.T, file string, queries []string, args ...any) {
	t.Helper()
	w, err := warehouse.Open(context.Background(), file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, q := range queries {
		if _, err := w.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// clearCache is the statements that empty the phrase cache.
var clearCache = []string{`DELETE FROM phrase_counts`, `DELETE FROM phrase_periods`, `DELETE FROM phrase_texts`}

// sameFiles fails the test unless directories a and b hold the same files
// with the same bytes (index.html, which names the warehouse, only if index).
func sameFiles(t *testing.T, a, b string, index bool) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		if rel == "index.html" && !index {
			return nil
		}
		n++
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		} else if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", rel, a, b)
		}
		return nil
	})
	if err != nil || n < 5 {
		t.Fatalf("compared %d files of %s: %v", n, a, err)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readPage is readFile of a page without the spans that keep its dates on
// one line (`<span class="nobr">2020-03-31</span>`), for the tests that
// read a sentence whole.
func readPage(t *testing.T, dir, name string) string {
	t.Helper()
	return nobrRE.ReplaceAllString(readFile(t, dir, name), "$1")
}

var nobrRE = regexp.MustCompile(`<span class="nobr">(\d{4}-\d{2}-\d{2})</span>`)

// queryStrings runs q on the warehouse file read-only and returns its first
// column.
func queryStrings(t *testing.T, file, q string) []string {
	t.Helper()
	db, err := warehouse.Open(context.Background(), file, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestKillDuringPhraseCache kills (SIGKILL) `complaints run` while its
// reports store the phrase cache (right after the log line before each
// storing step, and a little later), each time on a warehouse whose
// complaints are classified and whose cache is empty. After every kill the
// cache holds whole periods only (counts with their period row), and a
// `report` and then a `run` write the pages of a warehouse never killed.
func TestKillDuringPhraseCache(t *testing.T) {
	asCLIChild()
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.duckdb")
	if r := runChild(t, "--db", base, "run", "--quiet", "--out", filepath.Join(dir, "first"), helpdesk); r.code != 0 {
		t.Fatalf("run: %v", r)
	}
	execOn(t, base, clearCache)
	ref := filepath.Join(dir, "ref")
	if r := runChild(t, "--db", base, "report", "--out", ref); r.code != 0 {
		t.Fatalf("report: %v", r)
	}

	kills := 0
	// The period judged is stored before its log line; the 12 before it
	// after the "cached periods" line, a few milliseconds each here.
	points := []struct {
		line string
		at   []time.Duration
	}{
		{`step="scope texts gathered"`, []time.Duration{0}},
		{`step="scope texts of the period judged"`, []time.Duration{0, 20 * time.Millisecond, 60 * time.Millisecond}},
		{`step="scope texts: cached periods"`, []time.Duration{0, 150 * time.Millisecond}},
	}
	for _, p := range points {
		line := p.line
		for _, at := range p.at {
			name := fmt.Sprintf("%s + %v", line, at)
			file := filepath.Join(dir, fmt.Sprintf("k%d.duckdb", kills))
			copyFile(t, base, file)
			killed := killChild(t, []string{"--db", file, "-v", "run", "--out", filepath.Join(dir, "killed")},
				func(l string) bool { return strings.Contains(l, line) }, at)
			kills++
			stored := queryStrings(t, file, `SELECT count(*)::VARCHAR FROM phrase_periods`)[0]
			orphans := queryStrings(t, file, `SELECT count(*)::VARCHAR FROM (SELECT DISTINCT period, period_start FROM phrase_counts) c
				ANTI JOIN phrase_periods p USING (period, period_start)`)[0]
			empty := queryStrings(t, file, `SELECT count(*)::VARCHAR FROM phrase_periods p
				ANTI JOIN (SELECT DISTINCT period, period_start FROM phrase_counts) c USING (period, period_start)`)[0]
			if orphans != "0" || empty != "0" {
				t.Fatalf("%s: %s periods have counts without their period row, %s period rows no counts", name, orphans, empty)
			}
			t.Logf("%s: killed %v, %s periods stored", name, killed, stored)
			out := filepath.Join(dir, fmt.Sprintf("r%d", kills))
			if r := runChild(t, "--db", file, "report", "--out", out); r.code != 0 {
				t.Fatalf("%s: report after the kill: %v", name, r)
			}
			sameFiles(t, ref, out, false)
			if r := runChild(t, "--db", file, "run", "--out", out); r.code != 0 {
				t.Fatalf("%s: run after the kill: %v", name, r)
			}
			sameFiles(t, ref, out, false)
		}
	}
	t.Logf("%d kill points", kills)
}

// TestPhraseTextCache: an export cut in mid-week leaves part of the next
// week judged in the warehouse; `run` keeps those texts (phrase_texts) and
// the next run takes them from there. The helpdesk export is cut before
// Thursday 2020-03-12: the first run judges the week of 2 March and keeps
// the texts of 9-11 March; the second adds the rest and judges the week of
// 9 March. Its weekly page is the same with the cache as without it; a
// cached text changed (and its stamp kept) changes the page, so the cache
// is read; with the classification's stamp changed too, the text is not
// used and the page is as without the cache.
func TestPhraseTextCache(t *testing.T) {
	dir := t.TempDir()
	first, rest := filepath.Join(dir, "first.csv"), filepath.Join(dir, "rest.csv")
	splitExport(t, helpdesk, "2020-03-12", first, rest)
	db := filepath.Join(dir, "w.duckdb")
	if _, stderr, err := runCLI(t, "--db", db, "run", "--quiet", "--out", filepath.Join(dir, "a"), first); err != nil {
		t.Fatalf("run %s: %v\n%s", first, err, stderr)
	}
	kept := queryStrings(t, db, `SELECT count(*)::VARCHAR || ' ' || coalesce(min(received_at)::DATE::VARCHAR, '-') || ' ' || coalesce(max(received_at)::DATE::VARCHAR, '-') FROM phrase_texts`)[0]
	if want := " 2020-03-09 2020-03-11"; !strings.HasSuffix(kept, want) || strings.HasPrefix(kept, "0 ") {
		t.Fatalf("phrase_texts holds %q (count, first and last day received); want the texts of 9-11 March", kept)
	}
	var n int
	fmt.Sscan(kept, &n)

	copies := map[string][]string{
		"none": {`DELETE FROM phrase_texts`},
		// every cached text says "zebra crossing" too, its stamp unchanged
		"changed": {`UPDATE phrase_texts SET txt = txt || ' zebra crossing'`},
		// the same, and the classifications stamped anew: stale
		"stale": {`UPDATE phrase_texts SET txt = txt || ' zebra crossing'`,
			`UPDATE classifications SET classified_at = classified_at + INTERVAL 1 MINUTE
			 WHERE (source, complaint_id) IN (SELECT source, complaint_id FROM phrase_texts)`},
	}
	files := map[string]string{"kept": db}
	for name, stmts := range copies { // copies of the first run's warehouse
		files[name] = filepath.Join(dir, name+".duckdb")
		copyFile(t, db, files[name])
		execOn(t, files[name], stmts)
	}
	weekly := map[string]string{}
	for name, file := range files {
		out := filepath.Join(dir, "b-"+name)
		if _, stderr, err := runCLI(t, "--db", file, "run", "--quiet", "--out", out, rest); err != nil {
			t.Fatalf("run %s on %s: %v\n%s", rest, name, err, stderr)
		}
		weekly[name] = readFile(t, out, "weekly.html")
	}
	if !strings.Contains(weekly["kept"], "9 Mar 2020") && !strings.Contains(weekly["kept"], "2020-03-09") {
		t.Errorf("the second run's weekly page does not judge the week of 9 March")
	}
	if weekly["kept"] != weekly["none"] {
		t.Error("weekly.html differs with the cached texts from without them")
	}
	if !strings.Contains(weekly["changed"], "zebra crossing") {
		t.Errorf("the %d changed cached texts did not reach the weekly page: the cache was not read", n)
	}
	if weekly["stale"] != weekly["none"] {
		t.Error("weekly.html with stale cached texts differs from without the cache: stale texts were used")
	}
}

// splitExport writes the rows of the CSV export from received before day
// (YYYY-MM-DD) to first, with the response and resolution times from day on
// blanked (so the first run's report date is the day before), and the other
// rows to rest.
func splitExport(t *testing.T, from, day, first, rest string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var a, b [][]string
	for _, r := range rows[1:] {
		if r[col["received_at"]] >= day {
			b = append(b, r)
			continue
		}
		for _, c := range []string{"first_response_at", "resolved_at"} {
			if r[col[c]] >= day {
				r[col[c]] = ""
			}
		}
		a = append(a, r)
	}
	for file, rs := range map[string][][]string{first: a, rest: b} {
		out, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(out)
		w.WriteAll(append([][]string{rows[0]}, rs...))
		if err := out.Close(); err != nil || w.Error() != nil {
			t.Fatal(err, w.Error())
		}
	}
}
