package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTimeZone loads timestamps with offsets in child processes whose
// machine time zone (TZ) differs, and expects the same UTC times from each.
// Before DuckDB's time zone was pinned to UTC, on a machine set to New York
// "+0000" read with %z was stored 4 or 5 hours early (a tweet of 03:20
// UTC at 23:20 the day before); and the default ISO reading ignored an
// offset ("09:30:00+01:00" was stored as 09:30) on every machine.
func TestTimeZone(t *testing.T) {
	asCLIChild()
	dir := t.TempDir()
	canonical := filepath.Join(dir, "tickets.csv")
	if err := os.WriteFile(canonical, []byte("complaint_id,source,received_at,resolved_at\n"+
		"1,desk,2024-03-01T09:30:00+01:00,2024-03-01T23:30:00-08:00\n"+
		"2,desk,2024-03-01 09:30:00,2024-03-02T07:30:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tweets := filepath.Join(dir, "tweets.csv")
	if err := os.WriteFile(tweets, []byte("id,created_at,text\n"+
		"3,Tue Oct 31 22:10:47 +0000 2017,late again\n"+
		"4,Wed Nov 01 01:10:47 +0300 2017,still waiting\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(dir, "tweets.yaml")
	if err := os.WriteFile(mapping, []byte(`target: complaints
source: tweets
columns: {id: complaint_id, created_at: received_at, text: narrative}
dates: {received_at: "%a %b %d %H:%M:%S %z %Y"}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// by hand: 09:30+01:00 is 08:30 UTC; 23:30-08:00 is 07:30 UTC the next
	// day; 01:10:47+03:00 is 22:10:47 UTC the day before
	want := "source,complaint_id,received,resolved\n" +
		"desk,1,2024-03-01 08:30:00,2024-03-02 07:30:00\n" +
		"desk,2,2024-03-01 09:30:00,2024-03-02 07:30:00\n" +
		"tweets,3,2017-10-31 22:10:47,\n" +
		"tweets,4,2017-10-31 22:10:47,\n"
	for _, tz := range []string{"UTC", "America/New_York", "Asia/Kolkata"} {
		db := filepath.Join(dir, strings.ReplaceAll(tz, "/", "_")+".duckdb")
		for _, args := range [][]string{
			{"--db", db, "ingest", "--quiet", canonical},
			{"--db", db, "ingest", "--quiet", "--mapping", mapping, tweets},
			{"--db", db, "sql", "--format", "csv", `SELECT source, complaint_id, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received,
				strftime(resolved_at, '%Y-%m-%d %H:%M:%S') AS resolved FROM complaints ORDER BY ALL`},
		} {
			cmd := cliCmd(t, args...)
			cmd.Env = append(cmd.Env, "TZ="+tz)
			r := start(t, cmd)()
			if r.code != 0 {
				t.Fatalf("TZ=%s complaints %s: %v", tz, args[2], r)
			}
			if args[2] == "sql" && r.stdout != want {
				t.Errorf("TZ=%s: complaints read\n%s\nwant\n%s", tz, r.stdout, want)
			}
		}
	}
}
