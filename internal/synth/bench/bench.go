// Package bench writes large CFPB-format exports for benchmarks by
// resampling real complaints: every field value, narrative included, comes
// from a real row of the pool; only the complaint IDs and dates are new.
package bench

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// Ensure returns path, writing an export of rows records there first when
// it does not exist yet (through a temporary file, so an interrupted write
// leaves nothing behind). The pool is loaded only when needed.
func Ensure(path string, rows int, pool func() (*Pool, error)) (string, error) {
	return EnsureOptions(path, Options{Rows: rows, Seed: 1}, pool)
}

// Week returns the options of a weekly export that follows an export of
// rows records written with Ensure: the same daily volume, dated in the
// seven days after it, with complaint IDs that continue its IDs.
func Week(rows int) Options {
	return Options{
		Rows:    max(1, rows*7/730),
		Seed:    2,
		Start:   time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 730),
		Days:    7,
		FirstID: 10_000_000 + rows,
	}
}

// EnsureOptions is Ensure for any options.
func EnsureOptions(path string, opts Options, pool func() (*Pool, error)) (string, error) {
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	p, err := pool()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = Write(w, p, opts)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// DefaultPool is the pool the benchmarks use: the rows of the demo CFPB
// sample in the repository, plus the narratives of the shared
// cfpb-narratives-product set when root/../shared is there.
func DefaultPool(root string) func() (*Pool, error) {
	return func() (*Pool, error) {
		narratives := map[string]string{}
		p := filepath.Join(root, "..", "shared", "data", "cfpb-narratives-product", "Consumer_Complaints.csv")
		if _, err := os.Stat(p); err == nil {
			narratives[p] = "Consumer complaint narrative"
		}
		return LoadPool([]string{filepath.Join(root, "testdata", "demo", "cfpb_complaints_sample.csv")}, narratives)
	}
}

// ResetPeakRSS clears the kernel's high-water mark of this process's
// resident memory, so PeakRSSMB measures one phase (Linux; false elsewhere).
func ResetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// PeakRSSMB is the process's peak resident memory in MB since start or the
// last ResetPeakRSS (Linux /proc/self/status VmHWM; 0 elsewhere).
func PeakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
