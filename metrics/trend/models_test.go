package trend

import (
	"context"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// retrainFixture loads 21 weeks from fixtureStart (Mon 2024-01-01) of 20
// complaints a week in each of the products A, B, C and D, and classifies
// each with its product as its topic, by the model stamp before up to
// week 16 (Mon 2024-04-22) and by after from then on; after names D's
// topic renamed, "D2", as a retrained model renamed "Delays" "Delay" (the
// QA pass's mar.model). Nothing changed in the complaints.
func retrainFixture(t *testing.T, before, after, renamed string) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	counts := map[string][]int{"A": flat(20, 21), "B": flat(20, 21), "C": flat(20, 21), "D": flat(20, 21)}
	loadCanonical(t, db, writeFixture(t, counts, 0))
	change := fixtureStart.AddDate(0, 0, 7*16)
	if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
		SELECT source, complaint_id,
		       CASE WHEN received_at >= $1 AND product = 'D' THEN $2 ELSE product END,
		       false, false, false,
		       CASE WHEN received_at >= $1 THEN $3 ELSE $4 END,
		       CASE WHEN received_at >= $1 THEN TIMESTAMP '2024-05-27' ELSE TIMESTAMP '2024-04-22' END
		FROM complaints`, change, renamed, after, before); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestTopicTestsAcrossModelChange: the topic tests of a period whose
// window holds complaints classified by two models of different topic
// vocabularies compare the models, not the complaints: the QA pass's
// retrain ("Delays" renamed "Delay") raised "shift topic Delays 14.3 vs
// expected 102.9" and a new group Delay, where customers complained as
// before. They are left out, and the result says which period, which
// dimensions and which models (how many complaints each, received when);
// the product tests, whose groups come from the source, are made as
// before. Two stamps of one vocabulary (another classify version, a
// routing taxonomy named) are one model: its tests are made.
func TestTopicTestsAcrossModelChange(t *testing.T) {
	asOf := fixtureStart.AddDate(0, 0, 7*21) // Mon 2024-05-27: week 20 (2024-05-20) judged
	by := []string{"all", "topic", "product", "topic,product"}

	db := retrainFixture(t, "classify/1 linear-svm:cat@1+aaaaaaaa", "classify/1 linear-svm:cat@2+bbbbbbbb", "D2")
	res, err := Detect(context.Background(), db, Options{By: by, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Alerts {
		if a.Dimension == "topic" || a.Dimension == "topic,product" {
			t.Errorf("alert %s %s %s (observed %g, expected %g) across a change of model, want none", a.Kind, a.Dimension, a.Group, a.Observed, a.Expected)
		}
	}
	if len(res.TopicsNotTested) != 1 {
		t.Fatalf("topics not tested = %+v, want the week of 2024-05-20", res.TopicsNotTested)
	}
	nt := res.TopicsNotTested[0]
	if nt.PeriodStart != "2024-05-20" || len(nt.Dimensions) != 2 || nt.Dimensions[0] != "topic" || nt.Dimensions[1] != "topic,product" {
		t.Errorf("not tested: period %s, dimensions %v; want 2024-05-20, [topic topic,product]", nt.PeriodStart, nt.Dimensions)
	}
	// weeks 0-15 by the first model, 16-20 by the second, 80 complaints a
	// week (writeFixture: Monday to Friday from 09:00)
	want := []TopicModel{
		{Model: "linear-svm:cat@1+aaaaaaaa", Complaints: 16 * 80, First: "2024-01-01", Last: "2024-04-19"},
		{Model: "linear-svm:cat@2+bbbbbbbb", Complaints: 5 * 80, First: "2024-04-22", Last: "2024-05-24"},
	}
	if len(nt.Models) != len(want) {
		t.Fatalf("models = %+v, want %+v", nt.Models, want)
	}
	for i := range want {
		if nt.Models[i] != want[i] {
			t.Errorf("model %d = %+v, want %+v", i, nt.Models[i], want[i])
		}
	}
	if res.Tests == 0 {
		t.Errorf("no test made; want those of all and product")
	}

	// One vocabulary: the same model's label, whatever the classify
	// version or routing taxonomy of its stamp. D renamed by it would be
	// a change in the complaints, and is tested (a new group D2).
	db = retrainFixture(t, "classify/1 linear-svm:cat@1+aaaaaaaa", "classify/2 linear-svm:cat@1+aaaaaaaa routing:ours@1+cccccccc", "D2")
	res, err = Detect(context.Background(), db, Options{By: by, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.TopicsNotTested) != 0 {
		t.Errorf("one vocabulary: topics not tested = %+v, want none", res.TopicsNotTested)
	}
	tested := false
	for _, a := range res.Alerts {
		tested = tested || (a.Dimension == "topic" && a.Group == "D2")
	}
	if !tested {
		t.Errorf("one vocabulary: alerts = %+v, want one on topic D2", res.Alerts)
	}
}

// TestTopicVocabulary: the part of a classify model stamp that names its
// topics (classify.Classifier.Name), without the classify version or the
// routing taxonomy of a trained model; a stamp of another form is whole.
func TestTopicVocabulary(t *testing.T) {
	for _, tt := range []struct{ stamp, want string }{
		{"classify/1 taxonomy:default@9", "taxonomy:default@9"},
		{"classify/2 taxonomy:ours@2+0a1b2c3d", "taxonomy:ours@2+0a1b2c3d"},
		{"classify/1 linear-svm:Helpdesk Category@1+648bcf67", "linear-svm:Helpdesk Category@1+648bcf67"},
		{"classify/1 linear-svm:issue@1+c4daf6f0 routing:my routes@3+12345678", "linear-svm:issue@1+c4daf6f0"},
		{"fixture-1", "fixture-1"},
	} {
		if got := TopicVocabulary(tt.stamp); got != tt.want {
			t.Errorf("TopicVocabulary(%q) = %q, want %q", tt.stamp, got, tt.want)
		}
	}
}
