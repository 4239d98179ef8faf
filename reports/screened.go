package reports

import (
	"context"
	"fmt"
	"strings"
)

// screenReasons are why classify did not screen a complaint for the
// flags (scope.sql's screened: it reads them from English text only), in
// the order the pages name them, each with how a count of it reads and
// its predicate over the columns of rpt_complaints or rpt_audit (the
// predicates exclude one another).
var screenReasons = []struct{ why, counted, where string }{
	{"not in English", "%s not in English", "NOT screened AND classified AND not_english"},
	{"language not determined", "%s whose language could not be determined", "NOT screened AND classified AND NOT not_english AND language_undetermined"},
	{"no narrative", "%s with no narrative", "NOT screened AND classified AND NOT not_english AND NOT language_undetermined"},
	{"not classified yet", "%s not classified yet", "NOT screened AND NOT classified"},
}

// notScreenedWhy is the SQL of the reason (screenReasons' why) a complaint
// was not screened, NULL for one that was: the counts by reason and the
// lists' why column read the same predicates.
var notScreenedWhy = func() string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, sr := range screenReasons {
		fmt.Fprintf(&b, " WHEN %s THEN '%s'", sr.where, sr.why)
	}
	b.WriteString(" END")
	return b.String()
}()

// screenedNote says, after a count of complaints not screened, what
// screening is and what it means for the figures beside.
const screenedNote = "classify reads the flags from text in English only: these are neither flagged nor counted as not flagged"

// notScreened counts the complaints of rpt_complaints that classify did
// not screen for the flags, of those where selects (a predicate over the
// view's columns, written in this package, with args), and names them by
// reason: "3 not in English, 1 with no narrative".
func (r *run) notScreened(ctx context.Context, where string, args ...any) (n int64, reasons string, err error) {
	rows, err := r.conn.QueryContext(ctx, `SELECT `+notScreenedWhy+` AS why, count(*) FROM rpt_complaints WHERE NOT screened AND (`+where+`) GROUP BY why`, args...)
	if err != nil {
		return 0, "", fmt.Errorf("not screened: %w", err)
	}
	defer rows.Close()
	of := map[string]int64{}
	for rows.Next() {
		var why string
		var k int64
		if err := rows.Scan(&why, &k); err != nil {
			return 0, "", fmt.Errorf("not screened: %w", err)
		}
		of[why] = k
		n += k
	}
	if err := rows.Err(); err != nil {
		return 0, "", fmt.Errorf("not screened: %w", err)
	}
	return n, screenedReasons(of), nil
}

// screenedReasons names the counts of complaints not screened by reason
// (the whys of screenReasons): "3 not in English, 1 with no narrative".
func screenedReasons(of map[string]int64) string {
	var parts []string
	for _, sr := range screenReasons {
		if k := of[sr.why]; k > 0 {
			parts = append(parts, fmt.Sprintf(sr.counted, thousands(k)))
		}
	}
	return strings.Join(parts, ", ")
}
