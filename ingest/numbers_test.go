package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// TestNumbersBeyondTheirType: a number the conversion of its field cannot
// hold (not a number, an infinity, or beyond the range of the field's
// type) rejects its record, naming the field, as any other value the field
// cannot read does, and the file's other records load. Before, each of
// these failed the whole file with DuckDB's conversion error ("Type DOUBLE
// with value nan can't be cast ... INT32").
func TestNumbersBeyondTheirType(t *testing.T) {
	const (
		survey     = "response_id,responded_at,nps,csat,ces,comment\n1,2024-03-05,9,4,2,ok\n"
		complaint  = "complaint_id,received_at,reopened_count,compensation_amount\n1,2024-03-05,1,10.50\n"
		elapsed    = "target: complaints\ncolumns:\n  id: complaint_id\n  opened: received_at\n  hours: resolved_at\nelapsed:\n  resolved_at: {since: received_at, unit: hours}\n"
		elapsedCSV = "id,opened,hours\n1,2024-03-05 09:00,26.25\n"
		scaled     = "target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  score: csat\nscales:\n  csat: [1, 10]\n"
		scaledCSV  = "id,at,score\n1,2024-03-05,7\n"
	)
	for _, tt := range []struct {
		name    string
		mapping string // empty: the canonical profile
		file    string // the header and record 1, which loads
		record2 string
		want    string // the end of record 2's reason
	}{
		{"nps NaN", "", survey, "2,2024-03-05,NaN,4,2,x", "(nps): cannot read 'NaN' as integer"},
		{"nps nan", "", survey, "2,2024-03-05,nan,4,2,x", "(nps): cannot read 'nan' as integer"},
		{"nps -inf", "", survey, "2,2024-03-05,-inf,4,2,x", "(nps): cannot read '-inf' as integer"},
		{"csat inf", "", survey, "2,2024-03-05,9,inf,2,x", "(csat): cannot read 'inf' as integer"},
		{"csat Infinity", "", survey, "2,2024-03-05,9,Infinity,2,x", "(csat): cannot read 'Infinity' as integer"},
		{"ces 1e400 (infinite as a double)", "", survey, "2,2024-03-05,9,4,1e400,x", "(ces): cannot read '1e400' as integer"},
		{"ces 1e20", "", survey, "2,2024-03-05,9,4,1e20,x", "(ces): cannot read '1e20' as integer"},
		{"reopened_count 1e20", "", complaint, "2,2024-03-05,99999999999999999999,1", "(reopened_count): cannot read '99999999999999999999' as integer"},
		{"reopened_count -1e20", "", complaint, "2,2024-03-05,-99999999999999999999,1", "(reopened_count): cannot read '-99999999999999999999' as integer"},
		{"reopened_count one past INTEGER", "", complaint, "2,2024-03-05,2147483648,1", "(reopened_count): cannot read '2147483648' as integer"},
		{"reopened_count NaN", "", complaint, "2,2024-03-05,NaN,1", "(reopened_count): cannot read 'NaN' as integer"},
		{"reopened_count inf", "", complaint, "2,2024-03-05,inf,1", "(reopened_count): cannot read 'inf' as integer"},
		{"compensation_amount 1e400", "", complaint, "2,2024-03-05,1,1e400", "(compensation_amount): cannot read '1e400' as double"},
		{"compensation_amount -1e400", "", complaint, "2,2024-03-05,1,-1e400", "(compensation_amount): cannot read '-1e400' as double"},
		{"compensation_amount NaN", "", complaint, "2,2024-03-05,1,NaN", "(compensation_amount): cannot read 'NaN' as double"},
		// hours as microseconds beyond BIGINT
		{"elapsed beyond BIGINT", elapsed, elapsedCSV, "2,2024-03-05 09:00,99999999999999999999",
			"(resolved_at): cannot read '99999999999999999999' as hours after received_at"},
		// 9.2233692e18 microseconds fit BIGINT (up to 9.2233720e18); the
		// time plus them does not fit TIMESTAMP
		{"elapsed beyond TIMESTAMP", elapsed, elapsedCSV, "2,2024-03-05 09:00,2562047000",
			"(resolved_at): cannot read '2562047000' as hours after received_at"},
		{"scaled NaN", scaled, scaledCSV, "2,2024-03-05,NaN", "(csat): cannot read 'NaN' as integer"},
		{"scaled inf", scaled, scaledCSV, "2,2024-03-05,inf", "(csat): cannot read 'inf' as integer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts Options
			if tt.mapping != "" {
				m, err := ParseMapping([]byte(tt.mapping))
				if err != nil {
					t.Fatal(err)
				}
				opts.Mapping = m
			}
			path := tempFile(t, "f.csv", tt.file+tt.record2+"\n")
			db := openTemp(t)
			res := mustIngest(t, db, path, opts)
			if res.counts() != (counts{2, 1, 0, 0, 1}) {
				t.Errorf("File = %v, want record 1 loaded and record 2 rejected", res)
			}
			rs := rejectRows(t, db, "raw")
			if len(rs) != 1 || rs[0].record != 2 || !strings.HasPrefix(rs[0].reason, "record 2, field ") || !strings.HasSuffix(rs[0].reason, tt.want) {
				t.Errorf("rejects = %+v, want record 2's reason to end %q", rs, tt.want)
			}
		})
	}
}

