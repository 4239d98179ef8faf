package ingest

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
)

//go:embed sql/*.sql
var sqlFS embed.FS

var sqlTemplates = template.Must(template.New("").Funcs(template.FuncMap{"intID": intID, "spelling": spelling}).ParseFS(sqlFS, "sql/*.sql"))

// intID is the SQL of an ID expression (a column of this package's SQL)
// as the replies and follow-ups compare IDs: written as a number with a
// zero fraction ('3.0', as pandas writes a column of integers with gaps)
// it is the integer ('3'); any other text is itself.
func intID(expr string) string {
	return "regexp_replace(" + expr + `, '^([+-]?[0-9]+)[.]0+$', '\1')`
}

// spelling is the SQL of a column name (a key of extra) as two spellings
// of one name compare: its letters and digits, lower case. The CFPB's API
// writes "zip_code" and "consumer_consent_provided" where its CSV export
// writes "ZIP code" and "Consumer consent provided?".
func spelling(expr string) string {
	return "lower(regexp_replace(" + expr + `, '[^\pL\pN]', '', 'g'))`
}

// render fills one of the embedded SQL frames. The frames take only
// identifiers of this package, fragments built by exprBuilder and $N
// placeholders; values from the input always travel as parameters.
func render(name string, data any) string {
	var b bytes.Buffer
	if err := sqlTemplates.ExecuteTemplate(&b, name, data); err != nil {
		panic("ingest: template " + name + ": " + err.Error())
	}
	return b.String()
}

// params collects positional parameters, handing out $1, $2, ...
type params struct{ args []any }

