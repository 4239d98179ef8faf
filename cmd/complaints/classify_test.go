package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/internal/warehouse"
)

// classifyFixture is a warehouse with 12 complaints inserted by SQL: two
// products, six narratives each, plus one complaint without a narrative.
func classifyFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "classify.duckdb")
	ctx := context.Background()
	db, err := warehouse.Open(ctx, path, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	texts := map[string][]string{
		"Mortgage": {
			"My mortgage servicer lost my escrow payment and charged a late fee.",
			"The mortgage company refused my loan modification and started foreclosure.",
			"Escrow shortage on my mortgage after the servicer paid the wrong property tax.",
			"I sent my mortgage payment on time but the servicer applied it late.",
			"My loan modification paperwork was lost by the mortgage servicer three times.",
			"The servicer will not answer about the mortgage escrow refund.",
		},
		"Debt collection": {
			"A debt collector keeps calling me about a debt I do not owe.",
			"The collection agency would not validate the debt and reported it anyway.",
			"Debt collector called my employer about the debt.",
			"I asked the collection agency to stop calling, the debt is not mine.",
			"This collector is trying to collect a debt that was paid in full.",
			"The debt collector threatened me and would not send validation.",
		},
	}
	n := 0
	for _, product := range []string{"Mortgage", "Debt collection"} {
		for _, text := range texts[product] {
			n++
			if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, extra, ingest_run_id, row_hash)
				VALUES (?, 'test', TIMESTAMP '2024-01-01', ?, ?, ?, 1, 1)`, fmt.Sprint(n), product, text, `{"team": "`+product+` team"}`); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, issue, ingest_run_id, row_hash)
		VALUES ('99', 'test', TIMESTAMP '2024-01-01', 'Debt collection', 'Attempts to collect debt not owed', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestClassifyCommand(t *testing.T) {
	db := classifyFixture(t)
	out, _, err := runCLI(t, "--db", db, "classify")
	if err != nil {
		t.Fatal(err)
	}
	// 13 complaints, 12 of them with an English narrative (the fixture).
	if want := fmt.Sprintf("classified 13 complaints (12 with a narrative, 0 of them not in English) with classify/1 taxonomy:default@%d", classify.DefaultTaxonomy().Version); !strings.Contains(out, want) {
		t.Errorf("classify printed %q, want %q", out, want)
	}
	out, _, err = runCLI(t, "--db", db, "classify")
	if err != nil || !strings.Contains(out, "classified 0 complaints") {
		t.Errorf("second classify = %q, %v; want nothing left to classify", out, err)
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "json",
		"SELECT topic, department, count(*) AS n FROM classifications GROUP BY ALL ORDER BY topic")
	if err != nil {
		t.Fatal(err)
	}
	var groups []struct {
		Topic, Department string
		N                 float64
	}
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	byTopic := map[string]float64{}
	for _, g := range groups {
		byTopic[g.Topic] += g.N
	}
	// The phrases of the default taxonomy put each fixture narrative under
	// its product (plus the narrative-less complaint, by its product).
	if byTopic["mortgage"] != 6 || byTopic["debt_collection"] != 7 {
		t.Errorf("topics = %v, want 6 mortgage and 7 debt_collection", groups)
	}
	if _, _, err := runCLI(t, "--db", db, "classify", "stray"); err == nil {
		t.Error("classify accepted a positional argument")
	}
}

func TestTrainCommand(t *testing.T) {
	db := classifyFixture(t)
	model := filepath.Join(t.TempDir(), "product.json")
	out, _, err := runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "3")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"12 labelled narratives, product", "3-fold stratified cross-validation", "accuracy", "macro-F1", "wrote " + model} {
		if !strings.Contains(out, want) {
			t.Errorf("train printed %q, want it to contain %q", out, want)
		}
	}
	b, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Format   string
		Labels   []string
		Training struct {
			Documents   int
			DataSHA256  string `json:"data_sha256"`
			ModelSHA256 string `json:"model_sha256"`
		}
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != "complaints-text-model" || len(m.Labels) != 2 || m.Training.Documents != 12 || len(m.Training.DataSHA256) != 64 || len(m.Training.ModelSHA256) != 64 {
		t.Errorf("model file = %+v, want 2 labels, 12 documents and two SHA-256s", m)
	}
	out, _, err = runCLI(t, "--db", db, "classify", "--all", "--model", model)
	// the recorded name holds the model's hash (of its training data and
	// hyper-parameters), so that two models of one label and version
	// trained on other data are told apart in classifications.model (they
	// were alike: an exploratory QA pass; and with other hyper-parameters:
	// QA pass AG)
	if err != nil || !strings.Contains(out, "classified 13 complaints") || !strings.Contains(out, "linear-svm:product@1+"+m.Training.ModelSHA256[:8]) {
		t.Errorf("classify --model = %q, %v; want the model named with its hash", out, err)
	}
	// A later complaint is not classified by the built-in taxonomy
	// behind the model's back (before, it was, in a vocabulary of topics
	// of its own): classify without --model says to give it.
	later := filepath.Join(t.TempDir(), "later.csv")
	if err := os.WriteFile(later, []byte("complaint_id,source,received_at,narrative\nL1,later,2024-02-01,The servicer lost my mortgage payment.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", later); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify"); err == nil || !strings.Contains(err.Error(), "trained model linear-svm:product@1") || !strings.Contains(err.Error(), "--model FILE") {
		t.Errorf("classify after classify --model, without it: %v, want an error asking for --model", err)
	}
	if out, _, err := runCLI(t, "--db", db, "classify", "--model", model); err != nil || !strings.Contains(out, "classified 1 complaint") {
		t.Errorf("classify --model for the later complaint = %q, %v", out, err)
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "csv",
		"SELECT count(*) FILTER (WHERE topic IN ('Mortgage', 'Debt collection')) AS labelled, count(DISTINCT department) AS departments FROM classifications WHERE complaint_id <> 'L1'")
	// Model labels name taxonomy topics by alias, so they route to the
	// Mortgage Servicing and Collections departments.
	if err != nil || out != "labelled,departments\n13,2\n" {
		t.Errorf("classifications after classify --model = %q, %v", out, err)
	}
	// A key of extra works as a label too.
	out, _, err = runCLI(t, "--db", db, "train", "--label", "team", "--out", model, "--folds", "0")
	if err != nil || !strings.Contains(out, "2 labels") {
		t.Errorf("train --label team (extra) = %q, %v", out, err)
	}
	// a name that is no column says so, naming the columns there are (it
	// read as a column without values: an exploratory QA pass)
	if _, _, err := runCLI(t, "--db", db, "train", "--label", "no_such_key", "--out", model); err == nil ||
		!strings.Contains(err.Error(), `--label "no_such_key": no complaint has such a column (columns: `) || !strings.Contains(err.Error(), "team") {
		t.Errorf("train on a label nobody has: %v, want an error naming the columns and extra keys", err)
	}
	// --char-ngrams is recorded in the model file; a bad range is refused.
	if _, _, err := runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "0", "--char-ngrams", "2-5"); err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Hyper struct {
			Min int `json:"char_ngram_min"`
			Max int `json:"char_ngram_max"`
		} `json:"hyperparameters"`
	}
	if err := json.Unmarshal(b, &h); err != nil || h.Hyper.Min != 2 || h.Hyper.Max != 5 {
		t.Errorf("train --char-ngrams 2-5 wrote %+v (%v), want 2..5", h.Hyper, err)
	}
	for _, bad := range []string{"5-2", "0-3", "3", "a-b"} {
		if _, _, err := runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--char-ngrams", bad); err == nil {
			t.Errorf("train --char-ngrams %q succeeded", bad)
		}
	}
	// Values that trained a model naming one label for every text, or NaN
	// weights found only when saving, or folds by the thousand (an hour's
	// run): refused by flag name before anything is trained.
	for _, bad := range [][]string{
		{"--c", "0"}, {"--c", "-1"}, {"--c", "NaN"}, {"--c", "Inf"},
		{"--nb-alpha", "-1"}, {"--nb-alpha", "NaN"}, {"--min-df", "0"},
		{"--folds", "-1"}, {"--folds", "13"}, // 12 labelled narratives
	} {
		_, _, err := runCLI(t, append([]string{"--db", db, "train", "--label", "product", "--out", model}, bad...)...)
		if err == nil || !strings.Contains(err.Error(), bad[0]+" ") {
			t.Errorf("train %s %s: %v, want an error naming %s", bad[0], bad[1], err, bad[0])
		}
	}
}

// TestTrainShortTexts: the fixture's narratives are short (a median under
// 280 characters), so train takes the short-text settings, each unless its
// flag is given, and says so; --exclude leaves a label out.
func TestTrainShortTexts(t *testing.T) {
	db := classifyFixture(t)
	model := filepath.Join(t.TempDir(), "product.json")
	hyper := func() (h struct {
		Min         int     `json:"char_ngram_min"`
		Max         int     `json:"char_ngram_max"`
		ClassWeight string  `json:"class_weight"`
		NBAlpha     float64 `json:"nb_alpha"`
	}) {
		t.Helper()
		b, err := os.ReadFile(model)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Hyper json.RawMessage `json:"hyperparameters"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(m.Hyper, &h); err != nil {
			t.Fatal(err)
		}
		return h
	}
	out, _, err := runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "short texts (median ") || !strings.Contains(out, "character 2-5-grams, sqrt class weights, NB alpha 0") {
		t.Errorf("train on short texts printed %q, want the short-text settings named", out)
	}
	if h := hyper(); h.Min != 2 || h.Max != 5 || h.ClassWeight != "sqrt" || h.NBAlpha != 0 {
		t.Errorf("short texts trained with %+v, want character 2-5-grams, sqrt weights, no NB scaling", h)
	}
	out, _, err = runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "0",
		"--char-ngrams", "none", "--class-weight", "balanced")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "short texts (median ") || strings.Contains(out, "grams") || strings.Contains(out, "class weights") {
		t.Errorf("train with --char-ngrams none --class-weight balanced printed %q, want only NB alpha named", out)
	}
	if h := hyper(); h.Min != 0 || h.Max != 0 || h.ClassWeight != "balanced" || h.NBAlpha != 0 {
		t.Errorf("explicit flags trained with %+v, want no character n-grams and balanced weights", h)
	}
	// --exclude: 6 narratives of each product; one product left out
	// leaves one label, which train refuses, and a value no narrative
	// has is an error rather than silently nothing left out.
	out, _, err = runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "0", "--exclude", "Debt collection")
	if err == nil || err.Error() != "train: need at least two labels, have 1" || !strings.Contains(out, `6 labelled narratives, product, leaving out "Debt collection" (6)`) {
		t.Errorf("train --exclude 'Debt collection' = %q, %v; want 6 left out and a refusal of one label", out, err)
	}
	if _, _, err := runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--exclude", "Debt colection"); err == nil || !strings.Contains(err.Error(), `no labelled narrative has the value "Debt colection"`) {
		t.Errorf("train --exclude of a value nobody has: %v", err)
	}
	// labels differing only in case or spacing are one class (FoldLabels),
	// so --exclude matches them alike: "debt  COLLECTION" left "Debt
	// collection"'s 6 narratives in as a class of their own; the labels
	// left out are named as stored, not as the flag spelt them (a QA pass)
	out, _, err = runCLI(t, "--db", db, "train", "--label", "product", "--out", model, "--folds", "0", "--exclude", "debt  COLLECTION")
	if err == nil || err.Error() != "train: need at least two labels, have 1" || !strings.Contains(out, `leaving out "Debt collection" (6)`) {
		t.Errorf("train --exclude 'debt  COLLECTION' = %q, %v; want the 6 of \"Debt collection\" left out", out, err)
	}
}

