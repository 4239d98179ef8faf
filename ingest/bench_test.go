package ingest

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// benchFile returns a generated CFPB export of n rows under testdata/bench,
// writing it on first use (1M rows is about 1 GB; resampled real rows).
func benchFile(b *testing.B, n int) string {
	b.Helper()
	path, err := bench.Ensure(filepath.Join("..", "testdata", "bench", fmt.Sprintf("cfpb_%d.csv", n)), n, bench.DefaultPool(".."))
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// benchRows is 1,000,000 unless BENCH_ROWS says otherwise.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// BenchmarkIngestCSV ingests the generated export and, in the same run,
// times plain DuckDB loading it with CREATE TABLE AS SELECT * FROM read_csv.
// Target (issue 2): ingest at most 1.5x the plain load, peak memory < 2 GB.
//
// Wall times on a shared 2-core machine vary by a fifth from one minute to
// the next, so each operation loads the file BENCH_PAIRS times (default 3)
// each way, in pairs whose order alternates, and reports medians: x-plain is
// the median of the pairs' ratios, which compares loads made side by side.
func BenchmarkIngestCSV(b *testing.B) {
	n := benchRows()
	path := benchFile(b, n)
	pairs := 3
	if v, err := strconv.Atoi(os.Getenv("BENCH_PAIRS")); err == nil && v > 0 {
		pairs = v
	}
	b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
		b.ReportAllocs()
		var plain, ours, plainCPU, oursCPU, ratio []float64
		var peak float64
		for i := 0; i < b.N; i++ {
			for k := 0; k < pairs; k++ {
				var p, o, pc, oc float64
				if k%2 == 0 {
					p, pc = loadPlain(b, path)
					o, oc, peak = loadIngest(b, path, n, peak)
				} else {
					o, oc, peak = loadIngest(b, path, n, peak)
					p, pc = loadPlain(b, path)
				}
				b.Logf("pair %d: plain %.2f s (%.2f CPU s), ingest %.2f s (%.2f CPU s): %.3fx", k+1, p, pc, o, oc, o/p)
				plain, ours, plainCPU, oursCPU = append(plain, p), append(ours, o), append(plainCPU, pc), append(oursCPU, oc)
				ratio = append(ratio, o/p)
			}
		}
		b.ReportMetric(median(plain), "plain-s")
		b.ReportMetric(median(ours), "ingest-s")
		b.ReportMetric(median(plainCPU), "plain-cpu-s")
		b.ReportMetric(median(oursCPU), "ingest-cpu-s")
		b.ReportMetric(median(ratio), "x-plain")
		b.ReportMetric(peak, "peak-MB")
		b.ReportMetric(float64(n)/median(ours), "rows/s")
	})
}

// loadPlain loads path into a fresh warehouse with plain DuckDB SQL and
// returns the wall and CPU seconds it took.
func loadPlain(b *testing.B, path string) (sec, cpu float64) {
	db := openBench(b)
	defer settle(db)
	t0, cpu0 := time.Now(), cpuNow()
	if _, err := db.ExecContext(context.Background(), `CREATE TABLE plain AS SELECT * FROM read_csv(?)`, path); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0).Seconds(), cpuNow() - cpu0
}

// loadIngest ingests path into a fresh warehouse and returns the wall and
// CPU seconds it took and the larger of peak and its peak memory in MB.
func loadIngest(b *testing.B, path string, n int, peak float64) (sec, cpu, newPeak float64) {
	db := openBench(b)
	defer settle(db)
	bench.ResetPeakRSS()
	t0, cpu0 := time.Now(), cpuNow()
	res, err := File(context.Background(), db, path, Options{Log: benchLog()})
	if err != nil {
		b.Fatal(err)
	}
	sec, cpu = time.Since(t0).Seconds(), cpuNow()-cpu0
	if res.Loaded != int64(n) {
		b.Fatalf("loaded %d of %d", res.Loaded, n)
	}
	return sec, cpu, max(peak, bench.PeakRSSMB())
}

// settle closes db and writes its file to disk, so that the next load does
// not pay for this one's writing: without it, the second load of a pair was
// 15-25% slower than the first whichever it was.
func settle(db *warehouse.DB) {
	db.Close()
	if f, err := os.OpenFile(db.Path(), os.O_RDWR, 0); err == nil {
		f.Sync()
		f.Close()
	}
}

// median of xs (which it sorts).
func median(xs []float64) float64 {
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

// openBench opens a fresh warehouse; BENCH_MEMORY_LIMIT (e.g. 1GB, the CLI's
// default) sets DuckDB's memory_limit, otherwise DuckDB's default applies.
func openBench(b *testing.B) *warehouse.DB {
	b.Helper()
	db, err := warehouse.Open(context.Background(), filepath.Join(b.TempDir(), "bench.duckdb"),
		warehouse.Options{MemoryLimit: os.Getenv("BENCH_MEMORY_LIMIT")})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// benchLog logs ingest's steps to stderr when BENCH_VERBOSE is set, each
// with the process's CPU seconds so far: on a shared machine wall times of
// the steps are noisy, CPU time much less so.
func benchLog() *slog.Logger {
	if os.Getenv("BENCH_VERBOSE") == "" {
		return nil
	}
	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(cpuHandler{h})
}

type cpuHandler struct{ slog.Handler }

func (h cpuHandler) Handle(ctx context.Context, r slog.Record) error {
	if cpu, ok := processCPU(); ok {
		r.AddAttrs(slog.Float64("cpu_seconds", cpu))
	}
	return h.Handler.Handle(ctx, r)
}

// cpuNow is the process's CPU seconds so far, 0 where unknown.
func cpuNow() float64 {
	cpu, _ := processCPU()
	return cpu
}

// processCPU is user plus system time from /proc/self/stat (Linux; clock
// ticks of 1/100 s).
func processCPU() (float64, bool) {
	f, err := statFields("/proc/self/stat", 15)
	if err != nil {
		return 0, false
	}
	u, err1 := strconv.ParseFloat(f[14], 64) // utime
	s, err2 := strconv.ParseFloat(f[15], 64) // stime
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return (u + s) / 100, true
}

// statFields reads a /proc stat file (Linux) and returns its fields
// numbered as proc(5) numbers them, from 1 (f[k] is field k), up to at
// least field upTo. The command name, field 2, is in parentheses and may
// hold spaces: the fields are cut after its closing one.
func statFields(path string, upTo int) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return nil, fmt.Errorf("%s: no command name", path)
	}
	f := append([]string{"", "", ""}, strings.Fields(string(b[i+1:]))...)
	if len(f) <= upTo {
		return nil, fmt.Errorf("%s: %d fields, want %d", path, len(f)-1, upTo)
	}
	return f, nil
}

