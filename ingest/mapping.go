package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // the zones checkZone knows, on a machine without zoneinfo too

	"github.com/complaints/complaints/internal/yamlerr"
	"gopkg.in/yaml.v3"
)

// RecordColumn is the pseudo source column holding the 1-based record
// number. As an ID it holds for one file alone: the next file of the
// source has a record 1 too, which would replace the first's.
const RecordColumn = "$record"

// ContentColumn is the pseudo source column holding an ID made of the
// record's content, for files without an ID of their own (sql/content.sql):
// a digest of the record's values, by column name, and its number among
// the file's records of the same values ("3f...9c#1", "3f...9c#2"). The
// same response in a later export (a cumulative one, or the file loaded
// again) has the same ID; another response has another, whatever its
// position in its file; and identical responses in one file stay as many.
const ContentColumn = "$content"

// Mapping says how the columns of one export become canonical fields.
// Built-in profiles are Mappings too.
type Mapping struct {
	Target string `yaml:"target"` // complaints | surveys | customers
	Source string `yaml:"source"` // value of the source column unless a column maps to it
	Format string `yaml:"format"` // csv | tsv | json | ndjson | parquet | xlsx; empty: from the extension
	Sheet  string `yaml:"sheet"`  // xlsx: sheet name; empty: the first sheet
	// Delimiter of a csv or tsv file, one character; empty: a tsv's tab,
	// or a csv's comma, semicolon, tab or pipe as its header line shows.
	Delimiter string `yaml:"delimiter"`
	// HeaderLine is the line of a csv, tsv or xlsx file's header (1 the
	// first); the lines above are not read. 0: the first line, or the
	// first of lines 2-10 that the mapping reads when the first does not.
	HeaderLine int `yaml:"header_line"`
	// Encoding of a csv or tsv file: utf-8, windows-1252 (what spreadsheets
	// on Windows save as "CSV"), latin-1 or utf-16. Empty: UTF-8, or
	// UTF-16 with a byte order mark, or where bytes are not UTF-8 the
	// Windows-1252 characters they are (see sniffEncoding).
	Encoding string `yaml:"encoding"`
	// Escape is what escapes a quote inside a quoted value of a csv or tsv
	// file: `"` (the quote doubled, as CSV does) or `\` (a backslash, as
	// MySQL and some scripts write). Empty: a backslash where the file's
	// first records escape quotes so and never double one (see
	// sniffEscape), else the quote.
	Escape string `yaml:"escape"`

	// Columns maps a source column to one or more canonical fields.
	Columns map[string]strList `yaml:"columns"`
	// Dates maps a timestamp field to strptime layouts tried in order, or
	// "epoch" (seconds since 1970-01-01 UTC), "epoch_ms" (milliseconds) or
	// "excel" (a spreadsheet's serial dates: days since 1899-12-30);
	// fields without an entry are parsed as ISO 8601.
	Dates map[string]strList `yaml:"dates"`
	// Timezone is the IANA name of the time zone (America/New_York) in
	// which the file writes its times without an offset: each such time
	// the mapping reads is read as a time of that zone and stored in UTC,
	// as the warehouse keeps times (valueExpr). A time written with an
	// offset or Z keeps its own; seconds or milliseconds since 1970 are
	// UTC already; a date alone (no time of day, a spreadsheet's whole
	// day number) is the day it names, midnight UTC, as without a zone,
	// so that it falls in the day, week and month it names (midnight in
	// Berlin is the day before in UTC). Empty: a time without an offset
	// is UTC.
	Timezone TimeZone `yaml:"timezone"`
	// Elapsed gives a timestamp field whose column holds a duration after
	// another field's time rather than a time (Zendesk's CSV export has
	// "First reply time in minutes", not when the first reply was): the
	// field is that time plus the duration, in the unit named.
	Elapsed map[string]Elapsed `yaml:"elapsed"`
	// Values maps a field's source values (case-insensitive) to canonical
	// values; the key "*" is the value for anything not listed. A value
	// mapped to "" becomes null (for example "N/A").
	Values map[string]map[string]string `yaml:"values"`
	// Scales gives the [low, high] range of a score field's source scale;
	// scores are mapped linearly onto the canonical scale (csat 1-5, ces 1-7,
	// nps 0-10): csat and nps to the highest point at or below the score's
	// position, so that their thresholds (CSAT 4-5, NPS 9-10 and 0-6) hold
	// at the same position (1-10 onto 1-5: 8 is 4, 7 is 3); ces, read as a
	// mean, to the nearest point. An answer is a whole number of its scale;
	// one beyond it is rejected naming the scale. A value the field's
	// Values map gives is canonical already, and is not rescaled.
	Scales map[string][2]float64 `yaml:"scales"`
	// Constants sets fields that have no source column.
	Constants map[string]string `yaml:"constants"`
	// Keep, when set, keeps only records whose column has one of the listed
	// values (case-insensitive); the others are rejected with that reason,
	// so they stay counted (for example outbound tweets of a support
	// thread export).
	Keep map[string][]string `yaml:"keep"`
	// UnescapeHTML lists text fields whose source text is HTML-escaped
	// (tweets from Twitter's API: "&amp;", "&lt;", "&gt;"); their entities
	// are decoded once, so reports show "&" rather than "&amp;".
	UnescapeHTML strList `yaml:"unescape_html"`
	// Replies, when set, reads some records of a complaints file as
	// replies to complaints rather than complaints: a support thread's
	// export holds the company's answers beside the customers' messages.
	// A reply sets the first response time of the complaint it answers.
	Replies *Replies `yaml:"replies"`

	name string // profile name or mapping file, for messages
	// file: the mapping is one given (ParseMapping), not a profile's;
	// a reason's advice names its dates as "the mapping's" (numberAdvice)
	file bool
	// fallback names, for a field, the column read where the field's own
	// column is empty (a profile's; a mapping file has none)
	fallback map[string]string
	// after names, for a timestamp field, a column holding a duration to
	// add to the field's time where it holds one: a ticket rating is dated
	// at its ticket's solve, which a ticket export may give only as the
	// resolution time after creation (ticketRatingsMapping)
	after  map[string]durationColumn
	ignore []string // columns neither mapped nor kept in extra (canonical: the warehouse's own bookkeeping)
	// ratings is the satisfaction rating column of a ticket export the
	// tickets profile read (see TicketRatings); it stays in extra.
	ratings string
	// keepWhy says why a record Keep leaves out is rejected, after the
	// column, its value and " is not kept"; empty: " by the mapping".
	keepWhy string
	// unreadDates says, by field, why inferDates gave a timestamp column
	// no layout (its dates read in more than one order), for the reason
	// its records are rejected with.
	unreadDates map[string]string
	// unreadOrders holds, by field of unreadDates, the layouts of each
	// order its dates read in: a date that reads the same in every one
	// (02/02/2025) is no question, and loads.
	unreadOrders map[string][]strList
	// decimalComma lists the amount fields whose column writes a decimal
	// comma, as inferDecimalMarks found (amountExpr); any other reads a
	// lone dot before three digits as a decimal point.
	decimalComma map[string]bool
	// orderFrom says, by field, what set the layouts inferDates gave a
	// timestamp column of month first or day first (the column's values,
	// or --date-order), for the reason a value only the other order reads
	// is rejected with: not the mapping's dates, which it has none of.
	orderFrom map[string]orderSource
	// zoned lists, by field, the timestamp columns inferDates found
	// values of ending in a zone's abbreviation ("09:15:00 EST"), which
	// no strict read parses as typed (typedColumn)
	zoned map[string]bool
	// stripHTML lists the fields whose text is HTML (a helpdesk's message
	// body): its tags become spaces and its entities characters.
	stripHTML []string
	// unitless names, by field, the column the tickets profile found named
	// as the field's duration with no unit ("First response time"), which
	// it reads as the field's time when its values are times, and
	// otherwise leaves in extra with a warning (unitlessDurations).
	unitless map[string]string
}

