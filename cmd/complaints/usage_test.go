package main

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestUsageNamesEveryFlag: a command's usage line names each of its flags:
// metrics' omitted --link-window and the target flags (--ack-days,
// --resolution-target, --holidays, --business-hours), which it has and
// which work (a newcomer QA pass).
func TestUsageNamesEveryFlag(t *testing.T) {
	flagLine := regexp.MustCompile(`(?m)^  -(\S+)`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		help, _, err := runCLI(t, "help", name)
		if err != nil {
			t.Fatalf("help %s: %v", name, err)
		}
		for _, m := range flagLine.FindAllStringSubmatch(help, -1) {
			if !strings.Contains(commands[name].usage, "--"+m[1]) {
				t.Errorf("usage of %s does not name --%s: %s", name, m[1], commands[name].usage)
			}
		}
	}
}

// TestTrendsAsOfHelp: trends' --as-of help said the default was "the date
// of the latest complaint", but with --metrics the latest survey response
// or resolution counts too: a warehouse of surveys alone is judged as of
// its latest response (a newcomer QA pass).
func TestTrendsAsOfHelp(t *testing.T) {
	help, _, err := runCLI(t, "help", "trends")
	if err != nil {
		t.Fatal(err)
	}
	_, asOf, _ := strings.Cut(help, "  -as-of string\n")
	asOf, _, _ = strings.Cut(asOf, "\n  -")
	if !strings.Contains(asOf, "with --metrics") || !strings.Contains(asOf, "survey response") {
		t.Errorf("--as-of help %q: want the default with --metrics said (the latest survey response or resolution)", asOf)
	}
	// and so it is: surveys alone, judged as of the latest response
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "../../testdata/demo/synthetic/synthetic_surveys.csv"); err != nil {
		t.Fatal(err)
	}
	latest, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT max(responded_at)::DATE AS d FROM surveys")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "trends", "--metrics", "--format", "json")
	if d := strings.TrimPrefix(strings.TrimSpace(latest), "d\n"); err != nil || !strings.Contains(out, `"as_of": "`+d+`"`) {
		t.Errorf("trends --metrics on surveys alone: %v, want as_of %s:\n%s", err, d, out)
	}
}

// TestZendeskCSVAdvice: a Zendesk CSV export of tickets given --profile
// zendesk (the API's JSON profile) was told that "a CSV export needs
// --mapping FILE", where the README loads it with the tickets profile and
// no mapping (a newcomer QA pass): the message says so.
func TestZendeskCSVAdvice(t *testing.T) {
	dir := t.TempDir()
	file := writeTemp(t, dir, "zd.csv", "Ticket ID,Subject,Description,Status,Created time,Requester\n"+
		"101,Refund,I was charged twice,Open,2026-11-02 09:00:00,a\n")
	db := filepath.Join(dir, "w.duckdb")
	_, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--profile", "zendesk", file)
	if err == nil || !strings.Contains(err.Error(), "--profile tickets") {
		t.Errorf("ingest --profile zendesk of a CSV export: %v, want the tickets profile suggested", err)
	}
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--profile", "tickets", file); err != nil {
		t.Errorf("ingest --profile tickets of the same export: %v", err)
	}
}

// TestUsageErrorOneLine: README, commands: "Every command exits non-zero
// with a one-line message" when it cannot do its job. A usage error
// printed the usage line first, and a bad flag every flag's help, then the
// message (a newcomer QA pass): it is one line, naming the fault and where
// the usage is.
func TestUsageErrorOneLine(t *testing.T) {
	asCLIChild()
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	for _, tt := range []struct {
		command string
		args    []string
		want    []string
	}{
		{"metrics", []string{"metrics", "--limit", "3"}, []string{"--limit counts the customers --churn lists", "see `complaints help metrics`"}},
		{"metrics", []string{"metrics", "--bogus"}, []string{"flag provided but not defined: -bogus", "see `complaints help metrics`"}},
		{"trends", []string{"trends", "--q"}, []string{"flag needs an argument: -q", "see `complaints help trends`"}},
		{"ingest", []string{"ingest"}, []string{"no file given: name the files to load", "see `complaints help ingest`"}},
		{"run", []string{"run", "--out", filepath.Join(dir, "out")}, []string{"no file given", "see `complaints help run`"}},
		{"report", []string{"report"}, []string{"--out is required", "see `complaints help report`"}},
		// a flag's value out of its range is a mistake in the arguments
		// too (a regression hunt: no pointer to the usage)
		{"report", []string{"report", "--out", filepath.Join(dir, "out"), "--period", "year"}, []string{"--period \"year\": want week or month", "see `complaints help report`"}},
		{"trends", []string{"trends", "--q", "2"}, []string{"--q 2: want a false discovery rate", "see `complaints help trends`"}},
		{"train", []string{"train", "--label", "product", "--out", filepath.Join(dir, "m.json"), "--c", "-1"}, []string{"--c -1: want a positive number", "see `complaints help train`"}},
	} {
		wantFailure(t, runChild(t, append([]string{"--db", db}, tt.args...)...), tt.command, tt.want...)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `complaints: unknown command "frobnicate"; see ` + "`complaints help`"},
		{[]string{"--bogus", "metrics"}, `complaints: unknown flag "--bogus"`},
		{nil, "complaints: no command given; see `complaints help`"},
		{[]string{"help", "a", "b"}, "complaints: help takes one command name, got 2"},
	} {
		r := runChild(t, tt.args...)
		if msg := strings.TrimSuffix(r.stderr, "\n"); r.code != 1 || strings.Contains(msg, "\n") || !strings.HasPrefix(msg, tt.want) {
			t.Errorf("complaints %q: %v; want exit 1 and one line starting %q", tt.args, r, tt.want)
		}
	}
}
