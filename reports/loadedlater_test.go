package reports

import (
	"html"
	"strings"
	"testing"
	"time"
)

// TestLoadedLater: a report dated before later loads says which of its
// complaints came from a file that also holds complaints received after
// the report date, as the warehouse knows them now, not as a report made
// then showed them. A QA pass re-rendered week 3 after week 10 was loaded:
// 10 complaints of week 3 sent late (in week 5's file) and 25 updated in
// week 4's changed its counts, backlog and alerts, and only one audit
// line said anything.
//
// Run 1 loaded a and b (received by 2024-03-13); run 2 loaded c, of the
// week of 2024-03-11 but sent late, with d, received 2024-03-20, and f,
// received Tuesday 2024-03-19; run 3
// updated a (its ingest_run_id is the run that last changed it) with e,
// received 2024-03-27; run 4 sent g, of 2024-03-12, late and alone: a
// file of late complaints holds none after the report date, but came
// after the runs that do (run IDs rise with time; a QA pass's
// corrections file went uncounted).
func TestLoadedLater(t *testing.T) {
	insert := `INSERT INTO ingest_runs (run_id, started_at, file, sha256, profile, target, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected)
		VALUES (1, TIMESTAMP '2024-03-18 08:00', '/data/week10.csv', 'x', 'canonical', 'complaints', 2, 2, 0, 0, 0),
		       (2, TIMESTAMP '2024-03-25 08:00', '/data/week11.csv', 'y', 'canonical', 'complaints', 2, 2, 0, 0, 0),
		       (3, TIMESTAMP '2024-04-01 08:00', '/data/week12.csv', 'z', 'canonical', 'complaints', 2, 1, 1, 0, 0),
		       (4, TIMESTAMP '2024-04-02 08:00', '/data/late.csv', 'w', 'canonical', 'complaints', 1, 1, 0, 0, 0);
		INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash) VALUES
		('a', 'shop', TIMESTAMP '2024-03-04 10:00', 3, 1), ('b', 'shop', TIMESTAMP '2024-03-13 10:00', 1, 2),
		('c', 'shop', TIMESTAMP '2024-03-12 10:00', 2, 3), ('d', 'shop', TIMESTAMP '2024-03-20 10:00', 2, 4),
		('e', 'shop', TIMESTAMP '2024-03-27 10:00', 3, 5), ('f', 'shop', TIMESTAMP '2024-03-19 09:00', 2, 6),
		('g', 'shop', TIMESTAMP '2024-03-12 11:00', 4, 7)`
	for _, tt := range []struct {
		asOf time.Time
		want string // "" for no notice
	}{
		// as of Sunday 03-17: runs 2 and 3 hold complaints received after
		// it, and run 4 came after them; of the four received by then, a,
		// c and g came from them, c and g in the week judged (of
		// 2024-03-11)
		{time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
			"3 of the 4 complaints received by 2024-03-17 (2 of them in the week of 2024-03-11) came from files that also hold complaints received after that date, or came after such files, so loaded after it, unless a date in them is wrong: /data/week11.csv (run 2), /data/week12.csv (run 3) and /data/late.csv (run 4)."},
		// as of Tuesday 03-19: a, c, f and g; the week judged is still
		// that of 03-11, which holds c and g (f is of the week not
		// complete; a QA pass saw the notice count it there, against
		// the page's own count of the week)
		{time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC),
			"4 of the 5 complaints received by 2024-03-19 (2 of them in the week of 2024-03-11) came from files"},
		// as of 03-24: run 3, which changed a, and run 4 after it
		{time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
			"2 of the 6 complaints received by 2024-03-24 (none of them in the week of 2024-03-18) came from files that also hold complaints received after that date, or came after such files, so loaded after it, unless a date in them is wrong: /data/week12.csv (run 3) and /data/late.csv (run 4)."},
		// as of the latest: nothing came later
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), ""},
	} {
		noticeOnEveryPage(t, reportsOf(t, tt.asOf, insert), tt.asOf, "Loaded after the report date", tt.want)
	}
}

// noticeOnEveryPage checks that each page of the reports in dir shows the
// notice marked so, saying want, or none when want is "".
func noticeOnEveryPage(t *testing.T, dir string, asOf time.Time, marker, want string) {
	t.Helper()
	for _, file := range Files {
		page := html.UnescapeString(readPage(t, dir, file))
		if got := strings.Contains(page, marker); got != (want != "") || want != "" && !strings.Contains(page, want) {
			t.Errorf("as of %s, %s: notice %v, want %q", asOf.Format(time.DateOnly), file, got, want)
		}
	}
}
