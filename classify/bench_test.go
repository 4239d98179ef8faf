//go:build duckdb_arrow

package classify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/hugepages"
	"github.com/complaints/complaints/internal/warehouse"
)

// BenchmarkClassify classifies strings: the 2,753 real CFPB narratives of
// cfpb-narratives-product, repeated to 20,000 texts per operation, on all
// cores. Target (issue 3): >= 50,000 complaints/s on 2 cores end to end.
func BenchmarkClassify(b *testing.B) {
	_, pool := cfpbNarratives(b)
	texts := make([]string, 20000)
	bytes := 0
	for i := range texts {
		texts[i] = pool[i%len(pool)]
		bytes += len(texts[i])
	}
	c := New(Options{})
	out := make([]Result, len(texts))
	b.ReportAllocs()
	b.ResetTimer()
	t0, cpu0 := time.Now(), cpuSeconds(b)
	for i := 0; i < b.N; i++ {
		if err := c.ClassifyBatch(context.Background(), texts, out); err != nil {
			b.Fatal(err)
		}
	}
	sec, cpu := time.Since(t0).Seconds(), cpuSeconds(b)-cpu0
	b.ReportMetric(float64(len(texts)*b.N)/sec, "docs/s")
	b.ReportMetric(float64(bytes*b.N)/1e6/sec, "MB/s")
	b.ReportMetric(float64(len(texts)*b.N)/cpu, "docs/cpu-s")
}

// BenchmarkClassifyParts times each classifier alone on one core, to show
// where the time goes. sentiment and flags are timed as classify runs
// them, on each text's tokens and word facts made beforehand (untimed);
// flags-plain is DetectFlags, which finds its keywords without them.
func BenchmarkClassifyParts(b *testing.B) {
	_, pool := cfpbNarratives(b)
	c := New(Options{Workers: 1})
	w := c.getWorker()
	w.fv = c.sent.newFastVader()
	type prepared struct {
		lower string
		toks  []token
		facts []*wordFacts
	}
	prep := make([]prepared, len(pool))
	for i, s := range pool {
		lower := asciiLowerKeepOffsets(s)
		toks := tokenizeLower(s, lower, nil)
		prep[i] = prepared{lower, toks, w.m.v.factsOf(toks, nil)}
	}
	parts := []struct {
		name string
		f    func(int)
	}{
		{"redact", func(i int) { w.pii = findPII(pool[i], w.pii[:0]) }},
		{"tokenize", func(i int) { w.toks = tokenize(pool[i], w.toks[:0]) }},
		{"language", func(i int) { w.toks = tokenize(pool[i], w.toks[:0]); detectLanguage(pool[i], w.toks) }},
		{"topic", func(i int) { w.toks = tokenize(pool[i], w.toks[:0]); w.m.match(pool[i], w.toks) }},
		{"sentiment", func(i int) {
			p := &prep[i]
			_, w.ends = c.sent.scoreWith(w.fv, pool[i], p.lower, p.toks, p.facts, w.ends)
		}},
		{"flags", func(i int) {
			p := &prep[i]
			facts := p.facts
			if !isASCII(pool[i]) {
				facts = nil
			}
			detectFlagsLower(pool[i], p.lower, p.toks, facts)
		}},
		{"flags-plain", func(i int) { DetectFlags(pool[i]) }},
		{"all", func(i int) { c.classify(w, pool[i]) }},
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			t0, cpu0 := time.Now(), cpuSeconds(b)
			for i := 0; i < b.N; i++ {
				p.f(i % len(pool))
			}
			b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "docs/s")
			b.ReportMetric(float64(b.N)/(cpuSeconds(b)-cpu0), "docs/cpu-s")
		})
	}
}

// BenchmarkRun classifies a warehouse end to end, DuckDB -> Arrow -> Go ->
// Arrow -> DuckDB, with DuckDB's memory limit as the command sets it; it
// reports the bytes Go allocated, the page faults taken (most of the
// system time) and the cores kept busy besides the speed. The warehouse is
// loaded (untimed) with plain SQL from the generated CFPB export
// testdata/bench/cfpb_N.csv (N = BENCH_ROWS, default 1,000,000; written by
// `go test -bench IngestCSV ./ingest`); the benchmark is skipped when that
// file is missing.
func BenchmarkRun(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	csv := filepath.Join("..", "testdata", "bench", fmt.Sprintf("cfpb_%d.csv", n))
	if _, err := os.Stat(csv); err != nil {
		b.Skipf("%s missing: generate it with go test -tags=duckdb_arrow -run '^$' -bench IngestCSV ./ingest", csv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hugepages.Start(ctx) // as the complaints command does
	// opened as the complaints command opens it
	db, err := warehouse.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), warehouse.Options{MemoryLimit: warehouse.DefaultMemoryLimit})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, loadBenchSQL, csv); err != nil {
		b.Fatal(err)
	}
	var rows, narratives int
	var textMB float64
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(narrative), coalesce(sum(strlen(narrative)), 0) / 1e6 FROM complaints`).Scan(&rows, &narratives, &textMB); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d complaints, %d narratives, %.0f MB of text", rows, narratives, textMB)
	b.ResetTimer()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	t0, ru0 := time.Now(), rusage(b)
	for i := 0; i < b.N; i++ {
		st, err := Run(ctx, db, RunOptions{All: true})
		if err != nil {
			b.Fatal(err)
		}
		if st.Complaints != rows {
			b.Fatalf("classified %d of %d", st.Complaints, rows)
		}
	}
	sec, ru := time.Since(t0).Seconds(), rusage(b)
	b.ReportMetric(float64(rows*b.N)/sec, "complaints/s")
	b.ReportMetric(textMB*float64(b.N)/sec, "MB/s")
	cpu := (cpuOf(ru) - cpuOf(ru0)).Seconds()
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	// how many of the cores the run kept busy: below the core count, some
	// stage waited on another
	b.ReportMetric(cpu/sec, "cores-busy")
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/1e6/float64(b.N), "go-alloc-MB/op")
	b.ReportMetric(time.Duration(ru.Stime.Nano()-ru0.Stime.Nano()).Seconds()/float64(b.N), "sys-s/op")
	b.ReportMetric(float64(ru.Minflt-ru0.Minflt)/float64(b.N), "page-faults/op")
}

// loadBenchSQL loads a CFPB export into complaints with plain SQL (no
// ingest package: the benchmark measures classification only).
const loadBenchSQL = `INSERT INTO complaints (complaint_id, source, received_at, product, sub_product, issue, sub_issue, narrative, company, ingest_run_id, row_hash)
SELECT CAST("Complaint ID" AS VARCHAR), 'bench', CAST("Date received" AS TIMESTAMP), "Product", "Sub-product", "Issue", "Sub-issue",
       "Consumer complaint narrative", "Company", 1, hash("Complaint ID")
FROM read_csv(?, all_varchar = true)`
