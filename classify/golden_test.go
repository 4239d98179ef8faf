package classify

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenClassify runs the default classifier over a fixed sample (the
// first 40 narratives of the bundled CFPB demo export, then the hand-written
// complaints of testdata/golden_extra.txt) and compares every field with
// testdata/classify.golden. Refresh with `make golden` after a deliberate
// change of taxonomy, lexicon or rules, and read the diff.
func TestGoldenClassify(t *testing.T) {
	h, recs := readCSV(t, filepath.Join("..", "testdata", "demo", "cfpb_complaints_sample.csv"), ',')
	id, n := column(t, h, "Complaint ID"), column(t, h, "Consumer complaint narrative")
	type sample struct{ name, text string }
	var samples []sample
	for _, r := range recs {
		if r[n] != "" && len(samples) < 40 {
			samples = append(samples, sample{"cfpb " + r[id], r[n]})
		}
	}
	f, err := os.Open(filepath.Join("testdata", "golden_extra.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for k := 1; sc.Scan(); k++ {
		samples = append(samples, sample{fmt.Sprintf("extra %d", k), sc.Text()})
	}
	c := New(Options{Workers: 1})
	var b strings.Builder
	for _, s := range samples {
		r := c.Classify(s.text)
		sent := "null"
		if r.HasSentiment {
			sent = fmt.Sprintf("%+.3f %s", r.Sentiment, r.SentimentLabel)
		}
		fmt.Fprintf(&b, "%s\n  topic %s (%.3f) -> %s; sentiment %s; language %s; churn %v legal %v urgent %v\n  evidence %s\n  redacted %.100q\n",
			s.name, r.Topic, r.TopicConfidence, r.Department, sent, r.Language, r.Churn, r.Legal, r.Urgent, r.Evidence, r.Redacted)
	}
	got := b.String()
	path := filepath.Join("testdata", "classify.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("classification of the golden sample changed; diff (- want, + got):\n%s", lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ between two texts, position by
// position (enough for golden files whose line count rarely changes).
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var d strings.Builder
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			fmt.Fprintf(&d, "line %d\n- %s\n+ %s\n", i+1, x, y)
		}
	}
	return d.String()
}
