// Package hugepages asks Linux to back the process's memory with
// transparent huge pages (2 MiB) instead of 4 KiB pages.
//
// Why: on the 2-core virtual machines this pipeline targets, transparent
// huge pages are enabled in "madvise" mode (only for memory that asks),
// and a page fault is expensive: touching 256 MiB of fresh memory took
// 1.35 s in 4 KiB pages and 0.24 s in huge pages. DuckDB reads every block
// of the warehouse into fresh buffers, and neither its allocator (a
// jemalloc built without huge-page support: "No THP support" when asked)
// nor the Go runtime asks for huge pages. `complaints report` on the 1M
// benchmark warehouse took 5.9-6.6 s against 7.4-8.0 s without, its page
// faults 0.10-0.11 million against 0.45-0.49 million (see the README's
// performance section for the pipeline's figures).
//
// Memory cannot be advised before it is mapped, and the mappings are made
// inside DuckDB, so Keep advises all of them again at a short interval:
// one madvise call over the whole user address space, which the kernel
// applies to every mapping in the range (and reports ENOMEM for the holes
// between them). Where huge pages are off ("never") the advice does
// nothing; where they are on for all memory ("always") it is redundant.
package hugepages

import (
	"context"
	"os"
	"time"
)

// Off is the value of the environment variable COMPLAINTS_HUGEPAGES that
// stops Start from advising (to compare, or where the advice misbehaves).
const Off = "off"

// Start runs Keep at Interval in a goroutine until ctx is done, unless
// COMPLAINTS_HUGEPAGES is "off". The command and the benchmarks that
// measure it in-process call it first.
func Start(ctx context.Context) {
	if os.Getenv("COMPLAINTS_HUGEPAGES") == Off {
		return
	}
	go Keep(ctx, Interval)
}

// Interval is how often Keep advises the mappings made since its last
// call: new memory faults in 4 KiB pages for at most this long.
const Interval = 50 * time.Millisecond

// Keep advises the process's mappings now and then every interval until
// ctx is done. It is meant to run in its own goroutine for the life of a
// command; errors are ignored (the advice is only an optimisation).
func Keep(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		_ = Advise()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
