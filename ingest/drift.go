package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// A profile reads a file by its column names, and maps the columns it
// finds: a column the exporting system renamed or dropped gives its field
// nothing, and lands in extra (renamed) or nowhere (dropped), and the load
// said nothing (QA pass AA: "Company response to consumer" renamed
// "Company response" closed none of 400 complaints, "Status" renamed
// "Ticket state" lost 87 status updates). The watched fields of a profile
// are told of when a file has no column for them (missingColumns).

// watchedField is a field a profile reads from a column whose name it
// knows, which a file may lack.
type watchedField struct {
	fields []string // the canonical fields the column gives (CFPB's response: resolution and status)
	names  []string // the names the profile looks for, as messages show them
	// key: the metrics read it (resolution, response times, NPS, the
	// topics), and a file without its column is warned of whatever
	// earlier loads had; any other field only when an earlier load of
	// the source read it (a survey of NPS alone has no CSAT to lose)
	key bool
	// loose are names the survey profile reads only when it is named
	// (surveyColumns.loose)
	loose []string
}

// watchedFields are the fields of profile, read into the table target,
// whose columns a file may lack; nil for a mapping file (whose columns
// missing fail the load) and the ticket-ratings profile (a second load of
// a file the first told of).
func watchedFields(profile, target string) []watchedField {
	var out []watchedField
	switch profile {
	case "zendesk", "freshdesk", "intercom":
		// The fields of an API's tickets, by their fixed names: a file
		// lacks one by its export's choice (Zendesk's metric set comes
		// with the incremental export only, Freshdesk's stats with
		// include=stats), so none is a key, and a file without one is
		// told of when earlier loads of the source read it (a feed that
		// lost its resolution times). Its satisfaction ratings (surveys)
		// are read by names of their own. The ID, creation time and
		// status are what detects the profile.
		if target != "complaints" {
			break
		}
		for _, f := range helpdeskFields[profile] {
			if f[1] == "complaint_id" || f[1] == "received_at" {
				continue
			}
			out = append(out, watchedField{fields: []string{f[1]}, names: []string{f[0]}})
		}
		if profile == "zendesk" {
			// its first reply, read from the metric set as minutes after
			// creation (helpdeskMapping)
			out = append(out, watchedField{fields: []string{"first_response_at"}, names: []string{"metric_set.reply_time_in_minutes.calendar"}})
		}
	case "canonical":
		// Every field of the target by its own name, none a key: a
		// canonical file carries the fields its tool has (a file of
		// tweets, no status), and one without a field earlier loads of
		// its source read is told of (a status column dropped from a
		// feed left every complaint it updated as it was, and new ones
		// open).
		t, ok := tables[target]
		if !ok {
			break
		}
		for _, f := range t.fields {
			if f.required || slices.Contains(t.key, f.name) {
				continue // rejected naming it, or the file's own
			}
			out = append(out, watchedField{fields: []string{f.name}, names: []string{f.name}})
		}
	case "cfpb":
		key := []string{"product", "issue", "narrative", "resolution", "timely", "company"}
		for _, f := range cfpbFields {
			if f.fields[0] == "complaint_id" || f.fields[0] == "received_at" {
				continue // required: records without are rejected, naming it
			}
			out = append(out, watchedField{fields: f.fields, names: f.names, key: slices.Contains(key, f.fields[0])})
		}
	case "tickets":
		// a first response is a key too, but many exports never carry
		// one (Zendesk's CSV): told when an earlier load of the source
		// read it, as every field is
		key := []string{"received_at", "status", "resolved_at"}
		for _, tc := range ticketColumns {
			if tc.field == "complaint_id" || tc.field == "narrative" {
				continue // required to be detected or read at all
			}
			names := slices.Clone(tc.names)
			for _, d := range ticketDurations[tc.field] {
				names = append(names, d+" in minutes/hours/...")
			}
			out = append(out, watchedField{fields: []string{tc.field}, names: names, key: slices.Contains(key, tc.field)})
		}
	case "survey":
		for _, sc := range surveyColumns {
			if sc.field == "responded_at" || sc.field == "response_id" {
				continue // required; an ID made of the content otherwise
			}
			names := slices.Clone(sc.exact)
			for _, c := range sc.contains {
				names = append(names, "any name with "+c)
			}
			for _, l := range sc.loose {
				names = append(names, l+" (with --profile survey)")
			}
			out = append(out, watchedField{fields: []string{sc.field}, names: names, key: sc.field == "comment", loose: sc.loose})
		}
	}
	return out
}

