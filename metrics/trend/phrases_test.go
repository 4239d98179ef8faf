package trend

import (
	"encoding/csv"
	"os"
	"reflect"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Data cap: I'm being THROTTLED!", []string{"data", "cap", "i'm", "being", "throttled"}},
		{"paid XXXX on XX/XX/2019", []string{"paid", "", "on", "", "", "2019"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := map[string]bool{}
	Terms(Tokens("The data cap is unfair and the data cap XXXX overage"), got)
	want := map[string]bool{"data": true, "cap": true, "data cap": true, "unfair": true, "overage": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %v, want %v", got, want)
	}
}

func TestNounPhrases(t *testing.T) {
	got, err := NounPhrases("Comcast imposed an unfair data cap on my internet service")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"unfair data cap", "internet service"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NounPhrases = %q, want %q", got, want)
	}
}

// BenchmarkTokenizers compares prose's tagger with Tokens on the Comcast
// titles (short texts) to decide which runs on the hot path.
func BenchmarkTokenizers(b *testing.B) {
	path := sharedData(b, "comcast-fcc-complaints/Comcast_telecom_complaints_data.csv")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, r := range recs[1:] {
		texts = append(texts, r[1])
	}
	b.Run("prose", func(b *testing.B) {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				if _, err := NounPhrases(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(texts)*b.N)/time.Since(start).Seconds(), "docs/s")
	})
	b.Run("tokens", func(b *testing.B) {
		start := time.Now()
		m := map[string]bool{}
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				clear(m)
				Terms(Tokens(s), m)
			}
		}
		b.ReportMetric(float64(len(texts)*b.N)/time.Since(start).Seconds(), "docs/s")
	})
}
