package ingest

import (
	"context"
	"maps"
	"reflect"
	"strings"
	"testing"
)

// surveyScores reads each stored response's scores as "csat/nps/ces", a
// null as "-", by response ID.
func surveyScores(t *testing.T, path string, opts Options) (map[string]string, []rejectRow) {
	t.Helper()
	db := openTemp(t)
	mustIngest(t, db, path, opts)
	rows, err := db.QueryContext(context.Background(), `SELECT response_id,
		coalesce(CAST(csat AS VARCHAR), '-') || '/' || coalesce(CAST(nps AS VARCHAR), '-') || '/' || coalesce(CAST(ces AS VARCHAR), '-')
		FROM surveys`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var id, s string
		if err := rows.Scan(&id, &s); err != nil {
			t.Fatal(err)
		}
		got[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got, rejectRows(t, db, "raw")
}

// TestScaleTopBox: a score asked on another scale than its canonical one
// is mapped onto it so that a score counts as k when its position on its
// own scale, (x - lo)/(hi - lo), is at or above k's on the canonical one:
// floor(min + (max - min)(x - lo)/(hi - lo)). CSAT's top-2-box (4 or 5)
// and NPS's classes (promoter 9-10, detractor 0-6) are such thresholds.
// Before, the map rounded to the nearest point: 7 of 0-10 (3.8) was CSAT
// 4, satisfied, while the README says "0-10 onto 1-5: 8 and up is 4 or
// 5"; a mapping's csat [1, 10] made 7 (3.67) a 4 too. CES, read as a mean
// (metrics' compute.sql: avg(ces)), keeps the nearest point.
func TestScaleTopBox(t *testing.T) {
	// the survey profile, the scale named by the question; expected by
	// hand, floor(1 + 4(x - lo)/(hi - lo)):
	//   0-10:  x = 0..10 -> 1, 1.4, 1.8, 2.2, 2.6, 3, 3.4, 3.8, 4.2, 4.6, 5
	//   1-7:   x = 1..7 -> 1, 1.67, 2.33, 3, 3.67, 4.33, 5 (6 and 7 the
	//          top-2-box of a seven-point scale)
	//   1-10:  x = 1..10 -> 1, 1.44, 1.89, 2.33, 2.78, 3.22, 3.67, 4.11, 4.56, 5
	//   0-100: 74 -> 3.96, 75 -> 4 (at the position of 4, 0.75), 100 -> 5
	for _, tt := range []struct {
		question string
		answers  []string
		want     string // their CSAT, in order
	}{
		{"How satisfied were you (0-10)?", []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, "1 1 1 2 2 3 3 3 4 4 5"},
		{"Satisfaction on a scale of 1 to 7", []string{"1", "2", "3", "4", "5", "6", "7"}, "1 1 2 3 3 4 5"},
		{"Satisfaction out of 10", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, "1 1 1 2 2 3 3 4 4 5"},
		{"Satisfaction (0-100)", []string{"0", "74", "75", "100"}, "1 3 4 5"},
	} {
		body := "Response ID,Date," + tt.question + "\n"
		for i, a := range tt.answers {
			body += string(rune('a'+i)) + ",2024-03-04," + a + "\n"
		}
		got, rejects := surveyScores(t, tempFile(t, "s.csv", body), Options{})
		var csat []string
		for i := range tt.answers {
			s, _, _ := strings.Cut(got[string(rune('a'+i))], "/")
			csat = append(csat, s)
		}
		if strings.Join(csat, " ") != tt.want || len(rejects) != 0 {
			t.Errorf("%q: CSAT %s, rejects %v; want %s", tt.question, strings.Join(csat, " "), rejects, tt.want)
		}
	}

	// a mapping's scales, by the same rule (csat [1, 10] as 1-10 above;
	// nps [0, 100]: floor(10x/100), a promoter from 90, a detractor up to
	// 69; ces [1, 10] onto 1-7 rounded, 1 + 6(x - 1)/9: 1 -> 1, 5 -> 3.67
	// -> 4, 6 -> 4.33 -> 4, 10 -> 7)
	m, err := ParseMapping([]byte("target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  c: csat\n  n: nps\n  e: ces\n" +
		"scales:\n  csat: [1, 10]\n  nps: [0, 100]\n  ces: [1, 10]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, rejects := surveyScores(t, tempFile(t, "m.csv", "id,at,c,n,e\n"+
		"a,2024-03-04,7,89,1\nb,2024-03-04,8,90,5\nc,2024-03-04,10,69,6\nd,2024-03-04,1,70,10\n"), Options{Mapping: m})
	want := map[string]string{"a": "3/8/1", "b": "4/9/4", "c": "5/6/4", "d": "1/7/7"}
	if !maps.Equal(got, want) || len(rejects) != 0 {
		t.Errorf("mapping's scales: csat/nps/ces %v, rejects %v; want %v", got, rejects, want)
	}
}

// TestScaleWords: in a CSAT column whose question names another scale,
// a five-point label gives its 1-5 value, not rescaled (before, "Very
// satisfied" in a "(0-10)" column was 5 of 10: CSAT 3); a number that is
// no point of the scale is rejected as in any score column ("7.5" loaded
// as 4 there while "4.5" is rejected elsewhere: an answer is one of its
// scale's points, so a fraction is an average or a typo, and reading it
// would count the same answer differently by whether its question names
// a scale); one outside the scale is rejected naming the scale (before:
// "cannot read '11' as integer"); N/A is no answer.
func TestScaleWords(t *testing.T) {
	got, rejects := surveyScores(t, tempFile(t, "s5.csv", "Response ID,Date,Satisfaction (0-10),Comment\n"+
		"q1,2024-03-04,11,x\nq2,2024-03-04,-1,x\nq3,2024-03-04,7.5,x\nq4,2024-03-04,Very satisfied,x\n"+
		"q5,2024-03-04,N/A,x\nq6,2024-03-04,abc,x\nq7,2024-03-04,Satisfied,x\nq8,2024-03-04,8.0,x\n"), Options{})
	// csatWords: very satisfied 5, satisfied 4; 8.0 is 8, 0-10 onto 1-5
	// floor(1 + 3.2) = 4
	want := map[string]string{"q4": "5/-/-", "q5": "-/-/-", "q7": "4/-/-", "q8": "4/-/-"}
	if !maps.Equal(got, want) {
		t.Errorf("csat/nps/ces %v, want %v", got, want)
	}
	wantWhy := map[int64]string{
		1: "record 1, field Satisfaction (0-10) (csat): 11 is outside the scale 0-10",
		2: "record 2, field Satisfaction (0-10) (csat): -1 is outside the scale 0-10",
		3: "record 3, field Satisfaction (0-10) (csat): cannot read '7.5' as integer",
		6: "record 6, field Satisfaction (0-10) (csat): cannot read 'abc' as integer",
	}
	gotWhy := map[int64]string{}
	for _, r := range rejects {
		gotWhy[r.record] = r.reason
	}
	if !reflect.DeepEqual(gotWhy, wantWhy) {
		t.Errorf("rejects %v, want %v", gotWhy, wantWhy)
	}

	// a mapping's value map gives canonical values (Mapping.Values), not
	// rescaled either: good 5 under csat [1, 10] is 5, 10 of 1-10 is 5,
	// 6 of 1-10 floor(1 + 4·5/9 = 3.22) = 3
	m, err := ParseMapping([]byte("target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  c: csat\n" +
		"values:\n  csat: {good: 5, bad: 1, skipped: ''}\nscales:\n  csat: [1, 10]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, rejects = surveyScores(t, tempFile(t, "m.csv", "id,at,c\na,2024-03-04,Good\nb,2024-03-04,bad\nc,2024-03-04,10\nd,2024-03-04,6\ne,2024-03-04,skipped\n"),
		Options{Mapping: m})
	want = map[string]string{"a": "5/-/-", "b": "1/-/-", "c": "5/-/-", "d": "3/-/-", "e": "-/-/-"}
	if !maps.Equal(got, want) || len(rejects) != 0 {
		t.Errorf("mapping's words: csat/nps/ces %v, rejects %v; want %v", got, rejects, want)
	}
}

// TestScoreColumnWithScale: a score column named by a score's word and a
// scale ("CSAT (1-10)", "CSAT 1-10", "NPS (0-10)", "CES (1-7)") is that
// score, on that scale. Before, "CSAT (1-10)" (normalised "csat 1 10")
// matched neither "csat" nor a part of the CSAT's names: beside an NPS
// column it went into extra with no warning and no reject, and alone the
// file was read as canonical, every record rejected "responded_at:
// missing".
func TestScoreColumnWithScale(t *testing.T) {
	for _, tt := range []struct {
		header []string
		want   map[string]string     // column -> field
		scales map[string][2]float64 // nil: none
	}{
		{[]string{"Response ID", "Date", "CSAT (1-10)", "NPS", "Comment"},
			map[string]string{"Response ID": "response_id", "Date": "responded_at", "CSAT (1-10)": "csat", "NPS": "nps", "Comment": "comment"},
			map[string][2]float64{"csat": {1, 10}}},
		{[]string{"Response ID", "Date", "CSAT 1-10", "Comment"},
			map[string]string{"Response ID": "response_id", "Date": "responded_at", "CSAT 1-10": "csat", "Comment": "comment"},
			map[string][2]float64{"csat": {1, 10}}},
		// NPS's own scale, and CES's: nothing to map
		{[]string{"Response ID", "Date", "NPS (0-10)", "CES (1-7)"},
			map[string]string{"Response ID": "response_id", "Date": "responded_at", "NPS (0-10)": "nps", "CES (1-7)": "ces"}, nil},
		{[]string{"id", "Date", "CSAT score (1 to 5)", "CES out of 5"},
			map[string]string{"id": "response_id", "Date": "responded_at", "CSAT score (1 to 5)": "csat", "CES out of 5": "ces"},
			map[string][2]float64{"ces": {1, 5}}},
	} {
		m, profile, err := chooseMapping("", nil, tt.header)
		if err != nil || profile != "survey" {
			t.Errorf("chooseMapping(%q) = %q, %v; want survey", tt.header, profile, err)
			continue
		}
		got := map[string]string{}
		for c, f := range m.Columns {
			got[c] = strings.Join(f, ",")
		}
		if !maps.Equal(got, tt.want) || !maps.Equal(m.Scales, tt.scales) {
			t.Errorf("chooseMapping(%q): columns %v, scales %v; want %v, %v", tt.header, got, m.Scales, tt.want, tt.scales)
		}
	}

	// QA's s3.csv: CSAT on 1-10 beside NPS, each record's CSAT stored
	// (1-10 onto 1-5 as TestScaleTopBox: 7 -> 3, 8 -> 4), nothing in extra
	db := openTemp(t)
	path := tempFile(t, "s3.csv", "Response ID,Date,CSAT (1-10),NPS,Comment\nq7,2024-03-04,7,7,x\nq8,2024-03-04,8,8,x\nq10,2024-03-04,10,10,x\n")
	if res := mustIngest(t, db, path, Options{}); res.Profile != "survey" || res.counts() != (counts{3, 3, 0, 0, 0}) {
		t.Fatalf("s3.csv: profile %s, %v; want 3 loaded by the survey profile", res.Profile, res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(response_id || ' ' || coalesce(CAST(csat AS VARCHAR), '-') || '/' || nps || ' ' || coalesce(CAST(extra AS VARCHAR), '-'), '; ' ORDER BY nps) FROM surveys`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "q7 3/7 -; q8 4/8 -; q10 5/10 -"; got != want {
		t.Errorf("s3.csv: %s, want %s", got, want)
	}
}

// TestScoreNoAnswer: N/A and the like in an NPS or CES column are no
// answer, as in a CSAT column (csatWords): the response loads with its
// other scores. Before, "N/A" as NPS rejected the response ("cannot read
// 'N/A' as integer") and its valid CSAT with it. "-" is no answer in all
// three, as a spreadsheet writes an empty cell.
func TestScoreNoAnswer(t *testing.T) {
	got, rejects := surveyScores(t, tempFile(t, "s6.csv", "Response ID,Date,NPS,CSAT,CES,Comment\n"+
		"a1,2024-03-04,N/A,4,5,nps na\n"+
		"a2,2024-03-04,na,5,Not applicable,ces\n"+
		"a3,2024-03-04,-,-,-,dashes\n"+
		"a4,2024-03-04,n/a,N/A,NA,all\n"+
		"a5,2024-03-04,Promoter,3,2,a word that is no score\n"), Options{})
	want := map[string]string{"a1": "4/-/5", "a2": "5/-/-", "a3": "-/-/-", "a4": "-/-/-"}
	if !maps.Equal(got, want) {
		t.Errorf("csat/nps/ces %v, want %v", got, want)
	}
	if len(rejects) != 1 || rejects[0].reason != "record 5, field NPS (nps): cannot read 'Promoter' as integer" {
		t.Errorf("rejects %v, want record 5's Promoter alone", rejects)
	}
}

// TestMappingScoreNoAnswer: a mapping's score fields read "N/A", "NA",
// "Not applicable" and "-" as no answer too, as the survey profile does
// (noScore), and the response loads with its other scores, on a scale or
// not. Before, with a mapping an NPS of "N/A" or "-" rejected the whole
// response ("cannot read 'N/A' as integer"), its CSAT with it: an
// exploratory QA pass loaded 1 of na2.csv's 3 responses with a mapping, all
// 3 without. A mapping's own value for such a word stays its, and its "*"
// (any other value) takes them too.
func TestMappingScoreNoAnswer(t *testing.T) {
	const body = "id,at,n,c,e\n" +
		"a1,2024-03-04,N/A,4,5\n" +
		"a2,2024-03-04,9,na,Not applicable\n" +
		"a3,2024-03-04,-,-,-\n" +
		"a4,2024-03-04,n/a,N/A,NA\n" +
		"a5,2024-03-04,Promoter,3,2\n"
	const columns = "target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  n: nps\n  c: csat\n  e: ces\n"
	for _, tt := range []struct {
		name, extra string
		want        map[string]string // csat/nps/ces by response, "-" null
		rejects     []int64
	}{
		{"no values", "", map[string]string{"a1": "4/-/5", "a2": "-/9/-", "a3": "-/-/-", "a4": "-/-/-"}, []int64{5}},
		// csat [1, 10] onto 1-5: 4 -> floor(1 + 4·3/9) = 2
		{"scales", "scales:\n  csat: [1, 10]\n", map[string]string{"a1": "2/-/5", "a2": "-/9/-", "a3": "-/-/-", "a4": "-/-/-"}, []int64{5}},
		// the mapping's words: Promoter is its NPS 10; its own "-" kept
		// (0, a detractor, whatever one makes of it)
		{"its own values", "values:\n  nps: {promoter: 10, '-': 0}\n", map[string]string{"a1": "4/-/5", "a2": "-/9/-", "a3": "-/0/-", "a4": "-/-/-", "a5": "3/10/2"}, nil},
		// "*": any value the map does not list is 7, N/A too (the
		// mapping's rule, as written)
		{"its catch-all", "values:\n  ces: {'*': 7}\n", map[string]string{"a1": "4/-/7", "a2": "-/9/7", "a3": "-/-/7", "a4": "-/-/7"}, []int64{5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMapping([]byte(columns + tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			got, rejects := surveyScores(t, tempFile(t, "na.csv", body), Options{Mapping: m})
			var rejected []int64
			for _, r := range rejects {
				rejected = append(rejected, r.record)
			}
			if !maps.Equal(got, tt.want) || !reflect.DeepEqual(rejected, tt.rejects) {
				t.Errorf("csat/nps/ces %v, rejects %v; want %v, records %v rejected", got, rejects, tt.want, tt.rejects)
			}
		})
	}
}

// TestCSATWordsMapping: a mapping's CSAT reads the five-point scale in
// words as the survey profile does (csatWords: "Very satisfied" 5 ...
// "Very dissatisfied" 1), and answers that say N/A and why ("N/A do not
// use", "NA or Do Not Use": the IT survey's, ../shared/data/
// it-csat-survey, 2018-2019 and 2019-2020) are no score in a mapping and
// the profile alike, the response loaded with its other scores. Before,
// with a mapping every word was rejected ("cannot read 'Satisfied' as
// integer": QA pass AO, /tmp/qaAO/qa/csat18.yaml, 187 of 190 rejected),
// and in both an N/A with words after it rejected the whole response. A
// mapping's own value for a word stays its; one that is not N/A ("Not
// asked", "Nah") is no N/A.
func TestCSATWordsMapping(t *testing.T) {
	const body = "id,at,c,n\n" +
		"a1,2024-03-04,Very Satisfied,9\n" +
		"a2,2024-03-04,satisfied,9\n" +
		"a3,2024-03-04,Neutral,9\n" +
		"a4,2024-03-04,Dissatisfied,9\n" +
		"a5,2024-03-04,Very Dissatisfied,9\n" +
		"a6,2024-03-04,N/A do not use,9\n" +
		"a7,2024-03-04,NA or Do Not Use,9\n" +
		"a8,2024-03-04,N/A - not used,9\n" +
		"a9,2024-03-04,Nah,9\n"
	words := map[string]string{"a1": "5/9/-", "a2": "4/9/-", "a3": "3/9/-", "a4": "2/9/-", "a5": "1/9/-", "a6": "-/9/-", "a7": "-/9/-", "a8": "-/9/-"}
	const columns = "target: surveys\ncolumns:\n  id: response_id\n  at: responded_at\n  c: csat\n  n: nps\n"
	for _, tt := range []struct {
		name, mapping string // "": the survey profile, the header CSAT and NPS
		want          map[string]string
	}{
		{"profile", "", words},
		{"mapping", columns, words},
		// on a question's scale: the words are on CSAT's five points already
		{"mapping with a scale", columns + "scales:\n  csat: [1, 10]\n", words},
		// its own word: satisfied is its 5
		{"mapping's own values", columns + "values:\n  csat: {Satisfied: 5}\n",
			map[string]string{"a1": "5/9/-", "a2": "5/9/-", "a3": "3/9/-", "a4": "2/9/-", "a5": "1/9/-", "a6": "-/9/-", "a7": "-/9/-", "a8": "-/9/-"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := body
			var opts Options
			if tt.mapping == "" {
				b = strings.Replace(b, "id,at,c,n", "Response ID,Date,CSAT,NPS", 1)
			} else {
				m, err := ParseMapping([]byte(tt.mapping))
				if err != nil {
					t.Fatal(err)
				}
				opts.Mapping = m
			}
			got, rejects := surveyScores(t, tempFile(t, "words.csv", b), opts)
			if !maps.Equal(got, tt.want) || len(rejects) != 1 || !strings.Contains(rejects[0].reason, "record 9, field ") || !strings.Contains(rejects[0].reason, "cannot read 'Nah' as integer") {
				t.Errorf("csat/nps/ces %v, rejects %v; want %v, record 9's Nah rejected", got, rejects, tt.want)
			}
		})
	}
}