// Replies says which records are replies and which complaint each
// answers. A reply's time is read from the column the complaints' received
// time is, as it is; its complaint is of the source the file's complaints
// get. It answers a complaint loaded by this file or an earlier one, and
// the earliest reply after a complaint was received is its first response
// (first_response_at), unless the complaint holds an earlier one. A later
// update of the complaint by a file that reads no first response keeps it,
// and the fields its reply set, unless the update moves the receipt after
// it (job.replacing).
type Replies struct {
	// When picks the replies: records whose columns each hold one of the
	// values listed (case-insensitive), as Keep picks records to keep.
	When map[string][]string `yaml:"when"`
	// Answers is the column holding the ID of the complaint a reply
	// answers. An ID written as a number with a zero fraction ("3.0", as
	// pandas writes a column of integers with gaps) also answers the
	// complaint of the integer ID ("3"); the ID of another reply of the
	// file answers what that reply answers.
	Answers string `yaml:"answers"`
	// Sets names fields of the complaint a reply fills where the complaint
	// has none, each from a column of the reply: who answered (company,
	// assignee or department; in a support thread the brand's account is
	// the company). The reply that is the first response fills them.
	// Where the replies set the company and no column or constant gives
	// it, a complaint no reply answers takes as company the brand its text
	// addresses: the first @-mention of a handle that answers as a company
	// (applyReplies).
	Sets map[string]string `yaml:"sets"`
	// FollowUps reads a customer's later messages of a thread as part of
	// the complaint the thread began with, not as complaints of their own:
	// a complaint record whose Answers column names, directly or through
	// the replies and messages of the same file, an earlier complaint
	// record of the same customer is a follow-up. Its text is added to
	// that complaint's narrative (the messages in time order, a blank line
	// between them), a reply to it answers that complaint, and it is
	// counted as updated (duplicate when the complaint is). Without it, a
	// customer who writes three times in one conversation has three
	// complaints and a repeat-complaint churn signal. Threads are followed
	// within one file, up to maxThreadHops messages up; a message
	// answering one the file does not hold is a complaint of its own.
	FollowUps bool `yaml:"follow_ups"`
}

