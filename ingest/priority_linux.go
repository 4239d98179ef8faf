package ingest

import (
	"runtime"
	"syscall"
)

// lowerPriority gives the calling goroutine a thread of its own at a lower
// scheduling priority (nice 10), for work that should mostly use the CPU
// time DuckDB's threads leave idle: against a thread of normal priority it
// gets about a tenth of a core, so it still finishes when other programs
// keep the machine busy (at nice 19 it would get under 2%). The thread ends
// with the goroutine.
func lowerPriority() {
	runtime.LockOSThread()
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10)
}
