package trend

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// TestPartialPhrasesOfCompletePeriod: with IncludePartial the latest
// complete period is judged as without it, its emerging phrases too; the
// incomplete period after it gets none, and says so among the tests it
// was not given (metrics_not_tested: phrases, incomplete_period). The QA
// pass found `trends --include-partial --phrases` on the demo warehouse
// listing no phrase, of the partial week 2020-03-16, where without the
// flag the week of 2020-03-09 listed "internet speed" and "page says".
// Planted as in TestPhrasesPeriodInJSON: products A and B, 30 complaints a
// week for 20 weeks; half of A's of week 18 (the latest complete one, as
// of three days into week 19) say "router keeps rebooting".
func TestPartialPhrasesOfCompletePeriod(t *testing.T) {
	const weeks = 20
	db := routerWeek(t, weeks, 18)
	ctx := context.Background()
	asOf := fixtureStart.AddDate(0, 0, 7*19+3)
	complete := fixtureStart.AddDate(0, 0, 7*18).Format(dateLayout)
	partial := fixtureStart.AddDate(0, 0, 7*19).Format(dateLayout)

	without, err := Detect(ctx, db, Options{AsOf: asOf, Phrases: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(without.Phrases) == 0 || without.PhrasesPeriodStart != Date(complete) {
		t.Fatalf("without IncludePartial: %d phrases of %s, want the planted one of %s", len(without.Phrases), without.PhrasesPeriodStart, complete)
	}
	with, err := Detect(ctx, db, Options{AsOf: asOf, Phrases: true, IncludePartial: true})
	if err != nil {
		t.Fatal(err)
	}
	if with.PhrasesPeriodStart != Date(complete) {
		t.Errorf("with IncludePartial: phrases_period_start %s, want the latest complete week's, %s", with.PhrasesPeriodStart, complete)
	}
	if !reflect.DeepEqual(with.Phrases, without.Phrases) {
		t.Errorf("with IncludePartial: phrases %+v, want those without it, %+v", with.Phrases, without.Phrases)
	}
	// the partial week's alerts are judged: the run reaches it
	if with.Tests <= without.Tests {
		t.Errorf("with IncludePartial: %d tests, want more than the %d of the complete week alone", with.Tests, without.Tests)
	}
	want := []map[string]any{{"period_start": partial, "metric": "phrases", "test": "emerging", "reason": ReasonIncompletePeriod,
		"responses": 0.0, "min_responses": 0.0}}
	if got := notTested(t, with); !reflect.DeepEqual(got, want) {
		t.Errorf("with IncludePartial: metrics_not_tested %v, want %v", got, want)
	}
	if got := notTested(t, without); got != nil {
		t.Errorf("without IncludePartial: metrics_not_tested %v, want none", got)
	}
	b, err := json.Marshal(with)
	if err != nil {
		t.Fatal(err)
	}
	var js map[string]any
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	if js["phrases_period_start"] != complete {
		t.Errorf("JSON phrases_period_start %v, want %s", js["phrases_period_start"], complete)
	}
}