// replyFields are the fields Replies.Sets may fill: who answered.
var replyFields = []string{"company", "assignee", "department"}

// Elapsed is a time given as a duration after another field's time.
type Elapsed struct {
	Since string `yaml:"since"` // the timestamp field the duration runs from
	Unit  string `yaml:"unit"`  // seconds, minutes, hours or days
}

// TimeZone is the IANA name of a time zone, checked when a mapping is
// read (checkZone).
type TimeZone string

func (z *TimeZone) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: timezone: %s", n.Line, zoneWant)
	}
	if err := checkZone(n.Value); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*z = TimeZone(n.Value)
	return nil
}

const zoneWant = "want an IANA name such as America/New_York"

// checkZone checks that name is a time zone of the IANA database, as Go's
// copy of it knows them (the load converts with DuckDB's, ICU's), and not
// the machine's own ("Local"), which would read the same file otherwise
// on another machine.
func checkZone(name string) error {
	switch name {
	case "":
		return fmt.Errorf("timezone %q: %s", name, zoneWant)
	case "Local":
		return fmt.Errorf("timezone %q: the machine's time zone (%s)", name, zoneWant)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return fmt.Errorf("timezone %q: unknown time zone (%s)", name, zoneWant)
	}
	return nil
}

// durationColumn is a column holding a duration, in a unit of
// elapsedUnits.
type durationColumn struct{ column, unit string }

// elapsedUnits are the units of an Elapsed duration, in seconds.
var elapsedUnits = map[string]float64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

// strList is a YAML scalar or sequence of strings.
type strList []string

func (l *strList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = strList{n.Value}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = s
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}

// LoadMapping reads and checks a mapping file.
func LoadMapping(path string) (*Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read mapping: %w", err)
	}
	m, err := ParseMapping(b)
	if err != nil {
		return nil, fmt.Errorf("mapping %s: %w", path, err)
	}
	m.name = path
	return m, nil
}

// ParseMapping parses and checks a mapping document.
func ParseMapping(b []byte) (*Mapping, error) {
	var m Mapping
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, errors.New(yamlerr.Message(err))
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	m.file = true
	return &m, nil
}