// TestClassifyIncremental: classify records each run (classify_runs) and
// the next one looks only at complaints of later ingest runs; a complaint
// that ingest changed is classified again, and a classification deleted by
// hand (which the record cannot know of) is made again all the same.
func TestClassifyIncremental(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "inc.duckdb")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const header = "complaint_id,source,received_at,product,narrative\n"
	first := write("first.csv", header+
		"1,shop,2024-01-02,Mortgage,My mortgage servicer lost my payment.\n"+
		"2,shop,2024-01-03,Credit card,The card company charged me a fee twice.\n"+
		"3,shop,2024-01-04,Debt collection,A collector keeps calling about a debt I do not owe.\n")
	second := write("second.csv", header+
		"2,shop,2024-01-03,Credit card,The card company charged me a fee twice and I will call my lawyer.\n"+ // changed
		"3,shop,2024-01-04,Debt collection,A collector keeps calling about a debt I do not owe.\n"+ // unchanged
		"4,shop,2024-01-05,Mortgage,The servicer started foreclosure during my modification.\n") // new
	classify := func(want string) {
		t.Helper()
		out, _, err := runCLI(t, "--db", db, "classify")
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("classify = %q, %v; want %q", out, err, want)
		}
	}
	runs := func(want string) {
		t.Helper()
		out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv",
			"SELECT through_ingest_run, classified, all_complaints FROM classify_runs ORDER BY classified_at, through_ingest_run, classified")
		if err != nil || out != want {
			t.Fatalf("classify_runs = %q, %v; want %q", out, err, want)
		}
	}
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", first); err != nil {
		t.Fatal(err)
	}
	classify("classified 3 complaints")
	runs("through_ingest_run,classified,all_complaints\n1,3,false\n")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", second); err != nil {
		t.Fatal(err)
	}
	classify("classified 2 complaints") // 2 changed, 4 new
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv",
		"SELECT complaint_id, legal_threat FROM classifications ORDER BY complaint_id")
	if want := "complaint_id,legal_threat\n1,false\n2,true\n3,false\n4,false\n"; err != nil || out != want {
		t.Errorf("classifications = %q, %v; want %q (complaint 2 as changed)", out, err, want)
	}
	classify("classified 0 complaints")
	execOn(t, db, []string{`DELETE FROM classifications WHERE complaint_id = '1'`})
	classify("classified 1 complaint")
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM classifications")
	if err != nil || out != "n\n4\n" {
		t.Errorf("classifications after the hand deletion = %q, %v; want 4", out, err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify", "--all"); err != nil {
		t.Fatal(err)
	}
	// the run that classified nothing and moved no mark is not recorded
	runs("through_ingest_run,classified,all_complaints\n1,3,false\n2,2,false\n2,1,false\n2,4,true\n")
}

