package classify

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// rusage is the process's resource usage so far. Its system time is
// mostly page faults: on these virtual machines the first touch of a page
// of memory costs about 10 µs (2.7 s per GB), so memory a run frees to the
// kernel and takes back costs CPU seconds.
func rusage(tb testing.TB) syscall.Rusage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return ru
}

// cpuOf is the user plus system CPU time of a resource usage (Go and
// DuckDB's threads): on a machine shared with other work, CPU seconds
// compare runs better than wall-clock time.
func cpuOf(ru syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuSeconds returns the process's user plus system CPU time.
func cpuSeconds(tb testing.TB) float64 { return cpuOf(rusage(tb)).Seconds() }

// BenchmarkCrossValidateNested runs the full protocol behind the figures
// of cv_test.go: 5-fold stratified cross-validation (seed 1) in which each
// training fold chooses C from the grid by its own inner 3-fold
// cross-validation, so that no test fold influences C. It reports
// accuracy, macro-F1, and wall and CPU seconds; the chosen Cs are logged.
// CV_SEED sets another seed of the outer folds (the inner folds keep theirs).
// Features are extracted once per data set (see corpus), so the cost is
// mostly the 5 × (4 × 3 + 1) fits.
//
//	go test -tags=duckdb_arrow -run '^$' -bench CrossValidateNested -benchtime 1x -v ./classify
//	CV_SEED=2 go test -tags=duckdb_arrow -run '^$' -bench CrossValidateNested/airline -benchtime 1x -v ./classify
func BenchmarkCrossValidateNested(b *testing.B) {
	seed := uint64(1)
	if s := os.Getenv("CV_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			b.Fatalf("CV_SEED: %v", err)
		}
	}
	cases := []struct {
		name string
		data func(testing.TB) ([]string, []string)
		h    Hyper
	}{
		{"cfpb-product", cfpbNarratives, DefaultHyper()},
		{"airline-reason", airlineReasons, reasonHyper()},
		// the short texts of ShortTextHyper's comment, each with the
		// defaults and with the short-text settings
		{"airline-reason-default", airlineReasons, DefaultHyper()},
		{"airline-sentiment-default", airlineSentiment, DefaultHyper()},
		{"airline-sentiment-short", airlineSentiment, ShortTextHyper(DefaultHyper())},
		{"nps-rating-default", npsVerbatims, DefaultHyper()},
		{"nps-rating-short", npsVerbatims, ShortTextHyper(DefaultHyper())},
		{"alexa-rating-default", alexaReviews, DefaultHyper()},
		{"alexa-rating-short", alexaReviews, ShortTextHyper(DefaultHyper())},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			labels, texts := c.data(b)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0, t0 := cpuSeconds(b), time.Now()
			var rep *CVReport
			for i := 0; i < b.N; i++ {
				h := c.h
				var err error
				if rep, err = CrossValidate(context.Background(), labels, texts, 5, seed, TrainOptions{Hyper: &h}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(time.Since(t0).Seconds()/float64(b.N), "wall-s/op")
			b.ReportMetric((cpuSeconds(b)-cpu0)/float64(b.N), "cpu-s/op")
			b.ReportMetric(rep.Accuracy, "accuracy")
			b.ReportMetric(rep.MacroF1, "macro-F1")
			b.Logf("%s seed %d: %d texts, accuracy %.3f macro-F1 %.3f, C chosen per fold %v", c.name, seed, len(texts), rep.Accuracy, rep.MacroF1, rep.ChosenC)
		})
	}
}
