package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMappingsReclameAquiAndITSurvey ingests two shared sets with the
// mappings shipped for them and checks the figures their SOURCE.md gives:
// reclameaqui-pt, 510 complaints (354 PENDING, 156 ANSWERED), none closed;
// it-csat-survey 2018-2019, 190 responses of which 70 have a comment. Its
// Service Desk ratings, counted from the file (csat 5: 114, 4: 49, 3: 5,
// 2: 3, 1: 2; "N/A do not use" or blank: 17), go through the mapping's
// words-to-scores table.
func TestMappingsReclameAquiAndITSurvey(t *testing.T) {
	shared := "../../../shared/data/"
	ra, it := shared+"reclameaqui-pt/reclamacoes_bruto.csv", shared+"it-csat-survey/survey_2018-2019.csv"
	for _, f := range []string{ra, it} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("shared data not found (%v)", err)
		}
	}
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	for _, in := range [][2]string{{"reclameaqui-pt", ra}, {"it-csat-survey-2018", it}} {
		out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--mapping", "../../testdata/mappings/"+in[0]+".yaml", in[1])
		if err != nil {
			t.Fatal(err)
		}
		t.Log(strings.TrimSpace(out))
	}
	for q, want := range map[string]string{
		`SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM complaints WHERE source = 'reclameaqui' AND narrative IS NOT NULL AND issue IS NOT NULL GROUP BY ALL)`: "answered 156, pending 354",
		`SELECT string_agg(coalesce(csat::VARCHAR, 'none') || ' ' || n, ', ' ORDER BY csat) FROM (SELECT csat, count(*) AS n FROM surveys WHERE source = 'it-csat' GROUP BY ALL)`:                                   "1 2, 2 3, 3 5, 4 49, 5 114, none 17",
		`SELECT count(comment) FROM surveys WHERE source = 'it-csat'`: "70",
	} {
		out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", q)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if got := strings.Trim(lines[len(lines)-1], `"`); got != want {
			t.Errorf("%s\n= %q, want %q", q, got, want)
		}
	}
}

// TestMappingCFPBNarrativesProduct: the narratives labelled with their
// product load with their mapping (2,753 rows per SOURCE.md's split) and
// train a model of the 11 products from the command line.
func TestMappingCFPBNarrativesProduct(t *testing.T) {
	f := "../../../shared/data/cfpb-narratives-product/Consumer_Complaints.csv"
	if _, err := os.Stat(f); err != nil {
		t.Skipf("shared data not found (%v)", err)
	}
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--mapping", "../../testdata/mappings/cfpb-narratives-product.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "read 2753 = loaded 2753 + updated 0 + duplicate 0 + rejected 0") {
		t.Errorf("ingest printed %q, want 2,753 loaded", out)
	}
	model := filepath.Join(t.TempDir(), "product.model")
	out, _, err = runCLI(t, "--db", db, "train", "--label", "product", "--folds", "0", "--out", model)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "2753 labelled narratives, product\n") || strings.Contains(out, "short texts") || !strings.Contains(out, "model of 11 labels") {
		t.Errorf("train printed %q, want 2,753 narratives (long texts: the defaults) and 11 labels", out)
	}
}
