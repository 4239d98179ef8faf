// Command demo writes the synthetic demo files (see package demo).
//
// Usage:
//
//	go run ./internal/synth/demo/cmd -out testdata/demo/synthetic [-seed N]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/complaints/complaints/internal/synth/demo"
)

func main() {
	out := flag.String("out", "testdata/demo/synthetic", "directory to write into")
	seed := flag.Uint64("seed", demo.DefaultSeed, "random seed")
	flag.Parse()
	if err := demo.Write(*out, demo.Options{Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