// TestScalesFinite: a mapping's score scale must be finite (YAML reads
// .inf): an infinite bound made the SQL of the scale's conversion
// unparseable ("+Inf").
func TestScalesFinite(t *testing.T) {
	for _, scale := range []string{"[1, .inf]", "[-.inf, 5]", "[.nan, 5]"} {
		_, err := ParseMapping([]byte("target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  score: csat\nscales:\n  csat: " + scale + "\n"))
		if err == nil || !strings.Contains(err.Error(), "scales: csat") {
			t.Errorf("ParseMapping(scale %s) = %v, want a scales error", scale, err)
		}
	}
}

// TestAmounts: amounts as exports write them. Before (an exploratory QA
// pass), "(50.00)", an accounting negative, was stored as +50 while "-50"
// was rejected; "20 EUR" and "1.234.567" were rejected while "USD 20" and
// "1.234,50 €" loaded.
func TestAmounts(t *testing.T) {
	db := openTemp(t)
	path := tempFile(t, "amounts.csv", "complaint_id,received_at,compensation_amount\n"+
		"a,2024-03-01,(50.00)\nb,2024-03-01,-50\nc,2024-03-01,20 EUR\nd,2024-03-01,USD 20\n"+
		"e,2024-03-01,1.234.567\nf,2024-03-01,\"1.234,50 €\"\ng,2024-03-01,1e3\nh,2024-03-01,\"1,250\"\n")
	res := mustIngest(t, db, path, Options{Source: "x"})
	if res.Rejected != 2 {
		t.Errorf("%+v: want the two negatives rejected", res)
	}
	want := map[string]float64{"c": 20, "d": 20, "e": 1234567, "f": 1234.5, "g": 1000, "h": 1250}
	if got := amountsOf(t, db); !maps.Equal(got, want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
}

// amountsOf is the compensation_amount of each complaint loaded, by ID.
func amountsOf(t *testing.T, db *warehouse.DB) map[string]float64 {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT complaint_id, compensation_amount FROM complaints`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]float64{}
	for rows.Next() {
		var id string
		var v float64
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		got[id] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAmountsByColumn: a column of amounts is read one way. A value that
// reads only with a decimal comma ("2.500,00", "1.234.567") settles its
// column as written so, and one that reads only with a decimal point
// ("1,234.56", "2.5") the other way; a lone separator before three digits
// ("2.500", "1,250") is then read as the column writes. In a column that
// shows neither way, or both, it is a thousands separator (amounts have
// cents, not tenths of them), and the load warns naming the column and
// how many. Before (QA pass BH), "€ 2.500", "R$1.234" and "12.345" loaded
// as 2.5, 1.234 and 12.345 beside "2.500,00 €" as 2500, silently.
func TestAmountsByColumn(t *testing.T) {
	for _, tt := range []struct {
		name   string
		values []string // the amounts of complaints 1, 2, ...
		want   []float64
		warn   string // what the load's warning says; empty: no warning
	}{
		{"decimal comma (QA pass BH)", []string{"€ 2.500", "R$1.234", "12.345", "2.500,00 €", "R$ 1.234.567,89"},
			[]float64{2500, 1234, 12345, 2500, 1234567.89}, ""},
		{"dots between groups alone settle it", []string{"1,250", "1.234.567"}, []float64{1.25, 1234567},
			`field=compensation_amount values=1 read_as="a decimal comma`},
		{"decimal point", []string{"2.500", "1,234.56", "1,250", "$20"}, []float64{2.5, 1234.56, 1250, 20},
			`field=compensation_amount values=1 read_as="a decimal point`},
		// a column that shows no decimal mark reads a dot as a decimal
		// point, as a JSON number or a spreadsheet's cell writes it (QA
		// pass BK: 12.345 alone was read as 12345), a comma as thousands
		{"neither way", []string{"€ 2.500", "1,250", "20"}, []float64{2.5, 1250, 20},
			`field=compensation_amount values=2 read_as="a decimal point where a dot comes before three digits`},
		{"three decimals alone", []string{"12.345", "100"}, []float64{12.345, 100},
			`field=compensation_amount values=1 read_as="a decimal point where a dot comes before three digits`},
		{"both ways", []string{"2.500,00", "2.5", "1.234", "12,50", "1,250"}, []float64{2500, 2.5, 1.234, 12.5, 1250},
			`field=compensation_amount values=2 read_as="a decimal point where a dot comes before three digits`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("complaint_id;received_at;compensation_amount\n")
			want := map[string]float64{}
			for i, v := range tt.values {
				id := strconv.Itoa(i + 1)
				b.WriteString(id + ";2024-03-01;" + v + "\n")
				want[id] = tt.want[i]
			}
			var logged bytes.Buffer
			db := openTemp(t)
			res := mustIngest(t, db, tempFile(t, "amounts.csv", b.String()), Options{Log: slog.New(slog.NewTextHandler(&logged, nil))})
			if res.Rejected != 0 {
				t.Errorf("%+v: want every record loaded", res)
			}
			if got := amountsOf(t, db); !maps.Equal(got, want) {
				t.Errorf("amounts %v, want %v", got, want)
			}
			warned := regexp.MustCompile(`(?m)^.*level=WARN msg="amounts.*$`).FindString(logged.String())
			if tt.warn == "" && warned != "" || !strings.Contains(warned, tt.warn) {
				t.Errorf("warning %q, want one with %q", warned, tt.warn)
			}
		})
	}
}