// usesRecord reports whether a field comes from the record number.
func (m *Mapping) usesRecord() bool {
	_, ok := m.Columns[RecordColumn]
	return ok
}

// usesContent reports whether a field comes from the record's content
// (ContentColumn).
func (m *Mapping) usesContent() bool {
	_, ok := m.Columns[ContentColumn]
	return ok
}

// rekeysRecordNumbers reports whether the responses the mapping reads may
// be stored under their record numbers by earlier versions, which read
// $record as the response ID where the mapping now reads $content (the
// survey profile, the shipped mappings): such rows take the ID their
// content gives (sql/rekey.sql). Surveys only: no profile or shipped
// mapping keyed complaints or customers by record number, and a
// complaint's key is also its classification's.
func (m *Mapping) rekeysRecordNumbers() bool {
	return m.Target == "surveys" && m.fieldSources()["response_id"] == ContentColumn
}

// pseudoColumn reports whether a source column is one that ingest makes
// (the record number, the record's content) rather than the file's.
func pseudoColumn(c string) bool { return c == RecordColumn || c == ContentColumn }

// columnsRead lists the source columns the mapping reads: those it maps,
// then those its keep rules test, each list sorted.
func (m *Mapping) columnsRead() []string {
	cols := append(sortedKeys(m.Columns), sortedKeys(m.Keep)...)
	if r := m.Replies; r != nil {
		cols = append(append(cols, sortedKeys(r.When)...), r.Answers)
		for _, f := range sortedKeys(r.Sets) {
			cols = append(cols, r.Sets[f])
		}
	}
	return cols
}

// gives reports whether the mapping reads a field: a column or a constant
// gives it.
func (m *Mapping) gives(field string) bool {
	_, ok := m.fieldSources()[field]
	return ok || m.Constants[field] != ""
}

// fieldSources inverts Columns: canonical field -> source column.
func (m *Mapping) fieldSources() map[string]string {
	out := map[string]string{}
	for col, fields := range m.Columns {
		for _, f := range fields {
			out[f] = col
		}
	}
	return out
}

