package warehouse

import (
	"errors"
	"strings"
	"testing"
)

// TestOpenErrorsOneLine: DuckDB's errors on open become one line that says
// what to do. A QA pass (AL) found a writer refused because a reader held
// the file told to use "the -readonly parameter in the CLI", no help to a
// writer, and a file of a newer storage format given DuckDB's four lines.
// The messages are DuckDB 1.5's, as the pass quoted them.
func TestOpenErrorsOneLine(t *testing.T) {
	for _, tt := range []struct {
		duckdb   string
		is       error
		want     string
		notWants []string
	}{
		{`database/sql/driver: could not connect to database: IO Error: Could not set lock on file "/w/wh.duckdb": Conflicting lock is held in /usr/bin/complaints (PID 4242) by user root. However, you would be able to open this database in read-only mode, e.g. by using the -readonly parameter in the CLI. See also https://duckdb.org/docs/stable/connect/concurrency`,
			ErrInUse, `warehouse is in use by another process (IO Error: Could not set lock on file "/w/wh.duckdb": Conflicting lock is held in /usr/bin/complaints (PID 4242) by user root)`,
			[]string{"-readonly", "However", "See also"}},
		{"database/sql/driver: could not connect to database: IO Error: Trying to read a database file with version number 153, but we can only read versions between 64 and 67.\nThe database file was created with a newer version of DuckDB.\n\nThe storage of DuckDB is not yet stable; newer versions of DuckDB cannot read old database files and vice versa.\nSee the storage page for more information: https://duckdb.org/internals/storage",
			ErrNewer, "warehouse was written by a newer version of complaints: its DuckDB storage is version 153, this build reads 64 to 67",
			[]string{"\n"}},
	} {
		err := classifyOpenError(errors.New(tt.duckdb))
		if !errors.Is(err, tt.is) || err.Error() != tt.want {
			t.Errorf("%.40q...:\n got %v\nwant %s", tt.duckdb, err, tt.want)
		}
		for _, nw := range tt.notWants {
			if err != nil && strings.Contains(err.Error(), nw) {
				t.Errorf("%.40q...: %q holds %q", tt.duckdb, err, nw)
			}
		}
	}
}
