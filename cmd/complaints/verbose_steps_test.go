package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestVerboseSteps: -v ("debug log with the duration of each step", the
// README) logs the main steps of metrics, trends and sql, each with its
// seconds, as ingest and report log theirs. The QA pass found -v printing
// nothing for these three.
func TestVerboseSteps(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", helpdesk); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args  []string
		steps []string // step names the log must hold
	}{
		{[]string{"metrics"}, []string{"step=open", "step=compute", "step=write"}},
		{[]string{"metrics", "--churn"}, []string{"step=open", "step=churn", "step=write"}},
		{[]string{"metrics", "--recovery"}, []string{"step=recovery", "step=write"}},
		{[]string{"metrics", "--drivers"}, []string{"step=drivers", "step=write"}},
		{[]string{"trends"}, []string{"step=open", "step=detect", "step=write"}},
		{[]string{"sql", "SELECT count(*) FROM complaints"}, []string{"step=open", "step=query", "step=write"}},
	} {
		name := strings.Join(tt.args, " ")
		_, errOut, err := runCLI(t, append([]string{"--db", db, "-v"}, tt.args...)...)
		if err != nil {
			t.Fatalf("%s -v: %v", name, err)
		}
		stage := "stage=" + tt.args[0]
		for _, step := range tt.steps {
			found := false
			for _, line := range strings.Split(errOut, "\n") {
				if strings.Contains(line, "level=DEBUG") && strings.Contains(line, stage) && strings.Contains(line, " "+step+" ") && strings.Contains(line, "seconds=") {
					found = true
				}
			}
			if !found {
				t.Errorf("%s -v: no debug line of %s %s with its seconds in\n%s", name, stage, step, errOut)
			}
		}
		// without -v, nothing of it
		if _, errOut, err := runCLI(t, append([]string{"--db", db}, tt.args...)...); err != nil || strings.Contains(errOut, "level=DEBUG") {
			t.Errorf("%s without -v: stderr %q, %v; want no debug line", name, errOut, err)
		}
	}
}