// taxonomyWeeks writes a taxonomy of one topic (ours.yaml) and three
// weekly files of one complaint each that it matches (w1.csv to w3.csv) to
// dir, and returns their contents by name.
func taxonomyWeeks(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{
		"ours.yaml": "version: 2\ntopics:\n  - name: lost_payment\n    department: Payments\n    phrases: [\"lost my payment\"]\n",
		"w1.csv":    "complaint_id,source,received_at,narrative\n1,shop,2024-01-02,My mortgage servicer lost my payment.\n",
		"w2.csv":    "complaint_id,source,received_at,narrative\n2,shop,2024-01-09,They lost my payment again.\n",
		"w3.csv":    "complaint_id,source,received_at,narrative\n3,shop,2024-01-16,Lost my payment a third time.\n",
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestClassifyKeepsTaxonomy: after classify --taxonomy FILE, a classify
// or run given no taxonomy classifies new complaints with the same one
// (kept in classify_runs), not the built-in one; before, the weekly run
// after it classified the week's complaints in the built-in taxonomy's
// topics, and the trends read the change of vocabulary as new and vanished
// topics (an exploratory QA pass).
func TestClassifyKeepsTaxonomy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "keep.duckdb")
	files := taxonomyWeeks(t, dir)
	steps := [][]string{
		{"ingest", "--quiet", filepath.Join(dir, "w1.csv")},
		{"classify", "--taxonomy", filepath.Join(dir, "ours.yaml")},
		{"ingest", "--quiet", filepath.Join(dir, "w2.csv")},
		{"classify"},
		{"run", "--quiet", "--out", filepath.Join(dir, "out"), filepath.Join(dir, "w3.csv")},
	}
	for _, s := range steps {
		if _, _, err := runCLI(t, append([]string{"--db", db}, s...)...); err != nil {
			t.Fatalf("%v: %v", s, err)
		}
	}
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT complaint_id, model, topic, department FROM classifications ORDER BY complaint_id")
	// the model names the taxonomy by file name, version and the first 8
	// hex digits of its YAML's SHA-256
	model := "classify/1 taxonomy:ours@2+" + fmt.Sprintf("%x", sha256.Sum256([]byte(files["ours.yaml"])))[:8]
	want := "complaint_id,model,topic,department\n" +
		"1," + model + ",lost_payment,Payments\n" +
		"2," + model + ",lost_payment,Payments\n" +
		"3," + model + ",lost_payment,Payments\n"
	if err != nil || out != want {
		t.Errorf("classifications = %q, %v\nwant %q", out, err, want)
	}
}