// TestScoresDecimalComma: a score written with a decimal comma reads as
// with a decimal point, "3,0" as 3, as a European spreadsheet writes it;
// "4,5" is no whole score and is rejected, as "4.5" is. Before (QA pass
// BH), "3,0" was rejected ("cannot read '3,0' as integer") with its
// response, beside "3.0" loaded as 3.
func TestScoresDecimalComma(t *testing.T) {
	db := openTemp(t)
	path := tempFile(t, "scores.csv", "response_id;responded_at;nps;csat;ces\n"+
		"1;2024-03-01;9.0;3.0;2\n2;2024-03-01;9,0;3,0;2,00\n3;2024-03-01;10;4,5;2\n")
	res := mustIngest(t, db, path, Options{})
	if res.counts() != (counts{3, 2, 0, 0, 1}) {
		t.Errorf("%v: want responses 1 and 2 loaded, 3 rejected", res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', response_id, nps, csat, ces), '; ' ORDER BY response_id) FROM surveys`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "1 9 3 2; 2 9 3 2"; got != want {
		t.Errorf("scores %q, want %q", got, want)
	}
	rs := rejectRows(t, db, "raw")
	if len(rs) != 1 || !strings.HasSuffix(rs[0].reason, "(csat): cannot read '4,5' as integer") {
		t.Errorf("rejects %+v, want record 3's csat '4,5' named", rs)
	}
}
