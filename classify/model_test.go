package classify

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTrainPredictSmall(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{
		"I was charged twice on my bill",
		"the bill has a wrong charge",
		"double charge on my bill again",
		"my package never arrived",
		"the package delivery is late",
		"delivery of my package failed",
	}
	m, err := Train(labels, texts, TrainOptions{Name: "test", Hyper: &Hyper{Method: MethodComplementNB, Alpha: 1, MinDF: 1, Bigrams: true, Sublinear: true}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"another wrong charge on the bill", "billing"},
		{"where is my package", "delivery"},
		{"zzz qqq", ""},
	}
	for _, tt := range tests {
		got, p := m.Predict(tt.in)
		if got != tt.want || p < 0 || p > 1 {
			t.Errorf("Predict(%q) = %q, %.3f, want %q with confidence in 0..1", tt.in, got, p, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := m2.Predict("where is my package"); got != "delivery" {
		t.Errorf("loaded model Predict = %q, want delivery", got)
	}
	if err := os.WriteFile(path, []byte(`{"format":"other"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(path); err == nil {
		t.Error("LoadModel accepted a file of another format")
	}
}