// BenchmarkSniffEncoding reads the generated export as sniffEncoding does
// before every CSV load no mapping names the encoding of (all of it, as it
// is valid UTF-8), from the page cache after the first operation.
func BenchmarkSniffEncoding(b *testing.B) {
	path, _ := benchScan(b)
	for b.Loop() {
		if enc, err := sniffEncoding(context.Background(), path); err != nil || enc != "" {
			b.Fatalf("sniffEncoding = %q, %v; want UTF-8", enc, err)
		}
	}
}

// BenchmarkRunawayScan times hasRecordToCut, which every CSV ingest runs,
// over the benchmark export (page cache warm): its narratives with a
// comma are quoted, so it reads about half the file's bytes inside quotes
// (and counts the delimiters of the rest: the export has 18 columns).
func BenchmarkRunawayScan(b *testing.B) {
	path, size := benchScan(b)
	for b.Loop() {
		if found, err := hasRecordToCut(context.Background(), path, ',', 18); err != nil || found {
			b.Fatalf("hasRecordToCut = %v, %v; want none", found, err)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkZoneAbbrevScan times fileHasZoneAbbrev, which an ingest runs
// over a CSV file whose typed column would be read by the default cast
// (the benchmark export's "Date received", ISO dates), page cache warm:
// the export has no value ending in a zone's abbreviation, so it reads
// every byte, looking closer only at a colon between digits.
func BenchmarkZoneAbbrevScan(b *testing.B) {
	path, size := benchScan(b)
	for b.Loop() {
		if found, err := fileHasZoneAbbrev(context.Background(), path, ','); err != nil || found {
			b.Fatalf("fileHasZoneAbbrev = %v, %v; want none", found, err)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// benchScan returns the generated export's path and size for a benchmark
// that reads it whole once an operation, and sets the bytes it reads.
func benchScan(b *testing.B) (string, int64) {
	path := benchFile(b, benchRows())
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	return path, st.Size()
}

// threadExport writes a support-thread export of conversations threads of
// five messages each (customer, company, customer, company, customer),
// each message answering the one before, as the support tweets' columns
// are (testdata/mappings/twcs-head-sample.yaml reads it); customers are
// drawn with a fixed seed, so some write more than one conversation.
func threadExport(tb testing.TB, conversations int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "threads.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id")
	rng := rand.New(rand.NewPCG(1, 2))
	id := 1
	for c := range conversations {
		customer := fmt.Sprintf("c%d", rng.IntN(conversations*3/4+1))
		prev := ""
		for k := range 5 {
			author, inbound := customer, "True"
			if k%2 == 1 {
				author, inbound = "Brand", "False"
			}
			fmt.Fprintf(w, "%d,%s,%s,Tue Oct 31 22:%02d:00 +0000 2017,message %d of conversation %d about my order,,%s\n", id, author, inbound, k, k, c, prev)
			prev = fmt.Sprintf("%d.0", id)
			id++
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// withFollowUps is a copy of the thread mapping m with Replies.FollowUps
// set as on says.
func withFollowUps(m *Mapping, on bool) *Mapping {
	mm, r := *m, *m.Replies
	r.FollowUps = on
	mm.Replies = &r
	return &mm
}

// BenchmarkIngestThreads ingests a generated support-thread export of
// 1,000,000 messages (200,000 conversations; threadExport) with the support
// tweets' mapping: replies set first responses, and with follow-ups the
// customers' later messages join their conversations' complaints. Before
// the replies' two complaint joins were on the key alone (DuckDB joined
// every reply to every complaint), 2026-12-05: 136.5 s (7,300 rows/s)
// without follow-ups and 53.5 s with them, against 6.8 s (147,000 rows/s)
// and 8.1 s (124,000) after.
func BenchmarkIngestThreads(b *testing.B) {
	m, err := LoadMapping(filepath.Join("..", "testdata", "mappings", "twcs-head-sample.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	path := threadExport(b, 200000)
	for _, followUps := range []bool{false, true} {
		name := "replies"
		if followUps {
			name = "follow-ups"
		}
		b.Run(name, func(b *testing.B) {
			mm := withFollowUps(m, followUps)
			for b.Loop() {
				b.StopTimer()
				db := openTemp(b)
				b.StartTimer()
				t0 := time.Now()
				res, err := File(context.Background(), db, path, Options{Mapping: mm})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Read)/time.Since(t0).Seconds(), "rows/s")
			}
		})
	}
}