func (m *Mapping) check() error {
	if m.Target == "" {
		m.Target = "complaints"
	}
	t, err := lookupTable(m.Target)
	if err != nil {
		return err
	}
	switch m.Format {
	case "", "csv", "tsv", "json", "ndjson", "parquet", "xlsx":
	default:
		return fmt.Errorf("unknown format %q", m.Format)
	}
	switch strings.ToLower(m.Encoding) {
	case "":
	case "utf-8", "utf8":
		// named: read as UTF-8, no other encoding looked for (a record
		// with other bytes is rejected)
		m.Encoding = "utf-8"
	case "utf-16", "utf16":
		m.Encoding = "utf-16"
	case "latin-1", "latin1", "iso-8859-1":
		m.Encoding = "latin-1"
	case "windows-1252", "cp1252":
		m.Encoding = "windows-1252"
	default:
		return fmt.Errorf("encoding %q: want utf-8, windows-1252, latin-1 or utf-16", m.Encoding)
	}
	if e := m.Escape; e != "" && e != `"` && e != `\` {
		return fmt.Errorf("escape %q: want \" (a quote doubled) or \\ (a backslash)", e)
	}
	if m.HeaderLine < 0 {
		return fmt.Errorf("header_line %d: want the header's line, 1 the first", m.HeaderLine)
	}
	if d := m.Delimiter; d != "" && (len(d) != 1 || d == `"` || d == "\n" || d == "\r") {
		return fmt.Errorf("delimiter %q: want one character other than a quote or a line break", d)
	}
	seen := map[string]string{}
	for _, col := range sortedKeys(m.Columns) {
		if col == "" {
			return fmt.Errorf("columns: empty source column name")
		}
		for _, f := range m.Columns[col] {
			if _, ok := t.field(f); !ok {
				return fmt.Errorf("columns: %q maps to %q, not a field of %s", col, f, t.name)
			}
			if prev, dup := seen[f]; dup {
				return fmt.Errorf("columns: field %q is mapped from both %q and %q", f, prev, col)
			}
			seen[f] = col
		}
	}
	for _, f := range sortedKeys(m.Constants) {
		if _, ok := t.field(f); !ok {
			return fmt.Errorf("constants: %q is not a field of %s", f, t.name)
		}
		if col, dup := seen[f]; dup {
			return fmt.Errorf("constants: field %q is also mapped from column %q", f, col)
		}
	}
	for _, f := range sortedKeys(m.Dates) {
		fd, ok := t.field(f)
		if !ok || fd.typ != tTimestamp {
			return fmt.Errorf("dates: %q is not a timestamp field of %s", f, t.name)
		}
		if _, ok := seen[f]; !ok && m.Constants[f] == "" {
			// (a layout no value is read by: a field misnamed, or its
			// column forgotten)
			return fmt.Errorf("dates: field %q has no column", f)
		}
		for _, layout := range m.Dates[f] {
			if !strings.Contains(layout, "%") && !isNumberLayout(layout) {
				return fmt.Errorf("dates: layout %q for %s has no %% directive (nor is %s, %s or %s)", layout, f, epochSeconds, epochMillis, excelSerial)
			}
		}
	}
	if m.Timezone != "" {
		if err := checkZone(string(m.Timezone)); err != nil {
			return err
		}
	}
	for _, f := range sortedKeys(m.Elapsed) {
		e := m.Elapsed[f]
		fd, ok := t.field(f)
		if !ok || fd.typ != tTimestamp {
			return fmt.Errorf("elapsed: %q is not a timestamp field of %s", f, t.name)
		}
		if _, ok := seen[f]; !ok {
			return fmt.Errorf("elapsed: field %q has no column", f)
		}
		if len(m.Dates[f]) > 0 {
			return fmt.Errorf("elapsed: field %q has dates layouts too", f)
		}
		if sd, ok := t.field(e.Since); !ok || sd.typ != tTimestamp || e.Since == f {
			return fmt.Errorf("elapsed: %s since %q: want another timestamp field of %s", f, e.Since, t.name)
		}
		if _, ok := m.Elapsed[e.Since]; ok {
			return fmt.Errorf("elapsed: %s since %s, itself elapsed: want a time read as such", f, e.Since)
		}
		if _, ok := elapsedUnits[e.Unit]; !ok {
			return fmt.Errorf("elapsed: %s unit %q: want seconds, minutes, hours or days", f, e.Unit)
		}
	}
	for _, f := range sortedKeys(m.Values) {
		if _, ok := t.field(f); !ok {
			return fmt.Errorf("values: %q is not a field of %s", f, t.name)
		}
	}
	if m.Target == "surveys" {
		// "N/A", "-" and the like are no answer in a score, and CSAT's
		// words its points, as in the survey profile's: before, an N/A
		// rejected the whole response, its other scores with it, and
		// every "Satisfied" (exploratory QA passes; AO: 187 of the IT
		// survey's 190 responses)
		sources := m.fieldSources()
		for _, f := range t.fields {
			if _, ok := sources[f.name]; ok && isScore(f.name) {
				if m.Values == nil {
					m.Values = map[string]map[string]string{}
				}
				m.Values[f.name] = scoreValues(f.name, m.Values[f.name])
			}
		}
	}
	for _, f := range sortedKeys(m.Scales) {
		fd, ok := t.field(f)
		if !ok || (fd.typ != tInt && fd.typ != tFloat) || fd.max <= fd.min {
			return fmt.Errorf("scales: %q is not a score field of %s", f, t.name)
		}
		r := m.Scales[f]
		if math.IsInf(r[0], 0) || math.IsInf(r[1], 0) || math.IsNaN(r[0]) || math.IsNaN(r[1]) {
			return fmt.Errorf("scales: %s range [%g, %g] is not two finite numbers", f, r[0], r[1])
		}
		if !(r[1] > r[0]) {
			return fmt.Errorf("scales: %s range [%g, %g] is empty", f, r[0], r[1])
		}
	}
	for _, f := range m.UnescapeHTML {
		if fd, ok := t.field(f); !ok || fd.typ != tText {
			return fmt.Errorf("unescape_html: %q is not a text field of %s", f, t.name)
		}
	}
	if err := listsValues("keep", m.Keep); err != nil {
		return err
	}
	if err := m.checkReplies(); err != nil {
		return err
	}
	if f := m.missingRequired(); f != "" {
		return fmt.Errorf("required field %q is not mapped (%s)", f, requiredHint(t, f))
	}
	return nil
}

