package ingest

import (
	"runtime"
	"strconv"
	"testing"
)

// threadNice reads the calling thread's nice value from /proc.
func threadNice() (int, error) {
	f, err := statFields("/proc/thread-self/stat", 19)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(f[19])
}

// TestLowerPriority: the checksum's thread runs at nice 10, low enough to
// leave DuckDB's threads the CPU, high enough to finish on a busy machine
// (at nice 19, with two busy programs beside it, a 1M-row ingest took
// 64-73 s instead of 18-21), and only that thread.
func TestLowerPriority(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before, err := threadNice()
	if err != nil {
		t.Skipf("thread priority not readable: %v", err)
	}
	type result struct {
		nice int
		err  error
	}
	done := make(chan result)
	go func() {
		lowerPriority()
		n, err := threadNice()
		done <- result{n, err}
	}()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	// A process already niced beyond 10 stays there (raising a priority
	// takes privileges).
	if r.nice != 10 && !(before > 10 && r.nice == before) {
		t.Errorf("checksum thread at nice %d, want 10 (process at %d)", r.nice, before)
	}
	if got, _ := threadNice(); got != before {
		t.Errorf("the test's thread is now at nice %d, was %d", got, before)
	}
}