// TestClassifyRecordsTaxonomy: a run that read its topics from a taxonomy
// file records the file's YAML (classify_runs.taxonomy), with which the
// reports read survey comments; the built-in taxonomy records NULL.
func TestClassifyRecordsTaxonomy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tax.duckdb")
	const yaml = "version: 2\ntopics:\n  - name: lost_payment\n    department: Payments\n    phrases: [\"lost my payment\"]\n"
	tax := filepath.Join(dir, "ours.yaml")
	data := filepath.Join(dir, "c.csv")
	for p, b := range map[string]string{tax: yaml, data: "complaint_id,source,received_at,narrative\n1,shop,2024-01-02,My mortgage servicer lost my payment.\n"} {
		if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", data); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify", "--taxonomy", tax); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify", "--all"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "json", "SELECT model, taxonomy FROM classify_runs ORDER BY classified_at")
	if err != nil {
		t.Fatal(err)
	}
	var runs []struct {
		Model    string  `json:"model"`
		Taxonomy *string `json:"taxonomy"`
	}
	if err := json.Unmarshal([]byte(out), &runs); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(runs) != 2 || runs[0].Taxonomy == nil || *runs[0].Taxonomy != yaml || runs[0].Model != "classify/1 taxonomy:ours@2+"+fmt.Sprintf("%x", sha256.Sum256([]byte(yaml)))[:8] || runs[1].Taxonomy != nil {
		t.Errorf("classify_runs = %s; want the file's YAML for the run with --taxonomy, NULL for the built-in taxonomy", out)
	}
}

