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
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/complaints/complaints/internal/hugepages"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	hugepages.Start(ctx) // DuckDB's buffers in 2 MiB pages: see the package
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "complaints:", cleanText(err.Error()))
		os.Exit(1)
	}
}
