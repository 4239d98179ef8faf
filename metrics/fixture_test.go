package metrics

import (
	"context"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// openTestDB opens a fresh warehouse in a temporary directory.
func openTestDB(t testing.TB) *warehouse.DB {
	t.Helper()
	return warehousetest.Open(t, warehouse.Options{})
}

// complaint is a fixture complaint; zero values are stored as NULL.
type complaint struct {
	id, customer            string
	source                  string // "" = "fixture"
	received                string // "2006-01-02 15:04"
	firstResponse, resolved string
	status                  string
	product, channel        string
	reopened                *int
	timely, disputed        *bool
	compensation            *float64
	topic, sentiment        string // classification; topic "" = unclassified
	churnIntent             bool
	sentimentScore          *float64
	run                     int64 // ingest_run_id: the ingest run (export) that stored it
}

type survey struct {
	id, customer, complaint string
	responded               string
	csat, nps, ces          *int
}

type customer struct {
	id, churned string
}

func ip(i int) *int         { return &i }
func bp(b bool) *bool       { return &b }
func fp(f float64) *float64 { return &f }
func ts(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// load inserts the fixture into db with plain parameterised INSERTs.
func load(t testing.TB, db *warehouse.DB, cs []complaint, ss []survey, us []customer) {
	t.Helper()
	ctx := context.Background()
	for i, c := range cs {
		src := c.source
		if src == "" {
			src = "fixture"
		}
		var reopened, timely, disputed, comp any
		if c.reopened != nil {
			reopened = *c.reopened
		}
		if c.timely != nil {
			timely = *c.timely
		}
		if c.disputed != nil {
			disputed = *c.disputed
		}
		if c.compensation != nil {
			comp = *c.compensation
		}
		_, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, channel, customer_id,
			product, status, first_response_at, resolved_at, reopened_count, timely, disputed, compensation_amount,
			ingest_run_id, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.id, src, ts(c.received), str(c.channel), str(c.customer), str(c.product), str(c.status),
			ts(c.firstResponse), ts(c.resolved), reopened, timely, disputed, comp, c.run, uint64(i))
		if err != nil {
			t.Fatalf("insert complaint %s: %v", c.id, err)
		}
		if c.topic != "" {
			var score any
			if c.sentimentScore != nil {
				score = *c.sentimentScore
			}
			_, err := db.ExecContext(ctx, `INSERT INTO classifications (source, complaint_id, topic, sentiment,
				sentiment_label, churn_intent, legal_threat, urgent, language, model, classified_at)
				VALUES (?, ?, ?, ?, ?, ?, false, false, 'en', 'fixture', TIMESTAMP '2024-01-01')`,
				src, c.id, c.topic, score, str(c.sentiment), c.churnIntent)
			if err != nil {
				t.Fatalf("insert classification %s: %v", c.id, err)
			}
		}
	}
	for i, s := range ss {
		var csat, nps, ces any
		if s.csat != nil {
			csat = *s.csat
		}
		if s.nps != nil {
			nps = *s.nps
		}
		if s.ces != nil {
			ces = *s.ces
		}
		_, err := db.ExecContext(ctx, `INSERT INTO surveys (response_id, source, customer_id, complaint_id,
			responded_at, csat, nps, ces, ingest_run_id, row_hash) VALUES (?, 'fixture-survey', ?, ?, ?, ?, ?, ?, 0, ?)`,
			s.id, str(s.customer), str(s.complaint), ts(s.responded), csat, nps, ces, uint64(i))
		if err != nil {
			t.Fatalf("insert survey %s: %v", s.id, err)
		}
	}
	for i, u := range us {
		_, err := db.ExecContext(ctx, `INSERT INTO customers (customer_id, churned_at, ingest_run_id, row_hash)
			VALUES (?, ?, 0, ?)`, u.id, ts(u.churned), uint64(i))
		if err != nil {
			t.Fatalf("insert customer %s: %v", u.id, err)
		}
	}
}

// The hand-worked fixture. 2024-01-01 is a Monday; as of Sunday 2024-01-14
// the cutoff is Monday 2024-01-15 00:00. Durations are worked out beside
// each complaint (calendar hours; business hours count only Mon-Fri).
var (
	fixtureComplaints = []complaint{
		// c1 Mon 09:00: response +2h, resolved Wed 09:00 = 48h.
		{id: "c1", customer: "u1", received: "2024-01-01 09:00", firstResponse: "2024-01-01 11:00",
			resolved: "2024-01-03 09:00", status: "closed", product: "A", channel: "phone",
			reopened: ip(0), timely: bp(true), disputed: bp(false), compensation: fp(10),
			topic: "billing", sentiment: "negative", churnIntent: true, sentimentScore: fp(-0.2)},
		// c2 Tue 10:00: response Fri 10:00 = 72h (72 business hours: ack exactly on target),
		// resolved Mon 01-08 10:00 = 144h calendar, 14+24+24+24+10 = 96 business hours.
		{id: "c2", customer: "u2", received: "2024-01-02 10:00", firstResponse: "2024-01-05 10:00",
			resolved: "2024-01-08 10:00", status: "closed", product: "B", channel: "email",
			reopened: ip(1), timely: bp(false), disputed: bp(true),
			topic: "billing", sentiment: "neutral", sentimentScore: fp(0)},
		// c3 Fri 12:00: response Wed 01-10 13:00 = 121h calendar, 12+24+24+13 = 73 business
		// hours > 72 (ack missed); still open.
		{id: "c3", customer: "u1", received: "2024-01-05 12:00", firstResponse: "2024-01-10 13:00",
			status: "open", product: "A", channel: "phone"},
		// c4 Wed 08:00: closed without any timestamp (resolved, SLA not judged).
		// It comes from an export of its own (ingest run 1), dated by its
		// only time, the receipt (sql/exports.sql), so its closure is known
		// as of 01-14. Stored by run 0, beside c5's resolution of 01-19,
		// the closure would be known only from 01-19 on: not judged as of
		// 01-14 (TestUpdateOnlyExportNoLookAhead).
		{id: "c4", received: "2024-01-10 08:00", status: "closed", product: "B", channel: "web",
			topic: "delivery", sentiment: "positive", sentimentScore: fp(0.5), run: 1},
		// c5 Thu 09:00: response +1h, resolved after the as-of date (not resolved by it).
		{id: "c5", customer: "u3", received: "2024-01-11 09:00", firstResponse: "2024-01-11 10:00",
			resolved: "2024-01-19 09:00", status: "closed", product: "A", channel: "web",
			topic: "delivery", sentiment: "negative", sentimentScore: fp(-0.6)},
	}
	fixtureSurveys = []survey{
		{id: "s1", customer: "u1", complaint: "c1", responded: "2024-01-03 12:00", csat: ip(5), nps: ip(9), ces: ip(2)},
		// s2 names no complaint: links to u2's latest complaint before it, c2 (7 days earlier).
		{id: "s2", customer: "u2", responded: "2024-01-09 12:00", csat: ip(2), nps: ip(3), ces: ip(6)},
		// s3: a customer with no complaint: unlinked.
		{id: "s3", customer: "u9", responded: "2024-01-10 12:00", csat: ip(4), nps: ip(7)},
		// s4 links to c5 (u3's latest complaint, the day before).
		{id: "s4", customer: "u3", responded: "2024-01-12 12:00", nps: ip(10)},
	}
	fixtureAsOf = time.Date(2024, 1, 14, 0, 0, 0, 0, time.UTC)
)