// checkReplies checks the replies block: complaints only, with a rule that
// picks replies, the column of the ID they answer, a received time read
// from a column (the replies' time is read from it too) and a source every
// record shares (the complaints a reply can answer are of that source).
func (m *Mapping) checkReplies() error {
	r := m.Replies
	if r == nil {
		return nil
	}
	if m.Target != "complaints" {
		return fmt.Errorf("replies: a %s file has no complaints to answer", m.Target)
	}
	if len(r.When) == 0 {
		return fmt.Errorf("replies: when names no column (which records are replies?)")
	}
	if err := listsValues("replies: when", r.When); err != nil {
		return err
	}
	if r.Answers == "" {
		return fmt.Errorf("replies: answers names no column (the ID of the complaint a reply answers)")
	}
	for _, f := range sortedKeys(r.Sets) {
		if !slices.Contains(replyFields, f) {
			return fmt.Errorf("replies: sets %q: a reply sets only %s (who answered)", f, strings.Join(replyFields, ", "))
		}
		if r.Sets[f] == "" {
			return fmt.Errorf("replies: sets %s from no column", f)
		}
	}
	if r.FollowUps {
		if fields := m.Columns[r.Answers]; len(fields) > 0 {
			return fmt.Errorf("replies: follow_ups reads column %q from the complaints' extra, but it is mapped to %s: leave it unmapped", r.Answers, strings.Join(fields, ", "))
		}
		if slices.Contains(m.ignore, r.Answers) {
			return fmt.Errorf("replies: follow_ups reads column %q from the complaints' extra, but the mapping leaves it out", r.Answers)
		}
	}
	sources := m.fieldSources()
	if c, ok := sources["received_at"]; !ok || pseudoColumn(c) {
		return fmt.Errorf("replies: received_at is not read from a column, so a reply's time cannot be")
	}
	if _, ok := m.Elapsed["received_at"]; ok || len(m.Values["received_at"]) > 0 {
		return fmt.Errorf("replies: received_at is not read as a time as it is written, so a reply's time cannot be")
	}
	if c, ok := sources["source"]; ok || len(m.Values["source"]) > 0 {
		return fmt.Errorf("replies: source is read from column %q, so the complaints a reply answers are unknown: set it as a constant", c)
	}
	return nil
}

// listsValues checks that each column of a rule (keep, replies' when)
// lists values to match.
func listsValues(rule string, cols map[string][]string) error {
	for _, col := range sortedKeys(cols) {
		if len(cols[col]) == 0 {
			return fmt.Errorf("%s: column %q lists no values", rule, col)
		}
	}
	return nil
}

// missingRequired returns the first required field of m's target that no
// column or constant gives, or "" when there is none. A file without a
// source column gets the profile's or the file's name: source is never
// missing.
func (m *Mapping) missingRequired() string {
	sources := m.fieldSources()
	for _, fd := range tables[m.Target].fields {
		if !fd.required || fd.name == "source" {
			continue
		}
		if _, ok := sources[fd.name]; ok {
			continue
		}
		if _, ok := m.Constants[fd.name]; !ok {
			return fd.name
		}
	}
	return ""
}

// requiredHint says how a mapping gives the required field f of t: a time
// from the column that holds it (a record number is no time); an ID from
// its column or, for a complaint or a response in a file with none, from
// each record's content (a record number names a record of one file
// only). A customer's ID names the customer in the other tables: one made
// of a record's content would name no one.
func requiredHint(t *table, f string) string {
	fd, _ := t.field(f)
	switch {
	case fd.typ == tTimestamp:
		return "map the column that holds it"
	case t.name == "customers":
		return "map the column of its ID"
	case slices.Contains(t.key, f):
		return fmt.Sprintf("map the column of its ID, or %s for an ID made of each record's content", ContentColumn)
	}
	return "map a column, or set it in constants"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
