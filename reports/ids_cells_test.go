package reports

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestIDListsShowHiddenCharacters: the ID lists wrote bidi controls, a
// zero-width space and NUL as they are, where the pages show them as
// their code points (a security QA pass: a customer ID "CUST-\u202e1234"
// read "CUST-4321" in a spreadsheet, in executive-churn.csv and
// defects-repeat-customers.csv; a row read backwards). Three complaints
// of one customer, so that the repeat list names it; a complaint ID with
// U+202C, a source with U+200B and a complaint ID with NUL. Every cell of
// every list is written as the pages show it (visible), and the IDs are
// there so shown.
func TestIDListsShowHiddenCharacters(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, product, status, ingest_run_id, row_hash) VALUES
		('A' || chr(8236) || '1', 'src', TIMESTAMP '2024-03-04 10:00', 'CUST-' || chr(8238) || '1234', 'card', 'open', 1, 1),
		('N' || chr(0) || '2', 'src', TIMESTAMP '2024-03-05 10:00', 'CUST-' || chr(8238) || '1234', 'card', 'open', 1, 2),
		('plain', 's' || chr(8203) || 'rc', TIMESTAMP '2024-03-06 10:00', 'CUST-' || chr(8238) || '1234', 'card', 'open', 1, 3)`)
	seen := eachListCell(t, dir, func(file string, record int, c string) {
		if visible(c) != c {
			t.Errorf("%s record %d: cell %q holds a character the pages show as its code point", file, record, c)
		}
	})
	for _, want := range []string{"A[U+202C]1", "N[U+0000]2", "s[U+200B]rc", "CUST-[U+202E]1234"} {
		if !seen[want] {
			t.Errorf("no ID list holds the cell %q", want)
		}
	}
}

// TestListCellPattern: the pattern that picks the cells a list writes
// through the pages' function (hiddenPattern) matches every character
// visible may show as its code point, and no ordinary one.
func TestListCellPattern(t *testing.T) {
	re := regexp.MustCompile(hiddenPattern())
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if mayHide(r) && !re.MatchString(string(r)) {
			t.Fatalf("U+%04X may be hidden, and the pattern does not match it", r)
		}
		if !mayHide(r) && re.MatchString(string(r)) {
			t.Fatalf("U+%04X is never hidden, and the pattern matches it", r)
		}
	}
}

// TestCommentListCells: the topic column of executive-comments.csv was
// written raw, with neither the formula guard nor the pages' redaction of
// a label (a security QA pass: a taxonomy topic named
// `=HYPERLINK("http://evil/") ... john.doe@example.com 4111 1111 1111
// 1111` gave 213 cells beginning "=HYPERLINK("), while its other columns
// had them: each caller guarded the columns it thought of. Every cell of
// a list written in Go now goes through one function, a label column's
// (labelColumns: topic) as the pages show a label.
func TestCommentListCells(t *testing.T) {
	const yaml = "version: 3\ntopics:\n  - name: '=HYPERLINK(\"http://evil/\") john.doe@example.com'\n    phrases: [\"on hold\"]\n"
	_, dir := pageWith(t, "executive.html",
		`UPDATE surveys SET comment = 'I waited two hours on hold and nobody answered the phone.' WHERE response_id = 'S0'`,
		`INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run, taxonomy)
			VALUES (TIMESTAMP '2024-03-02', 'classify/1 taxonomy:ours@3', true, 1, 1, '`+strings.ReplaceAll(yaml, "'", "''")+`')`)
	got := readCSV(t, filepath.Join(dir, "ids", "executive-comments.csv"))
	if len(got) < 2 {
		t.Fatalf("executive-comments.csv has no rows: %q", got)
	}
	for _, row := range got[1:] {
		if row[1] != "S0" {
			continue
		}
		if want := `'=HYPERLINK("http://evil/") [EMAIL]`; row[3] != want {
			t.Errorf("S0's topic is written %q, want %q", row[3], want)
		}
		return
	}
	t.Errorf("executive-comments.csv lists no S0: %q", got)
}
