package classify

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData locates a file of the shared real data sets (../shared/data
// beside the repository) or skips the test when it is missing.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data set %s missing (%v): tests on real data need ../shared/data beside the repository", rel, err)
	}
	return p
}

// readCSV reads a whole CSV file (BOM tolerated) as a header and records.
func readCSV(t testing.TB, path string, comma rune) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	var recs [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		recs = append(recs, rec)
	}
	return header, recs
}

// column returns the index of name in header or fails the test.
func column(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("column %q not in %v", name, header)
	return -1
}

// cfpbNarratives returns the Product labels and narratives of
// cfpb-narratives-product (2,753 rows per its SOURCE.md).
func cfpbNarratives(t testing.TB) (labels, texts []string) {
	h, recs := readCSV(t, sharedData(t, "cfpb-narratives-product/Consumer_Complaints.csv"), ',')
	p, n := column(t, h, "Product"), column(t, h, "Consumer complaint narrative")
	for _, r := range recs {
		labels = append(labels, r[p])
		texts = append(texts, r[n])
	}
	return labels, texts
}

// labelledColumn returns the (label, text) pairs of a shared file whose
// text is not blank.
func labelledColumn(t testing.TB, rel string, comma rune, label, text string) (labels, texts []string) {
	h, recs := readCSV(t, sharedData(t, rel), comma)
	l, x := column(t, h, label), column(t, h, text)
	for _, r := range recs {
		if strings.TrimSpace(r[x]) != "" {
			labels, texts = append(labels, r[l]), append(texts, r[x])
		}
	}
	return labels, texts
}

// npsVerbatims returns the telecom NPS verbatims' rating (Promoter,
// Passive, Detractor) and comment, for the comments not blank.
func npsVerbatims(t testing.TB) (labels, texts []string) {
	return labelledColumn(t, "telecom-nps-verbatims/nps_verbatims.csv", ',', "NPS_RATING", "text")
}

// alexaReviews returns the Amazon Alexa reviews' star rating (1-5) and
// text, for the reviews not blank.
func alexaReviews(t testing.TB) (labels, texts []string) {
	return labelledColumn(t, "amazon-alexa-reviews/amazon_alexa.tsv", '\t', "rating", "verified_reviews")
}

// airlineSentiment returns the airline tweets' sentiment and text.
func airlineSentiment(t testing.TB) (labels, texts []string) {
	sent, _, texts := airlineTweets(t)
	return sent, texts
}
