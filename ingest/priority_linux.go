package ingest

import (
	"runtime"
	"syscall"
)

// lowerPriority gives the calling goroutine a thread of its own at the
// lowest scheduling priority (nice 19), for work that should use only the
// CPU time DuckDB's threads leave idle. The thread ends with the goroutine.
func lowerPriority() {
	runtime.LockOSThread()
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
}
