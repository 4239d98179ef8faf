package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestMappingTimezone: a mapping's timezone reads the times its file
// writes without an offset as times of that zone, stored in UTC; a time
// with an offset or Z keeps its own, a date alone stays the day it names
// (midnight UTC), and a duration after a time adds to the converted time.
// Before, every time without an offset was read as UTC: a Zendesk CSV's
// 2026-11-06 21:00, New York time, was stored as 21:00 UTC, five hours
// early and on the day before (QA pass Y).
//
// The offsets are America/New_York's of 2026 (the IANA tz database):
// EST, UTC-5, until the clocks go forward at 02:00 on Sunday 8 March,
// EDT, UTC-4, until they go back at 02:00 on Sunday 1 November. The UTC
// times are worked by hand from them.
func TestMappingTimezone(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "zendesk.csv")
	writeFile(t, csv, "Id,Created at,First reply time in minutes,Solved at,Subject\n"+
		"winter,2026-11-06 21:00,90,11/06/2026 11:15 PM,Wrong item\n"+
		"summer,2026-07-15 09:30:00,,07/15/2026 10:00 AM,Late\n"+
		"offset,2026-07-15T09:30:00+02:00,,07/15/2026,Refund\n"+
		"utc,2026-01-10T08:00:00Z,15,,Broken\n"+
		"gap,2026-03-08 02:30,,,Billing\n"+
		"overlap,2026-11-01 01:30,,,Billing\n"+
		"date,2026-02-02,,,Billing\n")
	mapping := filepath.Join(dir, "zendesk.yaml")
	writeFile(t, mapping, `target: complaints
source: helpdesk
timezone: America/New_York
columns:
  Id: complaint_id
  Created at: received_at
  First reply time in minutes: first_response_at
  Solved at: resolved_at
  Subject: narrative
dates:
  resolved_at: ["%m/%d/%Y %I:%M %p", "%m/%d/%Y"]
elapsed:
  first_response_at: {since: received_at, unit: minutes}
`)
	m, err := LoadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{Mapping: m}); res.counts() != (counts{7, 7, 0, 0, 0}) {
		t.Fatalf("File(%s) = %v, want the 7 records loaded", csv, res)
	}
	tests := []struct {
		id, received, firstResponse, resolved string
	}{
		// EST: 21:00 + 5 h, the next day; the reply 90 minutes after that;
		// the solve 23:15 + 5 h, by a layout
		{"winter", "2026-11-07 02:00", "2026-11-07 03:30", "2026-11-07 04:15"},
		// EDT: + 4 h
		{"summer", "2026-07-15 13:30", "", "2026-07-15 14:00"},
		// its own offset: 09:30 - 2 h; a date alone by a layout, as written
		{"offset", "2026-07-15 07:30", "", "2026-07-15 00:00"},
		// Z is UTC: as written, and the reply 15 minutes after
		{"utc", "2026-01-10 08:00", "2026-01-10 08:15", ""},
		// 02:30 on 8 March is no New York time (02:00 EST is 03:00 EDT):
		// read with the offset before the change, EST, so 07:30 UTC,
		// which New York's clocks showed as 03:30 EDT (DuckDB's ICU)
		{"gap", "2026-03-08 07:30", "", ""},
		// 01:30 on 1 November is twice New York time, EDT then EST: read
		// as the second, EST (DuckDB's ICU)
		{"overlap", "2026-11-01 06:30", "", ""},
		// a day, not an instant: the day as written
		{"date", "2026-02-02 00:00", "", ""},
	}
	for _, tt := range tests {
		var received, firstResponse, resolved string
		err := db.QueryRowContext(context.Background(), `SELECT strftime(received_at, '%Y-%m-%d %H:%M'),
			coalesce(strftime(first_response_at, '%Y-%m-%d %H:%M'), ''), coalesce(strftime(resolved_at, '%Y-%m-%d %H:%M'), '')
			FROM complaints WHERE complaint_id = ?`, tt.id).Scan(&received, &firstResponse, &resolved)
		if err != nil {
			t.Errorf("%s: %v", tt.id, err)
			continue
		}
		if received != tt.received || firstResponse != tt.firstResponse || resolved != tt.resolved {
			t.Errorf("%s: received_at, first_response_at, resolved_at = %q, %q, %q; want %q, %q, %q",
				tt.id, received, firstResponse, resolved, tt.received, tt.firstResponse, tt.resolved)
		}
	}
}

