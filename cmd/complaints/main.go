// Command complaints loads complaint exports into DuckDB, classifies them,
// computes service metrics and trend alerts, and writes HTML reports.
//
// Usage:
//
//	complaints [--db PATH] COMMAND [flags] [args]
//
// Run `complaints help` for the list of commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/complaints/complaints/internal/hugepages"
	"github.com/complaints/complaints/internal/warehouse"
)

// exitInUse is the exit code of a command that found the warehouse in use
// by another process: sysexits' EX_TEMPFAIL, "try again later", which a
// nightly job can tell from bad data or a bad command (exit 1).
const exitInUse = 75

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	hugepages.Start(ctx) // DuckDB's buffers in 2 MiB pages: see the package
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "complaints:", cleanText(err.Error()))
		if errors.Is(err, warehouse.ErrInUse) {
			os.Exit(exitInUse)
		}
		os.Exit(1)
	}
}
