package trend

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// redactionFixture loads 13 weeks from fixtureStart (Mon 2024-01-01):
// weeks 0-11 the baseline, 30 complaints a week, all about fees; week 12
// (2024-03-25, the week judged as of Mon 04-01) 30 complaints, 20 of them
// about a "frozen debit card". Every one is classified, its
// narrative_redacted the same text. Then unclassified complaints, whose
// narratives carry what redaction takes out, as QA's did: rawCurrent in
// week 12 and rawBaseline in week 11, each "frozen debit card, write to
// maria.gonzalez@example.com at 12 quincy lane topeka ks", and one with a
// blank narrative (no text: not counted) in week 12.
func redactionFixture(t *testing.T, rawCurrent, rawBaseline int) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	ctx := context.Background()
	insert := func(id string, at time.Time, narrative string, classified bool) {
		if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash)
			VALUES (?, 'fx', ?, ?, 1, 0)`, id, at, narrative); err != nil {
			t.Fatal(err)
		}
		if classified {
			if _, err := db.ExecContext(ctx, `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent,
				language, narrative_redacted, model, classified_at) VALUES ('fx', ?, 'other', false, false, false, 'en', ?, 'fixture', TIMESTAMP '2024-04-01')`,
				id, narrative); err != nil {
				t.Fatal(err)
			}
		}
	}
	for w := 0; w <= 12; w++ {
		for k := 0; k < 30; k++ {
			at := fixtureStart.AddDate(0, 0, 7*w+k%5).Add(9*time.Hour + time.Duration(k)*time.Minute)
			text := fmt.Sprintf("charged a monthly fee again, complaint %d", k)
			if w == 12 && k < 20 {
				text = fmt.Sprintf("my frozen debit card was declined, complaint %d", k)
			}
			insert(fmt.Sprintf("c%02d-%02d", w, k), at, text, true)
		}
	}
	const raw = "frozen debit card, write to maria.gonzalez@example.com at 12 quincy lane topeka ks"
	for k := 0; k < rawCurrent; k++ {
		insert(fmt.Sprintf("raw12-%02d", k), fixtureStart.AddDate(0, 0, 7*12+k%5).Add(15*time.Hour), raw, false)
	}
	for k := 0; k < rawBaseline; k++ {
		insert(fmt.Sprintf("raw11-%02d", k), fixtureStart.AddDate(0, 0, 7*11+k%5).Add(15*time.Hour), raw, false)
	}
	insert("blank12", fixtureStart.AddDate(0, 0, 7*12).Add(16*time.Hour), "", false)
	return db
}

// TestPhrasesRedactedOnly: the emerging phrases were mined from
// coalesce(narrative_redacted, narrative), so an unclassified complaint's
// raw narrative was mined and its words shown (QA: `ingest` then `trends
// --phrases` printed "quincy lane", "maria", "gonzalez", "topeka ks").
// Phrases now come from redacted text only: ReadCorpus leaves the
// unclassified narratives out and counts them, and Detect, like the
// reports (reports/sql/phrases_unredacted.sql), lists no phrase while any
// narrative of the texts compared is not redacted, saying how many.
func TestPhrasesRedactedOnly(t *testing.T) {
	ctx := context.Background()
	asOf := fixtureStart.AddDate(0, 0, 7*13) // Mon 04-01: week 12 judged
	// The texts compared: week 12 and the 12 before it, from Mon
	// 2024-01-01 (week 0) to Sun 03-31.
	from, current := fixtureStart, fixtureStart.AddDate(0, 0, 7*12)

	t.Run("unclassified", func(t *testing.T) {
		// 6 raw narratives in week 12 and 5 in week 11 (6 + 5 = 11, more
		// than MinCount 5 each: before, "quincy lane" and the rest were
		// phrases of week 12, used by 6 of its 36 texts and by none of the
		// 365 before it but 5).
		db := redactionFixture(t, 6, 5)
		c, err := ReadCorpus(ctx, db, from, current, asOf)
		if err != nil {
			t.Fatal(err)
		}
		// Corpus: the classified texts only: 30 of week 12, 12 x 30 = 360
		// before; left out 6 + 5 = 11 (the blank narrative is no text).
		if cur, base := c.Size(); cur != 30 || base != 360 || c.Unredacted() != 11 {
			t.Errorf("corpus of %d current and %d baseline texts, %d left out; want 30, 360, 11", cur, base, c.Unredacted())
		}
		all, err := c.Emerging(1, 1, 0) // every term of week 12
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range all {
			for _, w := range append([]string{p.Phrase}, p.Merged...) {
				for _, raw := range []string{"quincy", "maria", "gonzalez", "topeka", "example"} {
					if strings.Contains(w, raw) {
						t.Errorf("term %q of a raw narrative mined", w)
					}
				}
			}
		}
		res, err := Detect(ctx, db, Options{AsOf: asOf, Phrases: true})
		if err != nil {
			t.Fatal(err)
		}
		want := &PhrasesWithheld{Unredacted: 11, From: "2024-01-01", To: "2024-03-31"}
		if res.Phrases != nil || !reflect.DeepEqual(res.PhrasesWithheld, want) {
			t.Errorf("phrases %+v, withheld %+v; want none, withheld %+v", res.Phrases, res.PhrasesWithheld, want)
		}
	})

	t.Run("classified", func(t *testing.T) {
		// Every narrative redacted: "frozen debit card" emerges in week 12
		// (20 of 30 texts against none of 360), nothing is withheld.
		db := redactionFixture(t, 0, 0)
		res, err := Detect(ctx, db, Options{AsOf: asOf, Phrases: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.PhrasesWithheld != nil {
			t.Errorf("withheld %+v, want nil", res.PhrasesWithheld)
		}
		found := false
		for _, p := range res.Phrases {
			t.Logf("phrase %q obs %v exp %v merged %v", p.Phrase, p.Observed, p.Expected, p.Merged)
			found = found || strings.Contains(p.Phrase, "debit card")
		}
		if !found {
			t.Errorf("no \"debit card\" phrase in %+v", res.Phrases)
		}
	})
}

// redactAsIs classifies every complaint of db that has a narrative, with
// the narrative itself as its redacted text: a stand-in for classify in
// tests of the phrases, which are mined from redacted text only (the
// public titles and fixture texts hold nothing the tests redact).
func redactAsIs(t testing.TB, db *warehouse.DB) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent,
		legal_threat, urgent, language, narrative_redacted, model, classified_at)
		SELECT source, complaint_id, 'other', false, false, false, 'en', narrative, 'as-is', TIMESTAMP '2000-01-01'
		FROM complaints WHERE nullif(narrative, '') IS NOT NULL`); err != nil {
		t.Fatalf("redact as is: %v", err)
	}
}
