package events

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestGenerateDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Generate(Config{Seed: 7}).WriteCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := Generate(Config{Seed: 7}).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same seed, different exports")
	}
	var c bytes.Buffer
	Generate(Config{Seed: 8}).WriteCSV(&c)
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds, same export")
	}
}

func TestAnswerKey(t *testing.T) {
	d := Generate(Config{Seed: 3})
	if len(d.Events) != 16 || len(d.Null) != 32 || len(d.Groups) != 48 {
		t.Fatalf("events %d, null %d, groups %d; want 16, 32, 48", len(d.Events), len(d.Null), len(d.Groups))
	}
	kinds := map[string]int{}
	seen := map[string]bool{}
	for _, ev := range d.Events {
		kinds[ev.Kind]++
		if seen[ev.Group] {
			t.Errorf("group %s has two events", ev.Group)
		}
		seen[ev.Group] = true
		if ev.Start < d.Config.EventsFrom || ev.Start > d.Config.EventsTo {
			t.Errorf("event %+v starts outside weeks %d-%d", ev, d.Config.EventsFrom, d.Config.EventsTo)
		}
	}
	for _, k := range []string{Spike, Shift, Rise, NewGroup} {
		if kinds[k] != 4 {
			t.Errorf("%d events of kind %s, want 4", kinds[k], k)
		}
	}
	for _, g := range d.Null {
		if seen[g] {
			t.Errorf("null group %s has an event", g)
		}
	}
	// A new group has no complaints before its start; the export has one
	// row per complaint of the panel.
	total := 0
	for g, name := range d.Groups {
		for w, n := range d.Counts[g] {
			total += n
			for _, ev := range d.Events {
				if ev.Group == name && ev.Kind == NewGroup && w < ev.Start && n != 0 {
					t.Errorf("new group %s has %d complaints in week %d before its start %d", name, n, w, ev.Start)
				}
			}
		}
	}
	var buf bytes.Buffer
	d.WriteCSV(&buf)
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != total {
		t.Errorf("export has %d rows, panel %d complaints", len(recs)-1, total)
	}
}

func TestNoEvents(t *testing.T) {
	d := Generate(Config{Seed: 1, Events: -1})
	if len(d.Events) != 0 || len(d.Null) != 48 {
		t.Errorf("events %d, null %d; want 0, 48", len(d.Events), len(d.Null))
	}
}
