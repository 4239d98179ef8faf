package classify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestModelFormatVersion2: a model file's cross-validation may hold the
// majority-class baseline and the count of repeated texts, which readers
// of format version 1 refuse as unknown fields (QA pass BE: the previous
// build said "load model prod.json: json: unknown field
// "majority_baseline""): such files are of version 2, which a version-1
// reader refuses saying to upgrade. This build still loads version 1
// (modelV1) and its own files.
func TestModelFormatVersion2(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{"wrong charge on my bill", "the bill has a charge twice", "charge on the bill",
		"my package is late", "the package never came", "package delivery late"}
	h := DefaultHyper()
	h.CGrid, h.C, h.MinDF = nil, 1, 1
	m, err := Train(context.Background(), labels, texts, TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	m.CV = &CVReport{Folds: 2, Seed: 1, Baseline: 0.5, Repeated: 2, RepeatedLabelledApart: 1}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		FormatVersion int `json:"format_version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		t.Fatal(err)
	}
	if head.FormatVersion != 2 || !strings.Contains(string(b), `"majority_baseline"`) {
		t.Errorf("file of format version %d, want 2 for a cross-validation with majority_baseline", head.FormatVersion)
	}
	if _, err := LoadModel(path); err != nil {
		t.Errorf("this build's own file: %v", err)
	}
	v1 := filepath.Join(dir, "v1.json")
	if err := os.WriteFile(v1, []byte(modelV1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(v1); err != nil {
		t.Errorf("a version-1 file: %v", err)
	}
}
