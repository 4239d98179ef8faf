package reports

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestPublishSwapsDirectories: publish puts a new ids/ in the old one's
// place in one step where the system can (Linux's RENAME_EXCHANGE): the
// old is in the stage after it, the new in the output directory, and at
// no moment is there none. Before, the old ids/ was moved aside and the
// new one moved in after it: a run killed between the two left the
// earlier run's pages with no ids/ and 66 dead links (QA pass AL, with a
// kill injected at the second rename).
func TestPublishSwapsDirectories(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("RENAME_EXCHANGE is Linux's")
	}
	out := t.TempDir()
	stage := filepath.Join(out, stagePrefix+"test")
	for _, d := range []string{filepath.Join(out, "ids"), filepath.Join(stage, "ids")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(out, "ids", "a.csv"), "old")
	write(filepath.Join(stage, "ids", "a.csv"), "new")
	write(filepath.Join(stage, "index.html"), "new page")
	swapped, err := exchange(filepath.Join(stage, "ids"), filepath.Join(out, "ids"))
	if err != nil || !swapped {
		t.Fatalf("exchange: %v, %v; want the directories swapped", swapped, err)
	}
	for p, want := range map[string]string{filepath.Join(out, "ids", "a.csv"): "new", filepath.Join(stage, "ids", "a.csv"): "old"} {
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s = %q (%v), want %q", p, b, err, want)
		}
	}
	// publish does so, and moves the pages
	write(filepath.Join(stage, "ids", "a.csv"), "newer")
	if err := publish(stage, out, []string{"ids", "index.html"}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{filepath.Join(out, "ids", "a.csv"): "newer", filepath.Join(out, "index.html"): "new page",
		filepath.Join(stage, "ids", "a.csv"): "new"} { // swapped, not moved aside as ids.old
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s = %q (%v), want %q", p, b, err, want)
		}
	}
}
