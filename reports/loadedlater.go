package reports

import (
	"context"
	"fmt"
	"strings"
)

// loadedLater says, when complaints of the report came from files loaded
// after the report date (sql/loaded_later.sql), how many and which files,
// and that the pages show them as the warehouse holds them now; "" when
// none did. Every page shows it first: a report re-made for an earlier
// date counted complaints sent late and showed complaints changed since,
// so its counts, backlog and alerts differed from the report made then,
// and nothing but one audit line said so (a QA pass). total is the
// number of complaints received by the report date.
func (r *run) loadedLater(ctx context.Context, total int64) (string, error) {
	this := r.thisPeriod()
	rows, err := r.conn.QueryContext(ctx, query("loaded_later"), r.cutoff, this, r.addPeriods(this, 1))
	if err != nil {
		return "", fmt.Errorf("loaded later: %w", err)
	}
	defer rows.Close()
	var n, inPeriod int64
	var files []string
	for rows.Next() {
		var run, k, kp int64
		var file string
		if err := rows.Scan(&run, &file, &k, &kp); err != nil {
			return "", fmt.Errorf("loaded later: %w", err)
		}
		n, inPeriod = n+k, inPeriod+kp
		name := fmt.Sprintf("run %d", run)
		if file != "" {
			name = fmt.Sprintf("%s (run %d)", shownLabel(file), run) // as the audit's files table names it
		}
		files = append(files, name)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("loaded later: %w", err)
	}
	if n == 0 {
		return "", nil
	}
	of := "none of them"
	if inPeriod > 0 {
		of = thousands(inPeriod) + " of them"
	}
	from, hold, such, them := "a file", "also holds", "such a file", "it"
	if len(files) > 1 {
		from, hold, such, them = "files", "also hold", "such files", "them"
	}
	named := files
	if len(files) > 3 {
		named = append(files[:3:3], plural(len(files)-3, "other file", "other files"))
	}
	list := named[0]
	if len(named) > 1 {
		list = strings.Join(named[:len(named)-1], ", ") + " and " + named[len(named)-1]
	}
	// "unless a date in it is wrong": one record dated a year late makes
	// its whole file look loaded later (a QA pass)
	return fmt.Sprintf("%s of the %s received by %s (%s in the %s of %s) came from %s that %s complaints received after that date, or came after %s, so loaded after it, unless a date in %s is wrong: %s. "+
		"The pages show these complaints as the warehouse holds them now; a report made on %s did not count those sent late, and counted those changed since as they were then.",
		thousands(n), plural(int(total), "complaint", "complaints"), dateText(r.asOf), of, r.opt.Period, r.periodLabel(this),
		from, hold, such, them, list, dateText(r.asOf)), nil
}
