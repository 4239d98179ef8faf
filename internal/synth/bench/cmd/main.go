// Command bench writes the generated CFPB-format benchmark exports that the
// benchmarks use (`make bench` writes them on first use), so a run can be
// reproduced by hand with the CLI:
//
//	go run ./internal/synth/bench/cmd -rows 10000000
//	go run ./internal/synth/bench/cmd -rows 10000000 -week
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/complaints/complaints/internal/synth/bench"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "records in the full export")
	week := flag.Bool("week", false, "write the weekly export that follows the full one instead")
	dir := flag.String("dir", filepath.Join("testdata", "bench"), "output directory")
	flag.Parse()
	name := fmt.Sprintf("cfpb_%d.csv", *rows)
	opts := bench.Options{Rows: *rows, Seed: 1}
	if *week {
		name = fmt.Sprintf("cfpb_%d_week.csv", *rows)
		opts = bench.Week(*rows)
	}
	path, err := bench.EnsureOptions(filepath.Join(*dir, name), opts, bench.DefaultPool("."))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}
