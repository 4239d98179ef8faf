package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// FuzzParseMapping: any document either parses into a mapping that passes
// its own checks or returns an error; it never panics.
func FuzzParseMapping(f *testing.F) {
	for _, name := range []string{"comcast-fcc-complaints", "twcs-head-sample", "amazon-alexa-reviews", "telecom-nps-verbatims"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "mappings", name+".yaml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("target: surveys\ncolumns: {a: response_id, b: responded_at}\nscales: {csat: [1, 10]}\n"))
	f.Add([]byte("columns: [1, 2]"))
	f.Add([]byte("columns: {id: complaint_id, at: received_at, mins: first_response_at}\nelapsed: {first_response_at: {since: received_at, unit: minutes}}\ndates: {received_at: [excel]}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMapping(b)
		if err != nil {
			return
		}
		if err := m.check(); err != nil {
			t.Fatalf("parsed mapping fails its own check: %v", err)
		}
	})
}

// FuzzIngestCSV feeds arbitrary bytes as a canonical complaints CSV: the
// ingest either fails with an error naming the file or reconciles exactly.
func FuzzIngestCSV(f *testing.F) {
	f.Add("complaint_id,received_at,narrative\n1,2024-01-02,hello\n2,2024-13-01,bad date\n")
	f.Add("complaint_id,received_at,narrative\n1,2024-01-02,\"multi\nline\"\n1,2024-01-02,changed\n")
	f.Add("complaint_id,received_at,status,compensation_amount,timely\n1,2024-01-02,open,$1,200.50,yes\n2,2024-01-03,closed,-5,maybe\n")
	f.Add("complaint_id,received_at\n\xff\xfe,2024-01-01\n,\n")
	dir := f.TempDir()
	db, err := warehouse.Open(context.Background(), filepath.Join(dir, "fuzz.duckdb"), warehouse.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, body string) {
		checkIngest(t, db, "in.csv", body, Options{Profile: "canonical"})
	})
}

// checkIngest writes body to a file named name and ingests it: the ingest
// either fails with an error naming the file or reconciles exactly (every
// record read is loaded, updated, duplicate or rejected).
func checkIngest(t *testing.T, db *warehouse.DB, name, body string, opts Options) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := File(context.Background(), db, path, opts)
	if err != nil {
		if !strings.Contains(err.Error(), name) {
			t.Fatalf("error does not name the file: %v", err)
		}
		return
	}
	if res.Read != res.Loaded+res.Updated+res.Duplicate+res.Rejected {
		t.Fatalf("does not reconcile: %v", res)
	}
	// a ticket export whose ratings are survey answers is loaded again, as
	// the command loads it (Result.Ratings)
	if res.Ratings != "" && opts.Profile != TicketRatings {
		opts.Profile = TicketRatings
		checkIngest(t, db, name, body, opts)
	}
}