// missingField is a watched field a file has no column for.
type missingField struct {
	watchedField
	lastRun    int64  // the latest run of the file's sources whose rows hold the field; 0: none
	lastSource string // that run's source
}

// missingColumns lists the watched fields of the job's profile that its
// mapping reads from no column (a field whose column the tickets profile
// found named as a duration with no unit is not: unitlessDurations told
// of it), each with the latest earlier run of the file's sources whose
// rows hold a value of it. Only the rows tell: no table records the
// columns a run mapped. Those of no key whose sources never held them are
// left out. A file whose records name their own source (a source column)
// is read for the sources it names only when some stored row holds one of
// the fields (fileSources): a first load reads nothing more.
func (j *job) missingColumns(ctx context.Context, conn *sql.Conn) ([]missingField, error) {
	var missing []missingField
	for _, w := range watchedFields(j.profile, j.tbl.name) {
		if !j.m.gives(w.fields[0]) && j.m.unitless[w.fields[0]] == "" {
			missing = append(missing, missingField{watchedField: w})
		}
	}
	if len(missing) == 0 {
		return missing, nil
	}
	// one scan of the rows that hold any of the fields: the latest run
	// of each field, by source
	sel := make([]string, len(missing))
	held := make([]string, len(missing))
	for i, f := range missing {
		sel[i] = "coalesce(max(ingest_run_id) FILTER (WHERE " + ident(f.fields[0]) + " IS NOT NULL), 0)"
		held[i] = ident(f.fields[0]) + " IS NOT NULL"
	}
	// customers have no source: their earlier loads are one
	srcCol := "source"
	source, constant := j.constantSource()
	_, sourced := j.tbl.field("source")
	if !sourced {
		srcCol, constant = "'' AS source", false
	}
	q, args := "SELECT "+srcCol+", "+strings.Join(sel, ", ")+" FROM "+j.tbl.name+" WHERE ("+strings.Join(held, " OR ")+")", []any{}
	if constant {
		q, args = q+" AND source = $1", []any{source}
	}
	rows, err := conn.QueryContext(ctx, q+" GROUP BY source ORDER BY source", args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: look for its missing columns' fields in earlier loads: %w", j.path, err)
	}
	lastRuns := map[string][]int64{} // source -> the latest run of each missing field
	var stored []string              // those sources, in order
	for rows.Next() {
		var src string
		runs := make([]int64, len(missing))
		dest := []any{&src}
		for i := range runs {
			dest = append(dest, &runs[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read %s: look for its missing columns' fields in earlier loads: %w", j.path, err)
		}
		lastRuns[src], stored = runs, append(stored, src)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("read %s: look for its missing columns' fields in earlier loads: %w", j.path, err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: look for its missing columns' fields in earlier loads: %w", j.path, err)
	}
	sources := stored // a constant source's, when stored
	if sourced && !constant && len(stored) > 0 {
		if sources, err = j.fileSources(ctx, conn, stored); err != nil {
			return nil, err
		}
	}
	for _, src := range sources {
		for i, run := range lastRuns[src] {
			if run > missing[i].lastRun {
				missing[i].lastRun, missing[i].lastSource = run, src
			}
		}
	}
	return slices.DeleteFunc(missing, func(f missingField) bool { return !f.key && f.lastRun == 0 }), nil
}

// fileSources returns those of sources (stored sources, sorted) that the
// records of the job's file name in their source column, as the load
// gives them (a value map applied, an empty value the default). The file
// is read as the load first reads it; a file that read cannot parse
// leniently, skipping what it cannot read, as the plan reads samples.
func (j *job) fileSources(ctx context.Context, conn *sql.Conn, sources []string) ([]string, error) {
	read := func(j job, mode csvMode) ([]string, error) {
		var p params
		in := make([]string, len(sources))
		for i, s := range sources {
			in[i] = p.add(s)
		}
		q := "SELECT DISTINCT source FROM (" + j.stageSelect(&p, mode, false) + ") WHERE source IN (" + strings.Join(in, ", ") + ") ORDER BY source"
		return queryColumn[string](ctx, conn, q, p.args...)
	}
	out, err := read(*j, j.csvMode(false))
	if err != nil && ctx.Err() == nil && (j.format == "csv" || j.format == "tsv") {
		lenient := *j
		lenient.dialect.lenient = true
		out, err = read(lenient, csvSkip)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: look for the sources its records name: %w", j.path, err)
	}
	return out, nil
}

// unmappedColumns are the file's columns its mapping does not read, kept
// in extra.
func (j *job) unmappedColumns() []string {
	read := j.m.columnsRead()
	var out []string
	for _, c := range j.header {
		if !pseudoColumn(c) && !slices.Contains(read, c) && !slices.Contains(j.m.ignore, c) {
			out = append(out, c)
		}
	}
	return out
}

// missingWarning says that a file has no column for f: what the profile
// looks for, what earlier loads of its sources read, and the columns kept
// in extra, those named most like what the profile looks for first.
func missingWarning(profile string, f missingField, unmapped []string) string {
	field := strings.Join(f.fields, " and ")
	names := make([]string, len(f.names))
	for i, n := range f.names {
		names[i] = fmt.Sprintf("%q", n)
	}
	const shown = 8
	looks := strings.Join(names[:min(len(names), shown)], ", ")
	if len(names) > shown {
		looks += fmt.Sprintf(", ... (%d names)", len(names))
	}
	w := fmt.Sprintf("no column for %s (profile %s looks for %s)", field, profile, looks)
	if f.lastRun > 0 && f.lastSource == "" {
		w += fmt.Sprintf("; earlier loads read it (run %d the latest)", f.lastRun)
	} else if f.lastRun > 0 {
		w += fmt.Sprintf("; earlier loads of source %s read it (run %d the latest)", f.lastSource, f.lastRun)
	}
	w += fmt.Sprintf(": the file's records give no %s (a complaint or response it updates keeps its own)", field)
	if len(unmapped) == 0 {
		return w + "; the file has no column left unread"
	}
	ranked := closestFirst(unmapped, f.names)
	cols := make([]string, 0, len(ranked))
	for _, c := range ranked {
		cols = append(cols, quotedName(c))
	}
	const most = 5
	list := strings.Join(cols[:min(len(cols), most)], ", ")
	if len(cols) > most {
		list += fmt.Sprintf(", ... (%d columns)", len(cols))
	}
	w += "; columns kept in extra, closest first: " + list
	for _, c := range ranked {
		if slices.Contains(f.loose, normName(c)) {
			return w + fmt.Sprintf(". --profile survey reads %s as the %s", quotedName(c), field)
		}
	}
	return w + ". Renamed? Give it its name back, or name it in a mapping file (--mapping)"
}

// closestFirst orders columns by how much their names look like one of
// names: the words they share (a renamed column often keeps one:
// "Company response", "Solved on", "Ticket state"), then how few edits
// turn one into the other; the file's order among equals.
func closestFirst(columns, names []string) []string {
	score := make(map[string]float64, len(columns))
	for _, c := range columns {
		nc := normName(c)
		for _, n := range names {
			nn := normName(n)
			s := sharedWords(nc, nn) + 0.5*(1-float64(levenshtein.ComputeDistance(nc, nn))/float64(max(len(nc), len(nn), 1)))
			score[c] = max(score[c], s)
		}
	}
	out := slices.Clone(columns)
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(score[b], score[a]) })
	return out
}

// sharedWords is the share of the shorter name's words that the other
// has too.
func sharedWords(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	n := 0
	for _, w := range wa {
		if slices.Contains(wb, w) {
			n++
		}
	}
	return float64(n) / float64(min(len(wa), len(wb)))
}

// A file with no ID column gives each record an ID made of its values by
// column name (sql/content.sql): a re-delivery of the same records with
// another header (a column added, or one renamed) gives them other IDs,
// and they load as new, counted twice (QA pass AA: a survey week's 180
// responses again with a "Region" column took its nps_n from 178 to 356).
// The IDs stay as they are: a warehouse's stored IDs would change, and its
// files loaded again would count twice. The run says so instead
// (sameContent).

// sameContent finds the rows this run loaded, of a table whose IDs are
// made of the records' content, whose fields are all those of rows stored
// by earlier runs of the same source (the key aside: the same source,
// time, customer, scores and text), and sets res.Same*: how many, the
// earliest such run and its file, and the members their extra differ by.
func (j *job) sameContent(ctx context.Context, tx *sql.Tx, res *Result) error {
	id := j.tbl.key[len(j.tbl.key)-1]
	if res.Loaded == 0 || j.tbl.name == "customers" || j.m.fieldSources()[id] != ContentColumn {
		return nil
	}
	on := []string{"o.source = n.source", "o.ingest_run_id <> n.ingest_run_id"}
	for _, f := range j.tbl.fields {
		if slices.Contains(j.tbl.key, f.name) {
			continue
		}
		op := "IS NOT DISTINCT FROM"
		if f.required {
			op = "=" // (a hash join's key: never null)
		}
		on = append(on, "o."+ident(f.name)+" "+op+" n."+ident(f.name))
	}
	keysNotIn := func(a, b string) string {
		return "CAST(to_json(list_sort(list_distinct(flatten(list(list_filter(coalesce(json_keys(" + a + "), []::VARCHAR[]), lambda x: NOT list_contains(coalesce(json_keys(" + b + "), []::VARCHAR[]), x))))))) AS VARCHAR)"
	}
	// A sample of the new rows first: re-delivered, most of a file's
	// rows are stored already, and a sample finds some; only then are
	// all compared (a load of 1M new responses beside 1M stored, 8-12 s
	// of CPU: comparing all took about 0.8 s more, the sample about
	// 0.2 s). An overlap of a few rows among many may go untold.
	probe := `SELECT EXISTS (SELECT 1 FROM (SELECT * FROM (SELECT * FROM ` + j.tbl.name + ` WHERE ingest_run_id = $1)
		USING SAMPLE reservoir(` + fmt.Sprint(sameContentSample) + ` ROWS) REPEATABLE (1)) n
		JOIN ` + j.tbl.name + ` o ON ` + strings.Join(on, " AND ") + `)`
	var some bool
	if err := tx.QueryRowContext(ctx, probe, res.RunID).Scan(&some); err != nil {
		return fmt.Errorf("compare its new rows with those stored: %w", err)
	}
	if !some {
		return nil
	}
	q := `WITH pairs AS (SELECT n.` + ident(id) + ` AS k, o.ingest_run_id AS run, n.extra AS nx, o.extra AS ox
		FROM ` + j.tbl.name + ` n JOIN ` + j.tbl.name + ` o ON ` + strings.Join(on, " AND ") + `
		WHERE n.ingest_run_id = $1),
	earliest AS (SELECT min(run) AS run FROM pairs)
	SELECT (SELECT count(DISTINCT k) FROM pairs), (SELECT count(DISTINCT run) FROM pairs), e.run,
		(SELECT file FROM ingest_runs r WHERE r.run_id = e.run),
		(SELECT ` + keysNotIn("nx", "ox") + ` FROM pairs p WHERE p.run = e.run),
		(SELECT ` + keysNotIn("ox", "nx") + ` FROM pairs p WHERE p.run = e.run)
	FROM earliest e`
	var run sql.NullInt64
	var file, added, dropped sql.NullString
	if err := tx.QueryRowContext(ctx, q, res.RunID).Scan(&res.SameContent, &res.SameContentRuns, &run, &file, &added, &dropped); err != nil {
		return fmt.Errorf("compare its new rows with those stored: %w", err)
	}
	res.SameContentRun, res.SameContentFile = run.Int64, file.String
	for _, l := range []struct {
		text sql.NullString
		out  *[]string
	}{{added, &res.SameContentAdded}, {dropped, &res.SameContentDropped}} {
		if l.text.Valid {
			if err := json.Unmarshal([]byte(l.text.String), l.out); err != nil {
				return fmt.Errorf("compare its new rows with those stored: %w", err)
			}
		}
	}
	return nil
}

// sameContentSample is how many of a run's new rows sameContent compares
// first with those stored.
const sameContentSample = 2000

// sameContentWarning says that r.SameContent rows loaded as new hold the
// values of rows stored before, and how to undo it.
func (r Result) sameContentWarning() string {
	what, rows := "responses", "surveys"
	if r.Target == "complaints" {
		what, rows = "complaints", "complaints"
	}
	w := fmt.Sprintf("%d %s loaded as new hold the values of %s stored by run %d (%s)", r.SameContent, what, what, r.SameContentRun, r.SameContentFile)
	if r.SameContent == 1 {
		one := strings.TrimSuffix(what, "s") // complaint, response
		w = fmt.Sprintf("1 %s loaded as new holds the values of a %s stored by run %d (%s)", one, one, r.SameContentRun, r.SameContentFile)
	}
	if r.SameContentRuns > 1 {
		w += " and " + quantity(r.SameContentRuns-1, "later run", "later runs")
	}
	w += ": the same source, time, customer, scores and text, under other IDs. An ID made of a record's values by column name changes with the header, and with how a value is written: "
	quote := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range truncate(names, 5) {
			q[i] = fmt.Sprintf("%q", n)
		}
		return strings.Join(q[:min(len(q), 6)], ", ")
	}
	var differ []string
	if len(r.SameContentAdded) > 0 {
		differ = append(differ, "columns this file has and that run's had not: "+quote(r.SameContentAdded))
	}
	if len(r.SameContentDropped) > 0 {
		differ = append(differ, "columns that run's file had and this one has not: "+quote(r.SameContentDropped))
	}
	redo := "then load the file with its header as before"
	if len(differ) > 0 {
		w += fmt.Sprintf("the same %s delivered again with another header count twice (%s)", what, strings.Join(differ, "; "))
	} else {
		// Their extra hold the same columns: the values the IDs are made
		// of are written otherwise (QA pass AO: a CSV's "11/04/2018
		// 20:09" as an XLSX date cell or a Parquet TIMESTAMP reads
		// "2018-04-11 20:09:00"), or, where a profile reads one of
		// several names, a column it reads renamed.
		w += "no column was added or dropped, so the values are likely the same but written differently (dates or numbers typed as spreadsheet or Parquet values in one file and as text in the other"
		if this, that := formatName(r.File), formatName(r.SameContentFile); this != that {
			w += fmt.Sprintf(": this file is %s, that run's %s", this, that)
		}
		w += ")"
		if r.Profile != "generic" {
			w += ", or a column the profile reads renamed"
		}
		w += fmt.Sprintf(": the same %s count twice", what)
		redo = fmt.Sprintf("the %s are stored already: deliver later ones as that run's file was (its format, its header)", what)
	}
	return w + fmt.Sprintf(". No command undoes a load: with the duckdb CLI, "+
		"DELETE FROM %s WHERE ingest_run_id = %d; DELETE FROM rejects WHERE run_id = %d; DELETE FROM ingest_runs WHERE run_id = %d; "+
		"%s (README: Loading)", rows, r.RunID, r.RunID, r.RunID, redo)
}

// formatName names the format of a file by its name, as messages do: its
// compression suffix aside ("week.csv.gz" is CSV).
func formatName(path string) string {
	f := detectFormat(path[:len(path)-len(compressedExt(path))], nil)
	if f == "parquet" {
		return "Parquet"
	}
	return strings.ToUpper(f)
}
