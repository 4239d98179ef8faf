package ingest

import (
	"os"
	"strings"
	"testing"
)

// readmeMapping is the example mapping of README.md's "Export profiles and
// mappings": the first YAML block of the section.
func readmeMapping(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Export profiles and mappings\n")
	if !ok {
		t.Fatal(`README.md has no section "Export profiles and mappings"`)
	}
	_, block, ok := strings.Cut(section, "\n```yaml\n")
	if !ok {
		t.Fatal(`README.md's "Export profiles and mappings" has no YAML block`)
	}
	block, _, ok = strings.Cut(block, "\n```\n")
	if !ok {
		t.Fatal(`README.md's example mapping does not end`)
	}
	return block + "\n"
}

// TestReadmeMapping: README's example mapping, copied, loads a file
// (testdata/readme_example.csv, written for it: two title lines, Windows-1252,
// a quote escaped by a backslash, an HTML-escaped narrative, a duration,
// a reply and a record keep leaves out), as testdata/readme_mapping.yaml,
// its copy, does. A QA pass copied it and got `elapsed: field
// "first_response_at" has no column`, and with elapsed taken out `scales:
// "csat" is not a score field of complaints`.
func TestReadmeMapping(t *testing.T) {
	want, err := os.ReadFile("testdata/readme_mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := readmeMapping(t); got != string(want) {
		t.Errorf("README.md's example mapping\n%s\nis not testdata/readme_mapping.yaml\n%s", got, want)
	}
	m, err := LoadMapping("testdata/readme_mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	res := mustIngest(t, db, "testdata/readme_example.csv", Options{Mapping: m})
	// records 1 and 2 loaded, 3 (received via Email) rejected, 4 a reply
	// that sets complaint 1's first response
	if res.counts() != (counts{4, 2, 1, 0, 1}) {
		t.Errorf("File = %v, want 1 and 2 loaded, the reply 4 updating 1, 3 rejected", res)
	}
	// the times as written (a date alone is of no zone), record 2's
	// first response 90 minutes after it was received
	got := byComplaint(t, db, `concat_ws('|', strftime(received_at, '%Y-%m-%d %H:%M'), status, resolution, narrative,
		strftime(first_response_at, '%Y-%m-%d %H:%M'), assignee, company)`)
	for id, w := range map[string]string{
		"1": "2015-04-22 00:00|closed|Solved|Internet slow & down|2015-04-23 00:00|agent7|Comcast",
		"2": `2015-04-23 00:00|open|Open|café bill, "twice"|2015-04-23 01:30|Comcast`,
	} {
		if got[id] != w {
			t.Errorf("complaint %s: %q, want %q", id, got[id], w)
		}
	}
}
