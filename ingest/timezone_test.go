package ingest

import (
	"context"
	"fmt"
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

// TestZoneAbbreviationsLate: a zone's abbreviation that first appears
// after the values inferDates samples (dateSample, the first 2,000) is
// read as one that appears among them is: PST at UTC-8, IST and BST
// rejected naming them. Before, the column of ISO times was read typed
// (typedColumn) by DuckDB's reader, whose cast reads a time with seconds
// and an abbreviation as ICU's zone ID (July's 09:15:00 PST as Los
// Angeles' PDT, 16:15 UTC; IST as India's, BST as Bangladesh's) without a
// word, and one without seconds as nothing, which failed the whole file
// ("2502 of 2504 records were valid on a second reading ... did the file
// change?"). Expected times as TestZoneAbbreviations': 09:15 at UTC-8 is
// 17:15 UTC.
func TestZoneAbbreviationsLate(t *testing.T) {
	var b strings.Builder
	b.WriteString("complaint_id,received_at,narrative\n")
	early := dateSample + 500 // past the sample
	for i := range early {
		fmt.Fprintf(&b, "c%d,2026-07-01 09:%02d:00,a\n", i, i%60)
	}
	first := b.String() // the header and the ISO times
	b.WriteString("pst,2026-07-02 09:15:00 PST,a\n" +
		"pst-short,2026-07-02 09:15 PST,a\n" +
		"ist,2026-07-02 09:15:00 IST,a\n" +
		"bst,2026-07-02 09:15:00 BST,a\n" +
		"midnight,2026-07-02 12:00 MIDNIGHT,a\n")
	csv := tempFile(t, "tickets.csv", b.String())
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{}); res.counts() != (counts{int64(early) + 5, int64(early) + 3, 0, 0, 2}) {
		t.Fatalf("File(%s) = %v, want %d loaded, 2 rejected", csv, res, early+3)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || ' ' || strftime(received_at, '%H:%M'), ', ' ORDER BY complaint_id)
		FROM complaints WHERE complaint_id NOT LIKE 'c%'`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// 12:00 MIDNIGHT is 00:00 (TestNoonMidnight)
	if want := "midnight 00:00, pst 17:15, pst-short 17:15"; got != want {
		t.Errorf("received_at %q, want %q", got, want)
	}
	for i, r := range rejectRows(t, db, "raw") {
		abbr := []string{"IST", "BST"}[i]
		if !strings.Contains(r.reason, "zone abbreviation '"+abbr+"'") {
			t.Errorf("reject %d: %q, want it to name %s", i, r.reason, abbr)
		}
	}
	// MIDNIGHT alone after the sample: no abbreviation of five letters
	// or fewer, which DuckDB's reader read as no time
	csv = tempFile(t, "midnight.csv", first+"midnight,2026-07-02 12:00 MIDNIGHT,a\n")
	db = openTemp(t)
	if res := mustIngest(t, db, csv, Options{}); res.counts() != (counts{int64(early) + 1, int64(early) + 1, 0, 0, 0}) {
		t.Fatalf("File(%s) = %v, want the %d records loaded", csv, res, early+1)
	}
}

// TestFileHasZoneAbbrev: the scan of a whole file finds a value ending in
// a zone's abbreviation after a time (as zoneAbbrevRE reads one, AM and PM
// none) wherever it is, across the boundary of its reads too, and finds
// none in values that end otherwise.
func TestFileHasZoneAbbrev(t *testing.T) {
	for _, tt := range []struct {
		name, value string
		delim       byte
		want        bool
	}{
		{"seconds", "2026-07-02 09:15:00 PST", ',', true},
		{"minutes", "2026-07-02 09:15 pst", ',', true},
		{"fraction", "2026-07-02 09:15:00.250 EST", ',', true},
		{"after PM", "07/02/2026 9:15 PM EST", ',', true},
		{"after p.m.", "07/02/2026 9:15p.m. EST", ',', true},
		{"quoted", `"2026-07-02 09:15:00 IST"`, ',', true},
		{"spaces after", "2026-07-02 09:15:00 BST  ", ',', true},
		{"tab before", "2026-07-02 09:15:00\tAKST", ',', true},
		{"one letter", "2026-07-02 09:15 Z", ',', true},
		{"noon", "2026-07-02 12:00 NOON", ',', true},
		{"midnight", "2026-07-02 12:00 Midnight", ',', true},
		// a small t or z, as RFC 3339 allows (QA pass BF)
		{"small t", "2021-01-04t00:30:00", ',', true},
		{"small z", "2021-01-04T00:30:00.5z", ',', true},
		{"small z, minutes", "2021-01-04T00:30z", ',', true},
		{"capital T and Z", "2021-01-04T00:30:00Z", ',', false},
		{"ISO", "2026-07-02 09:15:00", ',', false},
		{"offset", "2026-07-02T09:15:00+02:00", ',', false},
		{"PM", "07/02/2026 9:15 PM", ',', false},
		{"a.m.", "07/02/2026 9:15 a.m.", ',', false},
		{"zone name", "2026-07-02 09:15:00 America/Chicago", ',', false},
		{"six letters", "2026-07-02 09:15:00 Turkey", ',', false},
		{"words after", "called at 10:30 today and again", ',', false},
		{"a sentence", "called at 10:30 today.", ',', false},
		{"next field", "2026-07-02 09:15,Open", ',', false},
		{"next field after a tab", "2026-07-02 09:15\tOpen", '\t', false},
		{"no digit before", "x:15 PST", ',', false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := "id,received_at,status\n1," + tt.value + "\n"
			if tt.delim == '\t' {
				body = "id\treceived_at\tstatus\n1\t" + tt.value + "\n"
			}
			got, err := zoneAbbrevIn(context.Background(), strings.NewReader(body), make([]byte, 1<<10), tt.delim)
			if err != nil || got != tt.want {
				t.Errorf("zoneAbbrevIn(%q) = %v, %v; want %v", body, got, err, tt.want)
			}
		})
	}
	// the abbreviation at every offset from a read's boundary: buffers of
	// abbrevSpan+2 bytes on read one new byte at a time
	for pad := 0; pad < 3*abbrevSpan; pad += 7 {
		body := strings.Repeat("x", pad) + ",2026-07-02 09:15:00 PST\n" + strings.Repeat("y", 40)
		for _, size := range []int{abbrevSpan + 2, abbrevSpan + 30, 4 * abbrevSpan} {
			if got, err := zoneAbbrevIn(context.Background(), strings.NewReader(body), make([]byte, size), ','); err != nil || !got {
				t.Errorf("zoneAbbrevIn after %d bytes, reads of %d = %v, %v; want true", pad, size, got, err)
			}
		}
	}
}

// TestNoonMidnight: "12:00 NOON" and "12:00 MIDNIGHT", as some systems
// write the two times a 12-hour clock's AM and PM leave unclear, are read
// as 12:00 and 00:00 of the date written (the PM and AM they stand for),
// in any case, with the mapping's timezone and the column's layouts as
// any time of the column. Before, NOON was rejected as an unknown zone
// abbreviation and MIDNIGHT as no time (QA pass). A time other than 12:00
// before the word is no time: rejected as unread, not as a zone. The
// expected UTC times are worked by hand: New York's clocks show EDT,
// UTC-4, in July (the IANA tz database).
func TestNoonMidnight(t *testing.T) {
	csv := tempFile(t, "tickets.csv", "complaint_id,received_at,narrative\n"+
		"iso,2026-07-02 09:15:00,a\n"+
		"noon,2026-07-02 12:00 NOON,a\n"+
		"noon-seconds,2026-07-02 12:00:00 noon,a\n"+
		"midnight,2026-07-02 12:00 Midnight,a\n"+
		"half-past,2026-07-02 11:30 NOON,a\n")
	db := openTemp(t)
	if res := mustIngest(t, db, csv, Options{}); res.counts() != (counts{5, 4, 0, 0, 1}) {
		t.Fatalf("File(%s) = %v, want 4 loaded, 1 rejected", csv, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || ' ' || strftime(received_at, '%Y-%m-%d %H:%M'), ', ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "iso 2026-07-02 09:15, midnight 2026-07-02 00:00, noon 2026-07-02 12:00, noon-seconds 2026-07-02 12:00"; got != want {
		t.Errorf("received_at %q, want %q", got, want)
	}
	r := rejectRows(t, db, "raw")
	if want := "field received_at (received_at): cannot read '2026-07-02 11:30 NOON' as timestamp"; len(r) != 1 || !strings.Contains(r[0].reason, want) {
		t.Errorf("rejects %+v, want one: %q", r, want)
	}

	// month first with AM and PM, on New York's clocks
	dir := t.TempDir()
	csv = filepath.Join(dir, "register.csv")
	writeFile(t, csv, "Id,Created\n"+
		"am,07/15/2026 9:15 AM\n"+
		"noon,07/15/2026 12:00 NOON\n"+
		"midnight,07/16/2026 12:00 MIDNIGHT\n")
	mapping := filepath.Join(dir, "register.yaml")
	writeFile(t, mapping, "timezone: America/New_York\ncolumns: {Id: complaint_id, Created: received_at}\n")
	m, err := LoadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	db = openTemp(t)
	if res := mustIngest(t, db, csv, Options{Mapping: m}); res.counts() != (counts{3, 3, 0, 0, 0}) {
		t.Fatalf("File(%s) = %v, want the 3 records loaded", csv, res)
	}
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || ' ' || strftime(received_at, '%Y-%m-%d %H:%M'), ', ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// 09:15 EDT is 13:15 UTC, 12:00 16:00, 00:00 on the 16th 04:00
	if want := "am 2026-07-15 13:15, midnight 2026-07-16 04:00, noon 2026-07-15 16:00"; got != want {
		t.Errorf("received_at %q, want %q", got, want)
	}
}
