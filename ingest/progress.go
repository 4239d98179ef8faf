package ingest

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// watchProgress calls report every 200 ms with the bytes this process has
// read since it started watching (Linux /proc/self/io rchar: DuckDB reads
// the file itself, so this is the only view of its progress), less the
// bytes counted in other (read by the checksum). The returned function
// stops it.
func watchProgress(report func(read, size int64), size int64, other *atomic.Int64) (stop func()) {
	if report == nil {
		return func() {}
	}
	start, ok := bytesRead()
	start -= other.Load()
	if !ok {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				report(size, size)
				return
			case <-t.C:
				if n, ok := bytesRead(); ok {
					report(max(0, min(n-other.Load()-start, size)), size)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

func bytesRead() (int64, bool) {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "rchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}