// TestClassifyWarnsOtherModel: classify --taxonomy (or --model) without
// --all on a warehouse classified by another model warns that the two
// vocabularies of topics stand side by side (QA pass L: a topic renamed in
// week 5's taxonomy read as a spike, ratio 37, without a word); the same
// model again, or --all, does not.
func TestClassifyWarnsOtherModel(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	taxonomyWeeks(t, dir)
	const warning = "classified before by another model"
	tax := filepath.Join(dir, "ours.yaml")
	for _, s := range []struct {
		args []string
		warn bool
	}{
		{[]string{"ingest", "--quiet", filepath.Join(dir, "w1.csv")}, false},
		{[]string{"classify"}, false},
		{[]string{"ingest", "--quiet", filepath.Join(dir, "w2.csv")}, false},
		{[]string{"classify", "--taxonomy", tax}, true},
		{[]string{"ingest", "--quiet", filepath.Join(dir, "w3.csv")}, false},
		{[]string{"classify", "--taxonomy", tax}, true}, // complaint 1 still has the built-in topics
		{[]string{"classify", "--all", "--taxonomy", tax}, false},
	} {
		out, errOut, err := runCLI(t, append([]string{"--db", db}, s.args...)...)
		if err != nil {
			t.Fatalf("%v: %v", s.args, err)
		}
		if strings.Contains(errOut, warning) != s.warn {
			t.Errorf("%v: stderr %q, want the warning: %v", s.args, errOut, s.warn)
		}
		// and the command that classifies them all with the one given
		said := fmt.Sprintf("1 complaint classified before keeps taxonomy:default@%d beside these; classify --all --taxonomy %s classifies every complaint with taxonomy:ours@2+", classify.DefaultTaxonomy().Version, tax)
		if strings.Contains(out, said) != s.warn {
			t.Errorf("%v: stdout %q, want %q: %v", s.args, out, said, s.warn)
		}
	}
}