func (p *params) add(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

// querier is a connection or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryColumn returns the one column, of type T, of the rows q selects.
func queryColumn[T any](ctx context.Context, db querier, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// literal quotes a string literal. It is used for column names from a file
// header (JSON keys, labels in reject reasons): DuckDB failed to bind $N
// parameters there in CREATE TABLE AS over read_csv (duckdb-go v2.10506).
// DuckDB string literals have no backslash escapes, so doubling quotes is
// the whole of the escaping.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident quotes an identifier (a column name from a file header) so that any
// text is safe inside it.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

var (
	trueWords  = []string{"yes", "y", "true", "t", "1"}
	falseWords = []string{"no", "n", "false", "f", "0"}
	nullWords  = []string{"n/a", "na", "none", "null", "unknown", "-"}
)

// isOneOf is the SQL test that expr is one of words. Not expr IN (...):
// DuckDB turns an IN list into a join with a table of its values, about 4%
// of a 1M-row load's CPU for the five lists of a CFPB export.
func isOneOf(expr string, words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + w + "'"
	}
	return "list_contains([" + strings.Join(q, ", ") + "], " + expr + ")"
}

// valueIn is the SQL test that the trimmed text of column col is one of
// values, case-insensitive (a rule of Mapping.Keep or Replies.When); a
// null is the empty text.
func valueIn(col string, values []string, p *params) string {
	vals := make([]string, len(values))
	for i, v := range values {
		vals[i] = p.add(strings.ToLower(v))
	}
	return fmt.Sprintf("coalesce(lower(trim(%s)), '') IN (%s)", col, strings.Join(vals, ", "))
}

// trimmed is expr without leading and trailing spaces, as DuckDB's trim()
// gives it (Unicode space separators), without calling trim() on the values
// it would leave as they are. trim() copies every value and classifies each
// character it reads: on a 1M-row CFPB export, about a fifth of the load's
// CPU, for fields that almost never carry a space at either end. In ASCII
// text the only space separator is ' ', so a value passes untouched when it
// neither starts nor ends with one and is all ASCII (as many bytes as
// characters); any other value goes through trim().
func trimmed(expr string) string {
	return fmt.Sprintf("CASE WHEN prefix(%[1]s, ' ') OR suffix(%[1]s, ' ') OR strlen(%[1]s) <> length(%[1]s) THEN trim(%[1]s) ELSE %[1]s END", expr)
}

// earliest is the earliest time a timestamp field may hold: anything before
// is a misread date (stageSQL).
var earliest = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// stageSQL builds the statement that reads source (a table expression) and
// stages every record converted by m into tbl's fields. The values of the
// columns lists names (a JSON file's, a Parquet file's of a nested type)
// are JSON text when a list or an object: one read into a field is no
// value when empty ("[]", "{}"), as an empty string is, and otherwise its
// JSON text (["Billing","Refund"]).
// A timestamp of something that has happened (a complaint received,
// answered or resolved, a survey answered) after notAfter is rejected as in
// the future, and any timestamp before earliest as misread.
//
// With legacy set (a staged load, which compares the records with the
// table), each record also carries _legacy_hash, its row hash as versions
// that kept null members in extra computed it, where that differs from
// row_hash (see extraOf), else null, and _order_hash, its row hash as
// versions that kept extra's keys in the file's order computed it, with
// that extra (_extra_order), where it differs: a row such a version stored
// is a duplicate when any hash matches it. Where versions before $content
// stored the responses under their record numbers
// (Mapping.rekeysRecordNumbers), each record also carries that number,
// _record (header holds the column RecordColumn then).
//
// A value kept in extra is trimmed, as a field's is (empty, it is none),
// and in a JSON file (nested) an object whose members the mapping reads
// ("via.channel") keeps only the others (withoutRead). Versions before
// stored it as read: in a staged load each record also carries that
// extra, _extra_prev, and its row hash, _prev_hash, where they differ from
// extra and row_hash (the earlier hashes read it too: those versions
// stored it so).
//
// It returns the checks too, in the order a record is judged by them: the
// first that holds is the reason it is rejected (_reason), and its place
// among them the record's _check (see rejectedAlike).
func stageSQL(m *Mapping, tbl *table, header []string, source string, p *params, defaultSource string, notAfter time.Time, legacy, nested bool, lists map[string]bool) (string, []check) {
	// Source columns are renamed by position; col maps a header name to its
	// new name.
	srcCols := make([]string, len(header))
	col := make(map[string]string, len(header))
	for i, h := range header {
		col[h] = ident(fmt.Sprintf("s_%d", i))
		srcCols[i] = "src." + ident(h) + " AS " + col[h]
	}
	sources := m.fieldSources()
	var names, texts, values, trims []string
	var checks []check
	trimCol := map[string]string{} // source column -> its trimmed text's name
	// trim names column c's trimmed text, a column of its own, which every
	// field and value map reading the column uses, rather than the
	// expression written out again in each of them
	trim := func(c string) string {
		u, seen := trimCol[c]
		if !seen {
			u = ident(fmt.Sprintf("u_%d", len(trimCol)))
			trimCol[c] = u
			trims = append(trims, "nullif("+trimmed(col[c])+", '') AS "+u)
		}
		return u
	}
	// fieldText is the text x of column c as a field reads it: null when
	// c's values are JSON and x an empty list or object
	fieldText := func(c, x string) string {
		if !lists[c] {
			return x
		}
		return "CASE WHEN " + x + " = '[]' OR " + x + " = '{}' THEN NULL ELSE " + x + " END"
	}
	for _, f := range tbl.fields {
		name := ident(f.name)
		tname := ident("t_" + f.name)
		label := f.name
		var text string
		switch c, ok := sources[f.name]; {
		case ok:
			label = c + " (" + f.name + ")"
			if f.long {
				// Trimming copies the string: too dear for narratives.
				text = fieldText(c, "nullif("+col[c]+", '')")
				break
			}
			u := fieldText(c, trim(c))
			text = u
			if fb := m.fallback[f.name]; fb != "" && col[fb] != "" {
				// the field's own column empty: the fallback's (a ticket
				// rating's time, its ticket's solve time, else its creation)
				text = "coalesce(" + u + ", " + fieldText(fb, trim(fb)) + ")"
			}
			if f.name == "source" && !pseudoColumn(c) {
				// a record whose source column is empty has the source a
				// file without the column would (--source, the mapping's,
				// the file's name), as the README says; it was rejected
				// as "source missing"
				text = "coalesce(" + u + ", " + p.add(defaultSource) + ")"
			}
		case m.Constants[f.name] != "":
			text = p.add(m.Constants[f.name])
		case f.name == "source":
			text = p.add(defaultSource)
		default:
			text = "NULL::VARCHAR"
		}
		strip := slices.Contains(m.stripHTML, f.name)
		if strip {
			text = stripTags(text)
		}
		if strip || slices.Contains(m.UnescapeHTML, f.name) {
			text = unescapeHTML(text)
		}
		if f.typ == tBool {
			text = "CASE WHEN " + isOneOf("lower("+text+")", nullWords) + " THEN NULL ELSE " + text + " END"
		}
		if vm := m.Values[f.name]; len(vm) > 0 {
			if w := mappedColumn(f, m); w != "" {
				texts = append(texts, valueMapped(text, vm, p)+" AS "+w)
			}
			text = valueMap(text, vm, p)
			if tbl.name == "surveys" && isScore(f.name) {
				// an N/A that says why (noScoreAnswer) is no score, as
				// the map's plain N/A (scoreValues), and so is a
				// spreadsheet's #N/A, a formula's "not available" (a
				// lookup of an answer not given: its response was
				// rejected, QA pass CD); a broken formula's error
				// (#DIV/0!, #VALUE!, #REF!) says nothing of the
				// answer, and is rejected naming it. A value the map
				// gives is a number, or what its "*" says.
				text = "CASE WHEN regexp_full_match(lower(" + text + "), " + literal(noScoreAnswer) + ") OR upper(" + text + ") = '#N/A' THEN NULL ELSE " + text + " END"
			}
		}
		if f.typ == tTimestamp {
			text = isoUpper(text)
		}
		names = append(names, name)
		texts = append(texts, text+" AS "+tname)
		value := valueExpr(f, tname, m, p)
		var overflow *check // the check of a time plus a duration (m.after) that is no time
		if d, ok := m.after[f.name]; ok && col[d.column] != "" {
			// named by the duration's column and value, and the time
			// it was added to: the time alone was named, as a value
			// not read, which it was (QA pass)
			dur := trim(d.column)
			overflow = &check{cond: fmt.Sprintf("%s IS NULL AND %s IS NOT NULL AND %s", name, value, isNumber(dur)),
				why: fmt.Sprintf("%s || ': ' || %s || %s || strftime(%s, '%%Y-%%m-%%d %%H:%%M:%%S') || %s",
					literal("field "+d.column+" ("+f.name+")"), dur, literal(" "+d.unit+" after "), value,
					literal(" ("+sources[f.name]+") is no time a timestamp holds")),
				field: f, label: d.column + " (" + f.name + ")", kind: "a time and its duration that are no time a timestamp holds"}
			value = plusDurationOr(value, dur, d.unit)
		}
		values = append(values, value+" AS "+name)

		lbl := literal("field " + label)
		if f.required {
			checks = append(checks, check{cond: fmt.Sprintf("%s IS NULL AND %s IS NULL", name, tname), why: lbl + " || ': missing'",
				field: f, label: label, kind: "missing"})
		}
		if overflow != nil {
			checks = append(checks, *overflow)
		}
		if r, ok := m.Scales[f.name]; ok {
			// a number of the source scale's, beyond it: named so, not
			// as a text the field cannot read (the conversion's null)
			num := numberOf(f, tname)
			out := fmt.Sprintf("isfinite(%[1]s) AND %[1]s = floor(%[1]s) AND %[1]s NOT BETWEEN %[2]g AND %[3]g", num, r[0], r[1])
			if w := mappedColumn(f, m); w != "" {
				out = "NOT " + w + " AND " + out
			}
			checks = append(checks, check{cond: out,
				why: fmt.Sprintf("%s || ': ' || coalesce(CAST(try_cast(%s AS BIGINT) AS VARCHAR), CAST(%s AS VARCHAR)) || %s",
					lbl, num, num, literal(" is outside the scale "+scaleText(r))),
				value: num, field: f, label: label, kind: "outside the scale " + scaleText(r), scale: r})
		}
		if f.typ == tTimestamp && !elapsed(m, f.name) {
			// a zone abbreviation m does not read (valueExpr), named
			abbr := zoneAbbrevOf(tname)
			checks = append(checks, check{cond: fmt.Sprintf("%s IS NULL AND %s IS NOT NULL AND %s AND (%s) IS NULL", name, tname, hasZoneAbbrev(tname), zoneOffsetOf(abbr, m)),
				why: fmt.Sprintf("%s || ': ''' || left(%s, 60) || ''' ends in the zone abbreviation ''' || %s || ''', ' || %s || %s",
					lbl, tname, abbr, zoneAbbrevWhy(abbr), literal(": "+abbrevSettle)),
				field: f, label: label, kind: "a time zone abbreviation not read"})
		}
		if f.typ != tText {
			as := strings.ToLower(f.typ.sqlType())
			if e, ok := m.Elapsed[f.name]; ok {
				as = e.Unit + " after " + e.Since
			}
			if why := m.unreadDates[f.name]; why != "" {
				as += ": " + why
			}
			unread := name + " IS NULL"
			if f.typ == tFloat {
				// text beyond DOUBLE's range ("1e400") casts to an
				// infinity: neither it nor NaN is an amount
				unread = "(" + unread + " OR NOT isfinite(" + name + "))"
			}
			hint := ""
			var swapped []string
			if f.typ == tTimestamp && !elapsed(m, f.name) {
				hint = " || " + timestampHint(tname, f.name, m)
				swapped = swappedLayouts(m.Dates[f.name])
			}
			c := check{cond: fmt.Sprintf("%s AND %s IS NOT NULL", unread, tname),
				why:   fmt.Sprintf("%s || ': cannot read ''' || left(%s, 60) || ''' as ' || %s%s", lbl, tname, literal(as), hint),
				field: f, label: label, kind: "cannot read as " + as}
			if len(swapped) > 0 {
				// a value the layouts read with day and month swapped
				// says so, and is counted (value 1) for checksAlike
				reads := readsAs(tname, swapped, p)
				from, inferred := m.orderFrom[f.name]
				why, question := swappedWhy(swapped, from, inferred)
				c.why += " || CASE WHEN " + reads + " THEN " + literal(" ("+why+")") + " ELSE '' END"
				c.value, c.swapped, c.swapQuestion = "CASE WHEN "+reads+" THEN 1 ELSE 0 END", swapped, question
			}
			checks = append(checks, c)
		}
		if f.happened {
			// a literal of ours, not input: DuckDB would not bind a
			// parameter here (see literal)
			limit := "TIMESTAMP '" + notAfter.Format("2006-01-02 15:04:05") + "'"
			checks = append(checks, check{cond: name + " > " + limit,
				why:   fmt.Sprintf("%s || ': ' || strftime(%s, '%%Y-%%m-%%d %%H:%%M:%%S') || ' is in the future (later than a day after the load)'", lbl, name),
				field: f, label: label, kind: "in the future"})
		}
		if f.typ == tTimestamp {
			// a database's or a spreadsheet's zero date, for no date
			checks = append(checks, check{cond: isPlaceholderDate(name),
				why:   fmt.Sprintf("%s || ': ' || strftime(%s, '%%Y-%%m-%%d %%H:%%M:%%S') || %s", lbl, name, literal(" is "+placeholderWhat+", not a time")),
				value: "epoch(" + name + ")", field: f, label: label, kind: placeholderKind})
			// DuckDB reads "22-04-15" as the year 22: a date of two-digit
			// year in an order it does not know (inferDates found no
			// layout), not a complaint of antiquity
			checks = append(checks, check{cond: fmt.Sprintf("%s < TIMESTAMP '%s'", name, earliest.Format("2006-01-02")),
				why: fmt.Sprintf("%s || ': ' || %s || ' reads as ' || strftime(%s, '%%Y-%%m-%%d') || ', before %d (a year of two digits? give the layout in the mapping''s dates)'",
					lbl, tname, name, earliest.Year()),
				field: f, label: label, kind: fmt.Sprintf("before %d", earliest.Year())})
		}
		if f.max > f.min {
			checks = append(checks, check{cond: fmt.Sprintf("%s < %g OR %s > %g", name, f.min, name, f.max),
				why:   fmt.Sprintf("%s || ': ' || %s || ' is outside %g..%g'", lbl, name, f.min, f.max),
				value: name, field: f, label: label, kind: fmt.Sprintf("outside %g..%g", f.min, f.max)})
		}
	}
	var keep []check // (no kind: records left out by design)
	for _, c := range sortedKeys(m.Keep) {
		// the value quoted as the other reasons quote one ('...', at
		// most 60 characters), which the audit page masks: written
		// "field Via = <value>", an e-mail address or a card number
		// showed there in full (QA pass CA)
		v := "nullif(trim(" + col[c] + "), '')"
		keep = append(keep, check{cond: "NOT " + valueIn(col[c], m.Keep[c], p),
			why: fmt.Sprintf("%s || coalesce('''' || left(%s, 60) || '''', 'null') || %s", literal("field "+c+": "), v, literal(" is not kept"+cmp.Or(m.keepWhy, " by the mapping")))})
	}
	checks = append(keep, checks...)
	if r := m.Replies; r != nil {
		// first: a reply is no complaint, whatever its fields hold
		// (applyReplies reads it from the rejects)
		var when []string
		for _, c := range sortedKeys(r.When) {
			when = append(when, valueIn(col[c], r.When[c], p))
		}
		checks = append([]check{{cond: strings.Join(when, " AND "), why: literal(replyReason)}}, checks...)
	}
	mapped := map[string]bool{RecordColumn: true, ContentColumn: true}
	for c := range m.Columns {
		mapped[c] = true
	}
	for _, c := range m.ignore {
		mapped[c] = true
	}
	// the members of an object column that the mapping reads, by the
	// column: their paths below it (a JSON file's "via.channel")
	read := map[string][][]string{}
	if nested {
		h := headerSet(header)
		for _, c := range sortedKeys(m.Columns) {
			if jsonPath(c, h) != "" {
				segs := strings.Split(c, ".")
				read[segs[0]] = append(read[segs[0]], segs[1:])
			}
		}
	}
	var extra, asRead, raw []string
	own := "" // an unmapped column named extra (see extraOf)
	var extraKeys []string
	var changed []string // the conditions under which a record's extra is not as read
	for _, h := range header {
		if pseudoColumn(h) {
			continue
		}
		pair := literal(h) + ", " + col[h]
		raw = append(raw, pair)
		switch {
		case mapped[h]:
		case h == "extra":
			own = col[h]
		default:
			value := trim(h)
			if paths := read[h]; len(paths) > 0 {
				value = withoutRead(value, paths)
				changed = append(changed, col[h]+" IS NOT NULL")
			} else {
				changed = append(changed, col[h]+" IS DISTINCT FROM "+value)
			}
			extra, asRead, extraKeys = append(extra, literal(h)+", "+value), append(asRead, pair), append(extraKeys, h)
		}
	}
	// extra's keys in order, whatever the file's order of columns: the
	// same records from an export whose columns came in another order were
	// updates, each reclassified. Versions before kept the file's order;
	// the rows they stored are matched by _order_hash (outcome.sql).
	sorted := sortedPairs(extra, extraKeys)
	// extra as read (untrimmed, objects whole), its null members in the
	// file's order (versions before stored it so), in a staged load a
	// column of its own (_extra_all) that _legacy_hash and _order_hash read
	extraAll, legacyHash, fileOrder, prev := extraOf(own, asRead), "", "NULL::JSON", "NULL::JSON"
	stripped := withoutNulls(extraOf(own, sorted))
	if legacy {
		legacyHash = "true"
		if readSorted := sortedPairs(asRead, extraKeys); !slices.Equal(readSorted, asRead) {
			// where it equals extra (a null member out of order), its
			// hash is row_hash: matching it matches that
			fileOrder = withoutNulls("_extra_all")
		}
		if len(changed) > 0 {
			// as the version before stored it: in order, without null
			// members, as read; only for the records where that is not
			// extra (a value with spaces at an end, an object pruned)
			prev = "CASE WHEN " + strings.Join(changed, " OR ") + " THEN " + withoutNulls(extraOf(own, sortedPairs(asRead, extraKeys))) + " END"
		}
	}
	record := "" // the record number, where rows may be stored under it (sql/rekey.sql)
	if legacy && m.rekeysRecordNumbers() {
		record = col[RecordColumn]
	}
	q := render("stage.sql", map[string]string{
		"Legacy":     legacyHash,
		"FileOrder":  fileOrder,
		"Prev":       prev,
		"Record":     record,
		"Names":      strings.Join(names, ", "),
		"SourceCols": strings.Join(append(srcCols, trims...), ",\n                       "),
		"Texts":      strings.Join(texts, ",\n                   "),
		"Values":     strings.Join(values, ",\n               "),
		"Reason":     reasonCase(checks),
		"Check":      checkCase(checks),
		"ExtraAll":   extraAll,
		"Extra":      stripped,
		"Raw":        "json_object(" + strings.Join(raw, ", ") + ")",
		"Source":     source,
	})
	return q, checks
}

// check is a rule of stageSQL's that rejects a record: when cond holds,
// why (SQL text) says why. field, label and kind name the rule for a
// warning of many records rejected alike (rejectedAlike): the canonical
// field, its label in reasons ("CSAT (csat)") and what is wrong ("outside
// 1..5"); kind is empty for a rule that leaves records out by design (a
// mapping's keep, a reply). value is the SQL of the number judged, for a
// score beyond its range or its scale (scale, a mapping's).
type check struct {
	cond, why string
	field     field
	label     string
	kind      string
	value     string
	scale     [2]float64
	// swapped are the layouts of a timestamp's dates with day and month
	// swapped (swappedLayouts), when value is 1 for a value they read
	swapped []string
	// swapQuestion asks, in the warning of many values rejected that
	// swapped reads, what may be wrong (swappedWhy)
	swapQuestion string
}

// reasonCase is the SQL of why a record is rejected: the why of the first
// of checks that holds, null when none does.
func reasonCase(checks []check) string {
	if len(checks) == 0 {
		return "NULL::VARCHAR"
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, c := range checks {
		b.WriteString("\n                 WHEN " + c.cond + " THEN " + c.why)
	}
	b.WriteString(" END")
	return b.String()
}

// checkCase is the SQL of which of checks rejects a record, by its index,
// and the number it judged (value) where it has one, as a struct (rule,
// value); null for a record no check of a kind rejects. stage.sql
// evaluates it only for the records rejected.
func checkCase(checks []check) string {
	var b strings.Builder
	b.WriteString("CASE")
	kinds := false
	for i, c := range checks {
		if c.kind == "" {
			b.WriteString("\n                 WHEN " + c.cond + " THEN NULL")
			continue
		}
		v := "NULL::DOUBLE"
		if c.value != "" {
			v = "CAST(" + c.value + " AS DOUBLE)"
		}
		b.WriteString(fmt.Sprintf("\n                 WHEN %s THEN {'rule': %d, 'value': %s}", c.cond, i, v))
		kinds = true
	}
	if !kinds {
		return "NULL::STRUCT(rule INTEGER, value DOUBLE)"
	}
	b.WriteString(" END")
	return b.String()
}

// sortedPairs returns extraOf's pairs in the order of their keys.
func sortedPairs(pairs, keys []string) []string {
	at := make([]int, len(keys))
	for i := range at {
		at[i] = i
	}
	slices.SortStableFunc(at, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	out := make([]string, len(at))
	for i, k := range at {
		out[i] = pairs[k]
	}
	return out
}

// extraOf returns the expression of a record's extra JSON: an object of the
// unmapped columns (pairs: key literal, column), or NULL when there are
// none. A column named extra (own, "" if none) is the extra of a file in
// the canonical schema, such as the Parquet that `complaints export`
// writes: when its value is a JSON object, its keys are merged with the
// other unmapped columns' (a column's value wins over a key of the same
// name), so loading an export again gives back the extra it had rather
// than nesting it as a string; a value that is not an object is kept
// under the key "extra" like any other column.
func extraOf(own string, pairs []string) string {
	obj := "NULL::JSON"
	if len(pairs) > 0 {
		obj = "json_object(" + strings.Join(pairs, ", ") + ")"
	}
	if own == "" {
		return obj
	}
	merged := "json(" + own + ")"
	if len(pairs) > 0 {
		// maps, not json_merge_patch: a merge patch drops the keys whose
		// value is null
		asMap := func(j string) string { return "json_transform(" + j + `, '"MAP(VARCHAR, JSON)"')` }
		merged = "to_json(map_concat(" + asMap(own) + ", " + asMap(obj) + "))"
	}
	whole := "json_object(" + strings.Join(append([]string{literal("extra") + ", " + own}, pairs...), ", ") + ")"
	return fmt.Sprintf("CASE WHEN %[1]s IS NULL THEN %[2]s WHEN json_valid(%[1]s) AND json_type(%[1]s) = 'OBJECT' THEN %[3]s ELSE %[4]s END",
		own, obj, merged, whole)
}

// withoutRead is the SQL of value, the text of an object column of a JSON
// file, without the members at paths (below the column: ["channel"],
// ["author", "id"]) that the mapping reads into fields, and without an
// object that their removal leaves empty, itself included (NULL then): a
// requester whose e-mail is the customer, a message whose body is the
// narrative, were stored again in extra, whole. A value that is no object
// (a string in another record), or holds none of them, is as it is; one
// written without them has its keys in order, as json_merge_patch writes
// them.
func withoutRead(value string, paths [][]string) string {
	patch := map[string]any{}
	var parents [][]string // the objects above a member read, deepest first
	for _, path := range paths {
		at := patch
		for k, seg := range path {
			if k == len(path)-1 {
				at[seg] = nil
				break
			}
			next, ok := at[seg].(map[string]any)
			if !ok {
				if _, gone := at[seg]; gone {
					break // the whole object is read
				}
				next = map[string]any{}
				at[seg] = next
				parents = append(parents, path[:k+1])
			}
			at = next
		}
	}
	text, err := json.Marshal(patch)
	if err != nil {
		panic("ingest: patch of " + value + ": " + err.Error())
	}
	x := "json_merge_patch(" + value + ", " + literal(string(text)) + ")"
	slices.SortStableFunc(parents, func(a, b []string) int { return len(b) - len(a) })
	for _, parent := range parents {
		gone := map[string]any{}
		at := gone
		for i, seg := range parent {
			if i == len(parent)-1 {
				at[seg] = nil
				break
			}
			next := map[string]any{}
			at[seg] = next
			at = next
		}
		g, err := json.Marshal(gone)
		if err != nil {
			panic("ingest: patch of " + value + ": " + err.Error())
		}
		x = fmt.Sprintf("CASE WHEN json_extract(%[1]s, %[2]s)::VARCHAR = '{}' THEN json_merge_patch(%[1]s, %[3]s) ELSE %[1]s END",
			x, literal(memberPath(parent)), literal(string(g)))
	}
	// (only an object that holds one of them is written again: one
	// without is as read, its keys in their order)
	holds := make([]string, len(paths))
	for i, path := range paths {
		holds[i] = "json_exists(" + value + ", " + literal(memberPath(path)) + ")"
	}
	return fmt.Sprintf("CASE WHEN json_valid(%[1]s) AND json_type(%[1]s) = 'OBJECT' AND (%[3]s) THEN nullif(CAST(%[2]s AS VARCHAR), '{}') ELSE %[1]s END",
		value, x, strings.Join(holds, " OR "))
}

// extraColumns is the SQL list of the columns of a file (its header, read
// by m) whose members of a stored extra an update of a record of the file
// replaces (sql/keep_extra.sql): every column the file has, read into a
// field or not (a member stored for a column that a field now reads goes,
// as before). Members of any other key are kept, as a field the file does
// not read keeps its value. "" when the file gives extra whole: a column
// extra (see extraOf), whose keys a record lacks are keys its row does not
// have.
func extraColumns(m *Mapping, header []string) string {
	var cols []string
	for _, h := range header {
		if pseudoColumn(h) {
			continue
		}
		if h == "extra" && m.Columns[h] == nil && !slices.Contains(m.ignore, h) { // (as stageSQL reads it)
			return ""
		}
		cols = append(cols, literal(h))
	}
	return "[" + strings.Join(cols, ", ") + "]"
}

// withoutNulls returns the expression of extra (an expression of
// extraOf) without its null members, NULL when none is left: a value left
// empty is null, and a column that a record holds as null, or that its
// file lacks (a key that only some objects of a JSON export carry, or an
// empty column of another export), is no content of the record. With them
// kept, a record stored as {"tag": null} was updated by the same record
// from a file without the column. Rows stored with null members in extra
// by earlier versions keep their row hash: the stage gives the hash they were
// stored with too (_legacy_hash, stageSQL), so loading their file again
// finds them duplicates, and so does a file without the column (a member
// of a column the file lacks is kept: sql/keep_extra.sql).
func withoutNulls(extra string) string {
	// a merge patch into {} drops the members whose value is null, and
	// keeps the others in order, so an object with no null member has the
	// same text, and its row the same hash, as before
	return "nullif(json_merge_patch('{}', " + extra + "), '{}')"
}

// blockTags are the HTML elements that start a line or a block of their
// own where a browser shows them: text converted from HTML (stripTags)
// has a space where one of them starts or ends.
var blockTags = []string{"address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
	"fieldset", "figcaption", "figure", "footer", "form", "h[1-6]", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol",
	"p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}

// stripTags is the SQL of the HTML text expression as text: a block
// tag (blockTags) is a space, any other tag (b, i, a, span: inline) is
// nothing, so that the punctuation after one stays against its word
// ("Hello <b>there</b>." is "Hello there.", not "Hello there ."; QA
// pass), and runs of white space are one space; empty, it is null.
// Entities are decoded after (unescapeHTML).
func stripTags(text string) string {
	block := `<\s*/?\s*(` + strings.Join(blockTags, "|") + `)(\s[^>]*)?/?\s*>`
	text = "regexp_replace(" + text + ", " + literal(block) + ", ' ', 'gi')"
	text = "regexp_replace(" + text + ", '<[^>]*>', '', 'g')"
	return "nullif(trim(regexp_replace(" + text + `, '\s+', ' ', 'g')), '')`
}

// unescapeHTML decodes the HTML entities of a text expression once:
// the named ones an HTML-escaping export writes, and those a message
// body writes for spaces, dashes and quotes (&nbsp; a plain space),
// "&amp;" last so that "&amp;lt;" becomes "&lt;", as written.
func unescapeHTML(text string) string {
	for _, e := range [][2]string{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#39;", "'"}, {"&apos;", "'"},
		{"&nbsp;", " "}, {"&ndash;", "–"}, {"&mdash;", "—"}, {"&hellip;", "…"},
		{"&lsquo;", "‘"}, {"&rsquo;", "’"}, {"&ldquo;", "“"}, {"&rdquo;", "”"}, {"&amp;", "&"}} {
		text = "replace(" + text + ", " + literal(e[0]) + ", " + literal(e[1]) + ")"
	}
	return text
}

// valueMap applies a mapping's value map to a text expression, matching
// case-insensitively; "" maps to null and "*" catches everything else.
func valueMap(text string, vm map[string]string, p *params) string {
	var b strings.Builder
	b.WriteString("CASE lower(" + text + ")")
	els := text
	for _, k := range sortedKeys(vm) {
		v := vm[k]
		if k == "*" {
			els = "CASE WHEN " + text + " IS NOT NULL THEN " + p.add(v) + " END"
			continue
		}
		target := "NULL"
		if v != "" {
			target = p.add(v)
		}
		b.WriteString(" WHEN " + p.add(strings.ToLower(k)) + " THEN " + target)
	}
	if len(vm) == 1 && els != text {
		// "*" alone: a CASE with no WHEN is no SQL (the load failed with
		// DuckDB's syntax error)
		return els
	}
	b.WriteString(" ELSE " + els + " END")
	return b.String()
}

// valueMapped is the SQL test that valueMap(text, vm) maps text, rather
// than passing it as it is: text is one of vm's keys, or any text when vm
// has "*".
func valueMapped(text string, vm map[string]string, p *params) string {
	if _, ok := vm["*"]; ok {
		return text + " IS NOT NULL"
	}
	keys := make([]string, 0, len(vm))
	for _, k := range sortedKeys(vm) {
		keys = append(keys, p.add(strings.ToLower(k)))
	}
	return "coalesce(list_contains([" + strings.Join(keys, ", ") + "], lower(" + text + ")), false)"
}

// mappedColumn names the column of stage.sql (w_*) that says whether a
// scaled field's value came from its value map, for a field that has both
// (the survey profile's CSAT words on a question's scale): a mapped value
// is canonical already (Mapping.Values), and is not put on the canonical
// scale again. "" for any other field.
func mappedColumn(f field, m *Mapping) string {
	if _, ok := m.Scales[f.name]; !ok || len(m.Values[f.name]) == 0 {
		return ""
	}
	return ident("w_" + f.name)
}

// scaleText writes a source scale as a question names it ("0-10").
func scaleText(r [2]float64) string {
	if r[0] < 0 {
		return fmt.Sprintf("%g to %g", r[0], r[1])
	}
	return fmt.Sprintf("%g-%g", r[0], r[1])
}

// numberOf is the number (DOUBLE) an integer field's text t holds, null
// when none. A score's may be written with a decimal comma ("3,0"), or
// carry a survey tool's label after it: "10 - Extremely likely", "0 – Not
// at all likely", "4 (Satisfied)", "9/10", "4 out of 5", "5 stars": the
// number it starts with.
func numberOf(f field, t string) string {
	num := "try_cast(" + t + " AS DOUBLE)"
	if isScore(f.name) {
		// ("4,5" is no whole score: rejected as "4.5" is)
		num = "coalesce(" + num + ", try_cast(CASE WHEN regexp_full_match(" + t + `, '[-+]?\d+,\d{1,2}') THEN replace(` + t + ", ',', '.') END AS DOUBLE), " +
			"try_cast(regexp_extract(" + t + `, '^(\d{1,3})\s*(?:[-–—:=(/]|\s)', 1) AS DOUBLE))`
	}
	return num
}

// elapsed reports whether m reads field f as a duration (Mapping.Elapsed).
func elapsed(m *Mapping, f string) bool {
	_, ok := m.Elapsed[f]
	return ok
}

// timestampHint is the SQL of what a timestamp's reject reason adds after
// the value, text t, when it is a number: the numeric layouts the column
// is read with (m's dates of its field), if any, and the dates that read
// numbers (numberAdvice).
func timestampHint(t, f string, m *Mapping) string {
	var numeric []string
	for _, l := range m.Dates[f] {
		if isNumberLayout(l) {
			numeric = append(numeric, numberLayouts[l])
		}
	}
	hint := " (a number? " + numberAdvice(m) + ")"
	if len(numeric) > 0 {
		hint = " (its column is read as " + strings.Join(numeric, " or ") + ": a number of another kind? " + numberAdvice(m) + ")"
	}
	return "CASE WHEN " + isNumber(t) + " THEN " + literal(hint) + " ELSE '' END"
}

// numberAdvice is numberHint as m's reasons give it: the dates of the
// mapping given, or of one to write where a profile read the file (QA
// pass CD: a canonical file's reason named "the mapping's dates", of a
// mapping there was none of).
func numberAdvice(m *Mapping) string {
	if m.file {
		return numberHint
	}
	return "a mapping's" + strings.TrimPrefix(numberHint, "the mapping's")
}

// swappedLayouts are the date layouts of layouts that name a day and a
// month, with the two swapped ("%m/%d/%Y" -> "%d/%m/%Y"): a mapping whose
// layout reads dates written day first month first reads those of days 1
// to 12 wrong and cannot read the others (QA pass AO).
func swappedLayouts(layouts []string) []string {
	swap := strings.NewReplacer("%d", "%m", "%m", "%d", "%-d", "%-m", "%-m", "%-d")
	var out []string
	for _, l := range layouts {
		day := strings.Contains(l, "%d") || strings.Contains(l, "%-d")
		month := strings.Contains(l, "%m") || strings.Contains(l, "%-m")
		if isNumberLayout(l) || !day || !month {
			continue
		}
		if s := swap.Replace(l); s != l && !slices.Contains(layouts, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// readsAs is the SQL test that one of layouts reads the text t as a time.
func readsAs(t string, layouts []string, p *params) string {
	parts := make([]string, len(layouts))
	for i, l := range layouts {
		parts[i] = "try_strptime(" + t + ", " + p.add(l) + ")"
	}
	return "coalesce(" + strings.Join(parts, ", ") + ") IS NOT NULL"
}

// plusDuration is the timestamp ts plus the duration that the text t holds
// in unit, to the microsecond; null where the microseconds do not fit a
// BIGINT or the sum a TIMESTAMP (TRY: the addition's overflow is an error,
// not a null).
func plusDuration(ts, t, unit string) string {
	return fmt.Sprintf("TRY(CAST(%s + to_microseconds(try_cast(round(try_cast(%s AS DOUBLE) * %g) AS BIGINT)) AS TIMESTAMP))",
		ts, t, elapsedUnits[unit]*1e6)
}

// plusDurationOr is the timestamp ts plus the duration the text t holds
// where it holds one (Mapping.after), else ts as it is: a ticket not
// solved has no resolution time.
func plusDurationOr(ts, t, unit string) string {
	return "CASE WHEN " + isNumber(t) + " THEN " + plusDuration(ts, t, unit) + " ELSE " + ts + " END"
}

// isoTime is the SQL of the ISO 8601 time that the text t holds, as a
// TIMESTAMP in UTC: read through TIMESTAMPTZ, so that an offset
// ("2024-03-01T09:30:00+01:00") moves the time to UTC rather than being
// ignored (the warehouse's time zone is UTC). With m's Timezone, a time
// of day written without an offset is a time of that zone (inZone); a
// date alone is midnight UTC, as without.
func isoTime(t string, m *Mapping, p *params) string {
	iso := "CAST(try_cast(" + t + " AS TIMESTAMPTZ) AS TIMESTAMP)"
	if m.Timezone == "" {
		return iso
	}
	// a time of day (hours and minutes), not followed by an offset, Z,
	// UTC or GMT, or a zone's name ("2024-03-01 09:30:00 America/Chicago"),
	// which the cast reads
	wall := "regexp_matches(" + t + ", '[0-9]:[0-9]{2}') AND NOT regexp_matches(" + t +
		`, ':[0-9]{2}([.,][0-9]+)?\s*([Zz]|UTC|GMT|[+-][0-9]{1,2}(:?[0-9]{2})?|[A-Za-z_]+/[A-Za-z0-9_/+-]+)$')`
	return "CASE WHEN " + wall + " THEN " + inZone(iso, m, p) + " ELSE " + iso + " END"
}

// inZone is the SQL of the TIMESTAMP ts, a time on the clocks of m's
// Timezone (a parameter: the name is the mapping's text), as the same
// instant in UTC. A time the clocks skip when they go forward (02:30 on
// New York's spring day) is read with the offset before the change (EST:
// 07:30 UTC, 03:30 EDT), and one they show twice when they go back (01:30
// on its autumn day) as the second (EST: 06:30 UTC), as DuckDB's ICU
// converts them.
func inZone(ts string, m *Mapping, p *params) string {
	return "timezone('UTC', timezone(" + p.add(string(m.Timezone)) + ", " + ts + "))"
}

// layoutHasTime reports whether the strptime layout l reads a time of day
// (hours, or a locale's time), not a date alone.
func layoutHasTime(l string) bool {
	for i := 0; i+1 < len(l); i++ {
		if l[i] != '%' {
			continue
		}
		if strings.IndexByte("HIcX", l[i+1]) >= 0 {
			return true
		}
		i++ // "%%" is a percent sign
	}
	return false
}

// valueExpr converts a field's text column to its type; null when it cannot.
func valueExpr(f field, t string, m *Mapping, p *params) string {
	switch f.typ {
	case tTimestamp:
		if e, ok := m.Elapsed[f.name]; ok {
			// a duration after another field's time: that field's value
			// plus the duration, to the microsecond; null where the
			// microseconds do not fit a BIGINT or the sum a TIMESTAMP
			// (TRY: the addition's overflow is an error, not a null)
			t0, _ := tables[m.Target].field(e.Since)
			return "CASE WHEN " + isNumber(t) + " THEN " + plusDuration(valueExpr(t0, ident("t_"+e.Since), m, p), t, e.Unit) + " END"
		}
		// a time followed by a zone's abbreviation: the time before it,
		// as written (not a time of m's Timezone), at the offset the
		// abbreviation names (null when it names none m reads: rejected
		// naming it, stageSQL); NOON or MIDNIGHT after 12:00 is that
		// time (clockWordRE). Both end in a letter, which is tested
		// first: a value that ends otherwise is converted as before.
		utc := *m
		utc.Timezone = ""
		plain := timestampExpr(f, t, m, p)
		return "CASE WHEN " + endsInLetter(t) + " THEN CASE WHEN " + zoneAbbrevAfter(t) + " THEN " + timestampExpr(f, withoutZoneAbbrev(t), &utc, p) +
			" - to_minutes(" + zoneOffsetOf(zoneAbbrevOf(t), m) + ") ELSE coalesce(" + clockWordTime(f, t, m, p) + ", " + plain + ") END ELSE " + plain + " END"
	case tBool:
		return "CASE WHEN " + isOneOf("lower("+t+")", trueWords) + " THEN true WHEN " + isOneOf("lower("+t+")", falseWords) + " THEN false END"
	case tInt:
		num := numberOf(f, t)
		// try_cast: NaN (which DuckDB holds equal to its floor), the
		// infinities and integers beyond INTEGER's range are null, and the
		// record is rejected as one the field cannot read
		whole := "CASE WHEN " + num + " = floor(" + num + ") THEN try_cast(" + num + " AS INTEGER) END"
		r, ok := m.Scales[f.name]
		if !ok {
			return whole
		}
		// A score on another scale is put on the canonical one's points
		// by its position on its own, (x - lo)/(hi - lo). CSAT's share
		// (4 or 5) and NPS's classes (9-10, 0-6) are thresholds: a score
		// is k when its position is at or above k's, the floor (0-10 onto
		// 1-5: 8 and 9 are 4, 7 is 3; rounded, 7 at 3.8 was satisfied);
		// the 1e-9 keeps a position on a point from falling below it by
		// the division's rounding. CES is read as a mean: the nearest
		// point. Like any score, an answer is a whole number (a fraction
		// is an average or a typo, rejected as unread); one beyond the
		// scale is null here, rejected naming the scale (stageSQL).
		point, nudge := "floor", " + 1e-9"
		if f.name == "ces" {
			point, nudge = "round", ""
		}
		scaled := fmt.Sprintf("CASE WHEN %[1]s = floor(%[1]s) AND %[1]s BETWEEN %[2]g AND %[3]g THEN CAST(%[4]s(%[5]g + (%[1]s - %[2]g) * %[6]g / %[7]g%[8]s) AS INTEGER) END",
			num, r[0], r[1], point, f.min, f.max-f.min, r[1]-r[0], nudge)
		if w := mappedColumn(f, m); w != "" {
			return "CASE WHEN " + w + " THEN " + whole + " ELSE " + scaled + " END"
		}
		return scaled
	case tFloat:
		return amountExpr(t, m.decimalComma[f.name])
	}
	if f.id {
		// an ID written as a number with a zero fraction, as pandas
		// writes a column of integers with gaps or a JSON export a
		// number, is the integer, as a reply's answers are: 2105582.0
		// loaded as a complaint beside 2105582 (QA pass AW)
		return intID(t)
	}
	return t
}

// sameInEveryOrder is the timestamp a date of an unread date column
// (Mapping.unreadOrders) reads as in every order it reads in, null when
// the orders differ on it or one does not read it: 02/02/2025 is
// 2025-02-02 month first or day first; "" for a field of no such orders.
func sameInEveryOrder(f field, t string, m *Mapping, p *params) string {
	orders := m.unreadOrders[f.name]
	if len(orders) < 2 {
		return ""
	}
	one := *m // m with each order's layouts alone
	reads := make([]string, len(orders))
	for i, layouts := range orders {
		one.Dates = map[string]strList{f.name: layouts}
		reads[i] = timestampExpr(f, t, &one, p)
	}
	agree := make([]string, len(reads)-1)
	for i := range agree {
		agree[i] = reads[0] + " = " + reads[i+1]
	}
	return "CASE WHEN " + strings.Join(agree, " AND ") + " THEN " + reads[0] + " END"
}

// timestampExpr converts a timestamp field's text t (not a duration, and
// not followed by a zone's abbreviation) to a TIMESTAMP in UTC: by the
// field's layouts in m's dates, else as ISO 8601; null when it cannot.
func timestampExpr(f field, t string, m *Mapping, p *params) string {
	layouts := m.Dates[f.name]
	if len(layouts) == 0 {
		iso := isoTime(t, m, p) // ISO 8601
		if m.unreadDates[f.name] != "" {
			// a column whose dates read in two orders (inferDates):
			// only a value of a four-digit year is ISO; the cast read
			// 22-04-15 as the year 22, rejected as before 1900 rather
			// than as a date of two readings
			iso = "CASE WHEN regexp_matches(" + t + ", '^[0-9]{4}-') THEN " + iso + " END"
			if same := sameInEveryOrder(f, t, m, p); same != "" {
				iso = "coalesce(" + iso + ", " + same + ")"
			}
		}
		return iso
	}
	parts := make([]string, len(layouts))
	for i, l := range layouts {
		switch {
		case isNumberLayout(l): // a number: since 1970, as APIs write times, or a spreadsheet's days
			parts[i] = "CAST(" + sinceEpoch(t, l) + " AS TIMESTAMP)"
			if l == excelSerial && m.Timezone != "" {
				// a spreadsheet's time is its clock's, of no zone;
				// a whole number is a day, as a date alone is
				parts[i] = "CASE WHEN regexp_matches(" + t + ", '[.][0-9]*[1-9]') THEN " + inZone(parts[i], m, p) + " ELSE " + parts[i] + " END"
			}
		default:
			parts[i] = "CAST(try_strptime(" + t + ", " + p.add(l) + ") AS TIMESTAMP)"
			if m.Timezone != "" && layoutHasTime(l) && !strings.Contains(l, "%z") && !strings.Contains(l, "%Z") {
				parts[i] = inZone(parts[i], m, p)
			}
		}
	}
	// then ISO 8601 as without layouts, a value starting with its
	// four-digit year (the cast reads "22-04-15" as the year 22): a
	// column of day-first dates may hold 2024-03-11T10:30:00.5Z,
	// which no layout of the family reads
	if !isNumberLayout(layouts[0]) {
		parts = append(parts, "CASE WHEN regexp_matches("+t+", '^[0-9]{4}-') THEN "+isoTime(t, m, p)+" END")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "coalesce(" + strings.Join(parts, ", ") + ")"
}