// TestMappingTimezoneEpoch: seconds since 1970 are UTC by definition, and
// a mapping's timezone leaves them so; a spreadsheet's serial date is a
// day as written, and its fraction a time of the zone.
func TestMappingTimezoneEpoch(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "api.csv")
	// 1783002600 is 2026-07-02 14:30:00 UTC (date -u -d @1783002600);
	// 46205 is 2026-07-02 (days since 1899-12-30: 46023 is 2026-01-01,
	// plus 182), 46205.5 noon of that day
	writeFile(t, csv, "id,created,closed\n"+
		"epoch,1783002600,46205\n"+
		"noon,1783002600,46205.5\n")
	mapping := filepath.Join(dir, "api.yaml")
	writeFile(t, mapping, "timezone: America/New_York\ncolumns: {id: complaint_id, created: received_at, closed: resolved_at}\n"+
		"dates: {received_at: epoch, resolved_at: excel}\n")
	m, err := LoadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{Mapping: m}); res.counts() != (counts{2, 2, 0, 0, 0}) {
		t.Fatalf("File(%s) = %v, want the 2 records loaded", csv, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', complaint_id, strftime(received_at, '%Y-%m-%d %H:%M'),
		strftime(resolved_at, '%Y-%m-%d %H:%M')), '; ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// noon in New York in July (EDT, UTC-4) is 16:00 UTC
	if want := "epoch 2026-07-02 14:30 2026-07-02 00:00; noon 2026-07-02 14:30 2026-07-02 16:00"; got != want {
		t.Errorf("complaints %q, want %q", got, want)
	}
}

// TestMappingTimezoneInvalid: a timezone that names no IANA zone is a
// mapping error naming the file, the line and the name; so is the
// machine's own ("Local"), which would read a file otherwise on another
// machine.
func TestMappingTimezoneInvalid(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, zone, want string }{
		{"misspelt", "America/New_Yrok", `line 2: timezone "America/New_Yrok": unknown time zone (want an IANA name such as America/New_York)`},
		{"local", "Local", `line 2: timezone "Local": the machine's time zone (want an IANA name such as America/New_York)`},
		{"empty", `""`, `line 2: timezone "": want an IANA name such as America/New_York`},
		{"list", "[UTC]", `line 2: timezone: want an IANA name such as America/New_York`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".yaml")
			writeFile(t, path, "target: complaints\ntimezone: "+tt.zone+"\ncolumns: {id: complaint_id, created: received_at}\n")
			_, err := LoadMapping(path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadMapping(%s) = %v, want an error naming the file and %q", path, err, tt.want)
			}
		})
	}
}