// TestClassifyTaxonomySwitch: classify --taxonomy with an edited taxonomy
// on a warehouse whose complaints are all classified classified none and
// said nothing (QA pass BC: "classified 0 complaints ... with
// taxonomy:retail@2", the 15,630 complaints left at retail@1), and, the
// run not recorded, a plain classify afterwards went on with version 1.
// It says which complaints keep which topics and how to classify them
// again, and is recorded, once, so that the next plain classify uses
// version 2.
func TestClassifyTaxonomySwitch(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "switch.duckdb")
	files := taxonomyWeeks(t, dir) // ours.yaml is version 2
	v1 := filepath.Join(dir, "ours_v1.yaml")
	v1YAML := strings.Replace(files["ours.yaml"], "version: 2", "version: 1", 1)
	if err := os.WriteFile(v1, []byte(v1YAML), 0o644); err != nil {
		t.Fatal(err)
	}
	v2 := filepath.Join(dir, "ours.yaml")
	stamp := func(name, yaml string) string {
		return name + "+" + fmt.Sprintf("%x", sha256.Sum256([]byte(yaml)))[:8]
	}
	m1, m2 := stamp("taxonomy:ours_v1@1", v1YAML), stamp("taxonomy:ours@2", files["ours.yaml"])
	cli := func(args ...string) string {
		t.Helper()
		out, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	cli("ingest", "--quiet", filepath.Join(dir, "w1.csv"))
	cli("classify", "--taxonomy", v1)
	want := "classified 0 complaints (0 with a narrative, 0 of them not in English) with classify/1 " + m2 + "\n" +
		"1 complaint keeps " + m1 + "; classify --all --taxonomy " + v2 + " classifies it with " + m2 + "\n"
	for range 2 { // the same again: said again, recorded once
		if out := cli("classify", "--taxonomy", v2); out != want {
			t.Errorf("classify --taxonomy v2 printed %q\nwant %q", out, want)
		}
	}
	cli("ingest", "--quiet", filepath.Join(dir, "w2.csv"))
	cli("classify")
	out := cli("sql", "--format", "csv", "SELECT complaint_id, model FROM classifications ORDER BY complaint_id")
	if want := "complaint_id,model\n1,classify/1 " + m1 + "\n2,classify/1 " + m2 + "\n"; out != want {
		t.Errorf("classifications = %q\nwant %q (the new complaint by the taxonomy last given)", out, want)
	}
	out = cli("sql", "--format", "csv", "SELECT model, classified FROM classify_runs ORDER BY classified_at, rowid")
	if want := "model,classified\nclassify/1 " + m1 + ",1\nclassify/1 " + m2 + ",0\nclassify/1 " + m2 + ",1\n"; out != want {
		t.Errorf("classify_runs = %q\nwant %q", out, want)
	}
}
