// Package bench writes large CFPB-format exports for benchmarks by
// resampling real complaints: every field value, narrative included, comes
// from a real row of the pool; only the complaint IDs and dates are new.
package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"
)

// Header is the 18-column CFPB export header.
var Header = []string{"Date received", "Product", "Sub-product", "Issue", "Sub-issue",
	"Consumer complaint narrative", "Company public response", "Company", "State", "ZIP code", "Tags",
	"Consumer consent provided?", "Submitted via", "Date sent to company", "Company response to consumer",
	"Timely response?", "Consumer disputed?", "Complaint ID"}

const (
	colDate      = 0
	colNarrative = 5
	colSent      = 13
	colID        = 17
)

// Pool is the real material rows are drawn from.
type Pool struct {
	Rows       [][]string // CFPB records in Header order
	Narratives []string   // real narratives
}

// LoadPool reads CFPB-format CSV files (Header order) and, optionally, extra
// narratives from files whose named column holds them.
func LoadPool(cfpbFiles []string, narrativeFiles map[string]string) (*Pool, error) {
	p := &Pool{}
	for _, f := range cfpbFiles {
		recs, err := readAll(f)
		if err != nil {
			return nil, err
		}
		for _, r := range recs[1:] {
			if len(r) != len(Header) {
				continue
			}
			p.Rows = append(p.Rows, r)
			if r[colNarrative] != "" {
				p.Narratives = append(p.Narratives, r[colNarrative])
			}
		}
	}
	for f, col := range narrativeFiles {
		recs, err := readAll(f)
		if err != nil {
			return nil, err
		}
		idx := -1
		for i, h := range recs[0] {
			if h == col {
				idx = i
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("%s: no column %q", f, col)
		}
		for _, r := range recs[1:] {
			if idx < len(r) && r[idx] != "" {
				p.Narratives = append(p.Narratives, r[idx])
			}
		}
	}
	if len(p.Rows) == 0 || len(p.Narratives) == 0 {
		return nil, fmt.Errorf("pool is empty")
	}
	return p, nil
}

func readAll(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read %s: empty", path)
	}
	return recs, nil
}

// Options shape a generated export. NarrativeShare 0 means 0.6.
type Options struct {
	Rows           int
	Seed           uint64
	Start          time.Time // first date received; zero means 2023-01-02
	Days           int       // dates spread over this many days; 0 means 730
	NarrativeShare float64
	FirstID        int // complaint IDs count up from here; 0 means 10,000,000
}

// Write writes opts.Rows records with the header. The same pool and options
// give the same bytes.
func Write(w io.Writer, p *Pool, opts Options) error {
	if opts.Start.IsZero() {
		opts.Start = time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	}
	if opts.Days == 0 {
		opts.Days = 730
	}
	if opts.NarrativeShare == 0 {
		opts.NarrativeShare = 0.6
	}
	if opts.FirstID == 0 {
		opts.FirstID = 10_000_000
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	rec := make([]string, len(Header))
	for i := 0; i < opts.Rows; i++ {
		copy(rec, p.Rows[rng.IntN(len(p.Rows))])
		day := opts.Start.AddDate(0, 0, rng.IntN(opts.Days))
		rec[colDate] = day.Format("2006-01-02")
		rec[colSent] = day.AddDate(0, 0, rng.IntN(3)).Format("2006-01-02")
		rec[colNarrative] = ""
		if rng.Float64() < opts.NarrativeShare {
			rec[colNarrative] = p.Narratives[rng.IntN(len(p.Narratives))]
		}
		rec[colID] = fmt.Sprint(opts.FirstID + i)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
