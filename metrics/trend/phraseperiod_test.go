package trend

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// TestPhrasesPeriodInJSON: a replay (Since) replays the alerts, not the
// phrases, which are the last period's only; the trends JSON says which
// period they are of (phrases_period_start), so that a replay listing
// none, or some, is not read as each period's. The QA pass found nothing
// saying so in `trends --format json --since`: the text table has a line
// for it, and each phrase its period_start, but a replay of no phrase in
// its last period said nothing at all. Planted: products A and B, 30
// complaints a week for 20 weeks; in week 17 (replayed, not the last)
// half of A's say "router keeps rebooting", a phrase of that week the
// replay does not list. Without Phrases, no such field.
func TestPhrasesPeriodInJSON(t *testing.T) {
	const weeks = 20
	db := routerWeek(t, weeks, 17)
	ctx := context.Background()
	last := fixtureStart.AddDate(0, 0, 7*(weeks-1)).Format(dateLayout)
	for _, tc := range []struct {
		name string
		opts Options
		want any // phrases_period_start in the JSON; nil: none
	}{
		{"replay", Options{Since: fixtureStart.AddDate(0, 0, 7*16), AsOf: fixtureStart.AddDate(0, 0, 7*weeks), Phrases: true}, last},
		{"last week", Options{AsOf: fixtureStart.AddDate(0, 0, 7*weeks), Phrases: true}, last},
		{"no phrases asked", Options{Since: fixtureStart.AddDate(0, 0, 7*16), AsOf: fixtureStart.AddDate(0, 0, 7*weeks)}, nil},
	} {
		res, err := Detect(ctx, db, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var js map[string]any
		if err := json.Unmarshal(b, &js); err != nil {
			t.Fatal(err)
		}
		if got := js["phrases_period_start"]; got != tc.want {
			t.Errorf("%s: phrases_period_start %v, want %v\n%s", tc.name, got, tc.want, b)
		}
		for _, p := range res.Phrases {
			if p.PeriodStart != last {
				t.Errorf("%s: phrase %q of %s, want the last period's (%s)", tc.name, p.Phrase, p.PeriodStart, last)
			}
		}
	}
	// the planted week's own run lists the phrase: the replay leaves it
	// out for being another period's, not for want of it
	res, err := Detect(ctx, db, Options{AsOf: fixtureStart.AddDate(0, 0, 7*18), Phrases: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Phrases) == 0 {
		t.Errorf("week 17 judged alone: no phrase; want the planted \"keeps rebooting\"")
	}
	for _, p := range res.Phrases {
		t.Logf("week 17 judged alone: %q of %s", p.Phrase, p.PeriodStart)
	}
}

// routerWeek is the phrase-period tests' warehouse: products A and B, 30
// complaints a week for weeks weeks from fixtureStart, half of A's in week
// week saying "my router keeps rebooting", redacted as they are.
func routerWeek(t *testing.T, weeks, week int) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(30, weeks), "B": flat(30, weeks)}, 0))
	if _, err := db.ExecContext(context.Background(), `UPDATE complaints SET narrative = 'my router keeps rebooting'
		WHERE complaint_id LIKE $1 AND CAST(right(complaint_id, 3) AS INTEGER) % 2 = 0`, fmt.Sprintf("A-%02d-%%", week)); err != nil {
		t.Fatal(err)
	}
	redactAsIs(t, db)
	return db
}
