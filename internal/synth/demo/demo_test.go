package demo

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedFiles regenerates the demo and compares it byte for byte with
// testdata/demo/synthetic (refresh with go generate ./internal/synth/demo).
func TestCommittedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "..", "testdata", "demo", "synthetic")
	for _, name := range []string{ComplaintsFile, SurveysFile, CustomersFile, ReadmeFile} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Fatalf("committed demo file: %v (run go generate ./internal/synth/demo)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh run (%d vs %d bytes): run go generate ./internal/synth/demo", name, len(got), len(want))
		}
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		a, b Options
		same bool
	}{
		{"same seed", Options{Seed: 7}, Options{Seed: 7}, true},
		{"other seed", Options{Seed: 7}, Options{Seed: 8}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x, y bytes.Buffer
			if err := Generate(tt.a).writeComplaints(&x); err != nil {
				t.Fatal(err)
			}
			if err := Generate(tt.b).writeComplaints(&y); err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(x.Bytes(), y.Bytes()) != tt.same {
				t.Errorf("equal = %v, want %v", !tt.same, tt.same)
			}
		})
	}
}

// TestShape checks what the demo promises the reports: a few thousand rows,
// canonical headers, every survey and complaint naming a known customer,
// NPS/CSAT answers, open and resolved complaints, churned customers, and
// worse satisfaction after unresolved complaints than resolved ones.
func TestShape(t *testing.T) {
	d := Generate(Options{})
	total := len(d.Complaints) + len(d.Surveys) + len(d.Customers)
	if total < 2000 || total > 10000 {
		t.Errorf("%d rows in all, want a few thousand", total)
	}
	known := map[string]bool{}
	for _, c := range d.Customers {
		known[c.ID] = true
	}
	byID := map[string]Complaint{}
	var open, churned int
	for _, c := range d.Complaints {
		byID[c.ID] = c
		if !known[c.CustomerID] {
			t.Fatalf("complaint %s names unknown customer %s", c.ID, c.CustomerID)
		}
		if c.Status == "open" {
			open++
		}
		if !c.Resolved.IsZero() && c.Resolved.Before(c.Received) || !c.FirstResponse.IsZero() && c.FirstResponse.Before(c.Received) {
			t.Fatalf("complaint %s: response or resolution before receipt", c.ID)
		}
	}
	for _, c := range d.Customers {
		if !c.ChurnedAt.IsZero() {
			churned++
		}
	}
	var sat [2][2]int // [resolved?][top-2-box?]
	for _, s := range d.Surveys {
		if !known[s.CustomerID] {
			t.Fatalf("survey %s names unknown customer %s", s.ID, s.CustomerID)
		}
		c, ok := byID[s.ComplaintID]
		if !ok || s.CSAT == 0 {
			continue
		}
		r := 0
		if !c.Resolved.IsZero() && !c.Resolved.After(s.Responded) {
			r = 1
		}
		top := 0
		if s.CSAT >= 4 {
			top = 1
		}
		sat[r][top]++
	}
	if open == 0 || open == len(d.Complaints) || churned == 0 {
		t.Errorf("open %d of %d complaints, %d churned customers: want some of each", open, len(d.Complaints), churned)
	}
	unresolved := float64(sat[0][1]) / float64(sat[0][0]+sat[0][1])
	resolved := float64(sat[1][1]) / float64(sat[1][0]+sat[1][1])
	if !(resolved > unresolved) {
		t.Errorf("CSAT resolved %.2f <= unresolved %.2f: the demo should show service recovery", resolved, unresolved)
	}
	var buf bytes.Buffer
	if err := d.writeSurveys(&buf); err != nil {
		t.Fatal(err)
	}
	head, err := csv.NewReader(&buf).Read()
	if err != nil || head[0] != "response_id" || head[6] != "nps" {
		t.Errorf("survey header = %v, %v", head, err)
	}
}
