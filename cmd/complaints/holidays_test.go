package main

import (
	"flag"
	"strings"
	"testing"
	"time"
)

// TestHolidaysParse: --holidays is a set of dates, so its order and
// repeats change nothing (a QA pass: index.html's bytes changed with the
// order the holidays were given in), and an impossible date is named as
// one, as --as-of's is ("2024-13-01" was told to be YYYY-MM-DD, which it
// is).
func TestHolidaysParse(t *testing.T) {
	parse := func(s string) ([]time.Time, error) {
		var tf targetFlags
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		tf.define(fs)
		if err := fs.Parse([]string{"--holidays", s}); err != nil {
			t.Fatal(err)
		}
		return tf.parse()
	}
	a, err := parse("2024-12-25,2024-01-01, 2024-12-25")
	if err != nil {
		t.Fatal(err)
	}
	b, err := parse("2024-01-01,2024-12-25")
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 2 || len(b) != 2 || !a[0].Equal(b[0]) || !a[1].Equal(b[1]) {
		t.Errorf("holidays %v and %v, want both [2024-01-01 2024-12-25]", a, b)
	}
	if _, err := parse("2024-13-01"); err == nil || !strings.Contains(err.Error(), `--holidays "2024-13-01": no such date`) {
		t.Errorf("impossible date: %v, want it named as no such date", err)
	}
	if _, err := parse("Christmas"); err == nil || !strings.Contains(err.Error(), `--holidays "Christmas": want YYYY-MM-DD`) {
		t.Errorf("not a date: %v, want YYYY-MM-DD asked", err)
	}
}