// TestZoneAbbreviations: a time followed by a zone's abbreviation, as US
// helpdesk exports write them ("2026-03-02 09:15:00 EST"), is read with
// the abbreviation's offset, whatever the date: PST is UTC-8 in July too.
// Before, DuckDB's cast read some as ICU's zone IDs (PST as
// America/Los_Angeles, so July's 09:15 PST as PDT, an hour off; IST as
// India's, CST as Chicago's, silently), and others not at all (AKST, a
// time to the minute before EST; QA pass). An abbreviation that names
// more than one zone (CST: US Central, China, Cuba; IST: India, Ireland,
// Israel) or none ingest knows is rejected naming it. The offsets are the
// IANA tz database's for the abbreviations (EST -5, EDT -4, PST -8, AKST
// -9, HST -10); the UTC times are worked by hand from them.
func TestZoneAbbreviations(t *testing.T) {
	csv := tempFile(t, "tickets.csv", "complaint_id,received_at,narrative\n"+
		"est,2026-03-02 09:15:00 EST,a\n"+
		"edt,2026-07-02 09:15:00 EDT,a\n"+
		"pst-july,2026-07-02 09:15:00 PST,a\n"+
		"gmt,2026-03-02 09:15:00 GMT,a\n"+
		"utc,2026-03-02 09:15:00 UTC,a\n"+
		"z,2026-03-02 09:15 Z,a\n"+
		"akst,2026-03-02 09:15 AKST,a\n"+
		"hst,2026-03-02T09:15:00 HST,a\n"+
		"cst,2026-03-02 09:15:00 CST,a\n"+
		"ist,2026-03-02 09:15:00 IST,a\n"+
		"xyz,2026-03-02 09:15:00 XYZ,a\n")
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{}); res.counts() != (counts{11, 8, 0, 0, 3}) {
		t.Fatalf("File(%s) = %v, want 8 loaded, 3 rejected", csv, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || ' ' || strftime(received_at, '%H:%M'), ', ' ORDER BY received_at, complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "gmt 09:15, utc 09:15, z 09:15, est 14:15, akst 18:15, hst 19:15, edt 13:15, pst-july 17:15"; got != want {
		t.Errorf("received_at %q, want %q", got, want)
	}
	const field = "field received_at (received_at): "
	want := []string{
		field + `'2026-03-02 09:15:00 CST' ends in the zone abbreviation 'CST', which names more than one zone (US Central -06:00 (America/Chicago), China +08:00 (Asia/Shanghai), Cuba -05:00 (America/Havana)): ` + abbrevSettle,
		field + `'2026-03-02 09:15:00 IST' ends in the zone abbreviation 'IST', which names more than one zone (India +05:30 (Asia/Kolkata), Ireland +01:00 (Europe/Dublin), Israel +02:00 (Asia/Jerusalem)): ` + abbrevSettle,
		field + `'2026-03-02 09:15:00 XYZ' ends in the zone abbreviation 'XYZ', which is not one ingest reads: ` + abbrevSettle,
	}
	r := rejectRows(t, db, "raw")
	if len(r) != len(want) {
		t.Fatalf("rejects %+v, want %d", r, len(want))
	}
	for i, w := range want {
		if !strings.HasSuffix(r[i].reason, w) {
			t.Errorf("reject %d: %q, want it to end %q", i, r[i].reason, w)
		}
	}
}

// TestZoneAbbreviationsMapping: with a mapping's timezone, a time with an
// abbreviation keeps its offset (it was read as a time of the mapping's
// zone a second time: 09:15 EST in Chicago became 20:15 UTC), the
// abbreviations the zone's clocks use read as the zone does (CST and CDT
// in America/Chicago: -6, -5, the tz database's), and a time without one
// is the zone's, as before; a date and time a layout reads ("03/02/2026
// 9:15 AM EST", month first) takes its abbreviation too.
func TestZoneAbbreviationsMapping(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "tickets.csv")
	writeFile(t, csv, "Id,Created,Solved\n"+
		"est,2026-03-02 09:15:00 EST,03/02/2026 9:15 AM EST\n"+
		"cst,2026-03-02 09:15:00 CST,03/02/2026 10:15 AM CST\n"+
		"cdt,2026-07-02 09:15:00 CDT,07/02/2026 9:15 PM CDT\n"+
		"wall,2026-03-02 09:15:00,03/02/2026 9:15 AM\n")
	mapping := filepath.Join(dir, "tickets.yaml")
	writeFile(t, mapping, "timezone: America/Chicago\ncolumns: {Id: complaint_id, Created: received_at, Solved: resolved_at}\n")
	m, err := LoadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{Mapping: m}); res.counts() != (counts{4, 4, 0, 0, 0}) {
		t.Fatalf("File(%s) = %v, want the 4 records loaded", csv, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', complaint_id, strftime(received_at, '%Y-%m-%d %H:%M'),
		strftime(resolved_at, '%Y-%m-%d %H:%M')), '; ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// EST +5 h; CST +6 h; CDT +5 h (21:15 is 02:15 the next day); no
	// abbreviation: Chicago's clock on 2 March, CST, +6 h
	want := "cdt 2026-07-02 14:15 2026-07-03 02:15; cst 2026-03-02 15:15 2026-03-02 16:15; est 2026-03-02 14:15 2026-03-02 14:15; wall 2026-03-02 15:15 2026-03-02 15:15"
	if got != want {
		t.Errorf("complaints %q, want %q", got, want)
	}
}

// TestZoneAbbreviationsAnyCase: an abbreviation in lower or mixed case is
// the same abbreviation (a QA pass: "pst" in July was stored 16:15, read
// by DuckDB's cast as Los Angeles' clock, "bst" as Bangladesh's, "ist" as
// India's, "Cst" as Chicago's, each without a word). Expected times: 09:15
// at UTC-8 (PST, any date) is 17:15 UTC, at UTC-5 (EST) 14:15; a time
// without seconds and one a month-first layout reads take theirs too.
func TestZoneAbbreviationsAnyCase(t *testing.T) {
	csv := tempFile(t, "tickets.csv", "complaint_id,received_at,narrative\n"+
		"pst,2026-07-02 09:15:00 pst,a\n"+
		"pst-short,2026-07-02 09:15 pst,a\n"+
		"est,2026-07-02 09:15:00 Est,a\n"+
		"bst,2026-07-02 09:15:00 bst,a\n"+
		"ist,2026-07-02 09:15:00 ist,a\n"+
		"cst,2026-07-02 09:15:00 Cst,a\n"+
		"jst,2026-07-02 09:15:00 jst,a\n")
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{}); res.counts() != (counts{7, 3, 0, 0, 4}) {
		t.Fatalf("File(%s) = %v, want 3 loaded, 4 rejected", csv, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || ' ' || strftime(received_at, '%H:%M'), ', ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "est 14:15, pst 17:15, pst-short 17:15"; got != want {
		t.Errorf("received_at %q, want %q", got, want)
	}
	for i, r := range rejectRows(t, db, "raw") {
		abbr := []string{"BST", "IST", "CST", "JST"}[i]
		if !strings.Contains(r.reason, "zone abbreviation '"+abbr+"'") {
			t.Errorf("reject %d: %q, want it to name %s", i, r.reason, abbr)
		}
	}
}
