package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/duckdb/duckdb-go/v2"
)

// maxRecordBytes bounds one record (a CSV line or JSON object): narratives
// of several MB must load. DuckDB would size its CSV read buffers from it
// (16 times, 128 MB each, several at once): csvBufferBytes holds two records.
// A CSV record longer than that (its line end not counted) is cut from the
// copy read and rejected whole (see runaway).
const maxRecordBytes = 8 << 20

// csvMaxLine is the CSV reader's max_line_size: maxRecordBytes and the
// bytes of a line end. The reader's sniffer counts a record's line end,
// its scanner does not: a record of maxRecordBytes with a CRLF failed the
// sniffer at max_line_size maxRecordBytes+1 and read at +2.
const csvMaxLine = maxRecordBytes + 2

// csvBufferBytes is the CSV reader's buffer size. With 128 MB buffers a 1M-row
// load peaked at 1.57 GB under memory_limit 1GB and failed below 200 MB;
// with 16 MB it peaked at 1.04 GB, and at 0.34 GB under a 200 MB limit, for
// the same CPU time.
const csvBufferBytes = 2 * maxRecordBytes

// maxColumns is the most columns a file may have. The SQL that reads and
// checks a file's records names each column several times, and keeps the
// unmapped ones in extra: its cost grows faster than the columns (300
// columns took 3.2 s, 1,000 took 19.5 s and 2,000 took 127 s to load 49
// records; 10,000 ran out of memory_limit 1GB after more than 25 minutes).
// A wider file is refused before the load, saying so, rather than left to
// run out of memory: a survey tool's export of a long questionnaire
// (Qualtrics writes a column per question and option) has hundreds.
const maxColumns = 2000

// DB is what ingest needs of the warehouse: a dedicated connection, since
// the staging tables are temporary and live on one connection.
type DB interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// Options control one ingest. The zero value detects the profile from the
// header.
type Options struct {
	Profile string   // canonical, cfpb, zendesk, freshdesk, tickets, survey or generic; empty: detect
	Mapping *Mapping // for the generic profile (see LoadMapping)
	Source  string   // value of the source column when the file has none; empty: the profile's or the file's name
	// DateOrder settles the order of a date column whose values read both
	// month first and day first (03/04/2024, no day over 12 among them):
	// DateMonthFirst or DateDayFirst. Empty: such a column's records are
	// rejected, saying so. A column whose values tell is read as they do.
	DateOrder string
	// Sheet is the sheet of an XLSX workbook to read. Empty: the
	// mapping's, else the first that a profile reads, and the later ones
	// that one reads too are listed in Result.MoreSheets.
	Sheet string

	Now func() time.Time // clock for ingest_runs; nil means time.Now
	// Progress, when set, is called about every 200 ms while DuckDB reads
	// the file, with the bytes read so far and the file size.
	Progress func(read, size int64)
	// Log, when set, gets a debug line with the duration of each step.
	Log *slog.Logger
	// TempDir is where the copies DuckDB reads are written: a compressed
	// file unpacked, a file in another encoding as UTF-8, an XLSX sheet as
	// CSV. Empty: the system's ($TMPDIR).
	TempDir string
	// DetectOnly: File reads the header and chooses the mapping, and
	// returns the Result's Profile and Target, loading nothing and
	// recording no run (a command checks the files it is given so).
	DetectOnly bool
}

// Result is the reconciliation of one file.
type Result struct {
	RunID     int64
	File      string
	SHA256    string
	Profile   string
	Target    string
	Read      int64
	Loaded    int64
	Updated   int64
	Duplicate int64
	Rejected  int64
	Elapsed   time.Duration
	// Encoding says how a CSV or TSV file no mapping names the encoding
	// of was read when it is not UTF-8 (see sniffEncoding): "utf-16 by its
	// byte order mark", or "N lines in windows-1252"; empty for UTF-8.
	Encoding string
	// Lenient: the CSV reader's strict mode could not read the file, and
	// its records were read leniently (see dialect.lenient).
	Lenient bool
	// HeaderLine is the line of a CSV file's header when it is not the
	// first (the lines above are a title or notes: see headerBelow); else 0.
	HeaderLine int
	// LoneCRs is the number of carriage returns alone in unquoted values
	// read as spaces, CREnds the number read as line ends (see
	// sameLineEnds).
	LoneCRs, CREnds int64
	// Runaways is the number of records cut at the end of their line
	// because a quote opening one of their values is not closed there, and
	// read on to where one closes it, the record is not one (see runaway).
	Runaways int
	// TooLong is the number of CSV or JSON records longer than a record
	// may hold (maxRecordBytes), rejected whole with their text (see
	// runaway, withoutBadJSON).
	TooLong int
	// Misfits is the number of CSV records of more or fewer fields than
	// the header that the reader's rejects would not hold whole, or would
	// hold once for each of far too many fields (misfit), rejected whole
	// with their text (see runaway).
	Misfits int
	// ClosedWrong is the number of CSV records with a quoted value closed
	// wrong (its closing quote followed by text, not by a delimiter or a
	// line end) longer than the text the reader's rejects keep
	// (readerLineBytes), rejected whole with their text (see runaway).
	ClosedWrong int
	// NotJSON is the number of lines of an NDJSON file rejected as not
	// JSON (see withoutBadJSONLines).
	NotJSON int
	// Backslash: quotes inside quoted values are escaped by a backslash
	// (\"), not doubled (see sniffEscape, Mapping.Escape).
	Backslash bool
	// Sheet is the sheet read of an XLSX workbook of more than one sheet
	// ("" for any other file).
	Sheet string
	// SheetFound: no sheet was named and the first held no table a
	// profile reads (a summary or a chart before the data's sheet), so
	// Sheet is the first after it that holds one.
	SheetFound bool
	// PassedOver are, when SheetFound, the sheets before Sheet, which
	// hold no table a profile reads.
	PassedOver []string
	// MoreSheets are, when no sheet was named, the workbook's sheets after
	// Sheet that a profile reads too (a register kept a sheet a month, or
	// complaints and survey answers side by side): each is a run of its
	// own, File with Options.Sheet naming it.
	MoreSheets []string
	// Moved is the number of complaints the file updates whose received
	// time it changes, MovedIDs the first few of their IDs (see
	// movedComplaints).
	Moved    int64
	MovedIDs []string
	// Superseded is the number of records a later record of their key in
	// the same file replaces with other content (counted as duplicate:
	// nothing of theirs is stored), SupersededIDs the first few of their
	// IDs (see supersededRecords).
	Superseded    int64
	SupersededIDs []string
	// OtherSource is the number of complaints loaded whose source is the
	// file's name and whose IDs the warehouse holds under another source,
	// the first of which by name is OtherSourceName: weekly files of one
	// system without --source (wk1.csv, wk2.csv) made each update a second
	// complaint.
	OtherSource     int64
	OtherSourceName string
	// LoadedBefore is the run that loaded the same file (its SHA-256)
	// before, when this run updated rows: later files changed them since,
	// and this one puts them back as it has them (an older export loaded
	// again); 0 otherwise.
	LoadedBefore int64
	// LoadedSince is the number of runs that loaded other files into the
	// table after LoadedBefore: with none, no file changed what this one
	// puts back, and it is read otherwise this time (another mapping).
	LoadedSince int64
	// Unresolved is the number of complaints the file updates from
	// resolved (resolved_at set, or a closed status) to unresolved
	// (resolved_at null, or an open status) with no reopening counted,
	// UnresolvedIDs the first of their IDs, UnresolvedRun the latest run
	// that wrote their resolved rows: an older export loaded again in
	// other bytes than loadedBeforeWarning knows (QA pass AA). FileLatest
	// is the file's latest time, RunLatest that of UnresolvedRun's stored
	// rows (received, first response or resolution), when the file's is
	// before it (zero otherwise). See unresolvedComplaints.
	Unresolved            int64
	UnresolvedIDs         []string
	UnresolvedRun         int64
	FileLatest, RunLatest time.Time
	// ResolvedEarly is the number of complaints the run wrote whose
	// resolution is dated before their receipt, ResolvedEarlyIDs the
	// first of their IDs: the audit page lists them, the load said
	// nothing (QA pass Y). RespondedEarly and RespondedLate count, and
	// name alike, those whose first response is dated before their
	// receipt or after their resolution (QA pass AP). See timeOrders.
	ResolvedEarly     int64
	ResolvedEarlyIDs  []string
	RespondedEarly    int64
	RespondedEarlyIDs []string
	RespondedLate     int64
	RespondedLateIDs  []string
	// Placeholders warns, for each field, of the records rejected for a
	// placeholder date in it (1900-01-01, 1970-01-01: see placeholderDays),
	// however few.
	Placeholders []string
	// Ratings is the satisfaction rating column of a ticket export loaded
	// as complaints (the tickets profile), kept in their extra: loaded
	// again with the TicketRatings profile, the ratings are survey answers.
	Ratings string
	// Unitless lists the columns of a ticket export named as a duration
	// with no unit ("First response time") whose values are not times:
	// left in extra, as nobody can tell their unit (unitlessDurations).
	Unitless []string
	// Replies is the number of records read as replies to complaints
	// (Mapping.Replies), Responses the number of them that set a
	// complaint's first response (counted in Updated; the other replies
	// that answer a complaint are in Duplicate, those that cannot in
	// Rejected).
	Replies, Responses int64
	// FollowUps is the number of complaint records read as follow-ups in
	// a thread an earlier record of the file began (Replies.FollowUps),
	// their text added to its complaint (counted in Updated, or Duplicate
	// when the complaint is).
	FollowUps int64
	// Repeated says, for each column name a CSV or TSV header (or a
	// sheet's) repeats, what was done with each copy, as DuckDB renames
	// the later ones (product, product_1): read as a field or kept in
	// extra under that name (repeatedColumns).
	Repeated []string
	// Rekeyed is the number of responses that earlier versions stored
	// under their record numbers and that now take the ID their content
	// gives (see rekeyRecordNumbers; counted in Duplicate); RekeyedCopies
	// the number of such rows removed, their response being stored under
	// that ID already.
	Rekeyed, RekeyedCopies int64
	// Missing says, for each field of the profile that the file has no
	// column for (a column renamed or dropped by the exporting system),
	// what the profile looks for and which of the file's columns went to
	// extra unread (missingWarning).
	Missing []string
	// FirstReject is the reason of the first record rejected, when any
	// was: the reconciliation line names it (String), and the command's
	// error when every record read was (AllRejected).
	FirstReject string
	// Warehouse is the warehouse's path as the command was given it, for
	// the query String gives to list the rejects ("complaints --db PATH
	// sql ..."); set by the command, empty for the default path.
	Warehouse string
	// RejectedAlike warns, for each field and reason that rejected a
	// large share of the file's records, of how many (see rejectedAlike):
	// a score on another scale than its field's, a date layout that does
	// not fit, rejected on most records of a file that still loads.
	RejectedAlike []string
	// NoRecords: the file holds no record (a header alone, an empty JSON
	// array): loaded, and warned of.
	NoRecords bool
	// SameContent is the number of rows loaded as new, their IDs made of
	// their content, whose fields are all those of rows stored by earlier
	// runs of the source (the same records under another header: see
	// sameContent); SameContentRun the earliest such run, and
	// SameContentFile its file; SameContentRuns the number of such runs;
	// SameContentAdded and SameContentDropped the members of extra
	// (columns read into no field) their rows have and those runs' have
	// not, and the other way round.
	SameContent, SameContentRun, SameContentRuns int64
	SameContentFile                              string
	SameContentAdded, SameContentDropped         []string
}

// AllRejected reports whether the file held records and every one was
// rejected: nearly always a wrong mapping, profile or date layout rather
// than a file of bad records. The run and its rejects are committed all
// the same; a command fails on it (see FirstReject).
func (r Result) AllRejected() bool { return r.Read > 0 && r.Rejected == r.Read }

// String is the reconciliation line printed after each file.
func (r Result) String() string {
	how := "" // how the file was read, when not as plain UTF-8 CSV
	if r.Encoding != "" {
		how = ", " + r.Encoding
	}
	if r.Lenient {
		how += ", read leniently"
	}
	if r.HeaderLine > 1 {
		how += fmt.Sprintf(", header on line %d", r.HeaderLine)
	}
	if r.Backslash {
		how += ", quotes escaped by backslashes"
	}
	if r.Sheet != "" {
		how += fmt.Sprintf(", sheet %q", r.Sheet)
	}
	line := fmt.Sprintf("%s: run %d, profile %s%s -> %s: read %d = loaded %d + updated %d + duplicate %d + rejected %d",
		r.File, r.RunID, r.Profile, how, r.Target, r.Read, r.Loaded, r.Updated, r.Duplicate, r.Rejected)
	if r.Rejected > 0 && r.FirstReject != "" {
		// where the reasons are: a QA pass had to find them in the audit
		// page's lineage by run number
		db := ""
		if r.Warehouse != "" {
			// quoted for a POSIX shell: in double quotes, a $ in the
			// path expanded (a QA pass)
			db = "--db '" + strings.ReplaceAll(r.Warehouse, "'", `'\''`) + "' "
		}
		line += fmt.Sprintf(` (first: %s; every reason: complaints %ssql "SELECT record_number, reason FROM rejects WHERE run_id = %d ORDER BY record_number")`,
			r.FirstReject, db, r.RunID)
	}
	if r.Replies > 0 || r.FollowUps > 0 {
		line += "; " + r.repliesRead()
	}
	return line
}

// repliesRead says how many records were read as replies and follow-ups,
// and what they did.
func (r Result) repliesRead() string {
	var s []string
	if r.Replies > 0 {
		s = append(s, fmt.Sprintf("%s, %d setting a complaint's first response", quantity(r.Replies, "record read as a reply", "records read as replies"), r.Responses))
	}
	if r.FollowUps > 0 {
		s = append(s, quantity(r.FollowUps, "as a customer's follow-up, added to the complaint its thread began with",
			"as customers' follow-ups, added to the complaints their threads began with"))
	}
	return strings.Join(s, "; ")
}

// movedWarning says that r.Moved updated complaints changed their received
// time.
func (r Result) movedWarning() string {
	return fmt.Sprintf("%s updated with another received time (%s): the same IDs from another system or export? "+
		"Each system's exports need a --source of their own, or one system's complaints replace the other's", quantity(r.Moved, "complaint", "complaints"), namedIDs(r.MovedIDs, r.Moved))
}

// unresolvedWarning says that r.Unresolved updated complaints resolved
// before are unresolved again with no reopening counted: a helpdesk's
// reopening, or an older export loaded again, which the file's latest time
// tells when it is before that of the run that resolved them.
// unresolvedWarned reports whether the run warns of complaints
// unresolved again (unresolvedWarning): not when the same file was loaded
// before, whose warning (loadedBeforeWarning) tells of every row put back.
func (r Result) unresolvedWarned() bool { return r.Unresolved > 0 && r.LoadedBefore == 0 }

func (r Result) unresolvedWarning() string {
	what := fmt.Sprintf("%d complaints resolved before are", r.Unresolved)
	if r.Unresolved == 1 {
		what = "1 complaint resolved before is"
	}
	w := what + fmt.Sprintf(" unresolved again, with no reopening counted (%s): if this file is older than run %d's, which resolved them, "+
		"it put its older rows back (the last record wins); load the newer export again to restore them", namedIDs(r.UnresolvedIDs, r.Unresolved), r.UnresolvedRun)
	if !r.FileLatest.IsZero() {
		const layout = "2006-01-02 15:04:05"
		w += fmt.Sprintf(". This file's latest time (%s) is before run %d's (%s)", r.FileLatest.Format(layout), r.UnresolvedRun, r.RunLatest.Format(layout))
	}
	return w
}

// allRejected is the warning of a run that rejected every record it read.
const allRejected = "every record rejected: a wrong mapping, profile or date layout?"

// noRecords is the warning of a file that holds no record.
const noRecords = "no records: the file holds a header and nothing else (an export of an empty period, or one cut short?)"

// otherSourceWarning says that complaints named by the file's name have
// IDs stored under another source.
func (r Result) otherSourceWarning() string {
	what := fmt.Sprintf("%d complaints of the file, whose source is its name, have IDs", r.OtherSource)
	if r.OtherSource == 1 {
		what = "1 complaint of the file, whose source is its name, has an ID"
	}
	return what + fmt.Sprintf(" the warehouse holds under another source (%s): "+
		"if the files are exports of one system, give them one --source, or each update is a complaint of its own", r.OtherSourceName)
}

// loadedBeforeWarning says that the file, loaded before, put back rows
// that later files had changed, or, with no file loaded since, that it
// is read otherwise now: the runs do not record the mapping, so where
// files were loaded since either may be why (QA pass Y: a mapping
// changed was told as an older export loaded again).
func (r Result) loadedBeforeWarning() string {
	are := "are"
	if r.Updated == 1 {
		are = "is"
	}
	if r.LoadedSince == 0 {
		return fmt.Sprintf("the same file was loaded before (run %d), and no file since: %s %s read otherwise now, and updated "+
			"(another mapping or profile than that run's?)", r.LoadedBefore, records(int(r.Updated)), are)
	}
	return fmt.Sprintf("the same file was loaded before (run %d): %s that files loaded since had changed %s put back as it has them. "+
		"An older export loaded again, or the file read with another mapping? The newer file loaded again restores them", r.LoadedBefore, records(int(r.Updated)), are)
}

// timeOrder is an order of a complaint's times that the complaints a run
// wrote are counted out of (sql/time_order.sql), and warned of: a date
// read in the wrong order, or times of another time zone, give negative
// response or resolution times, which the metrics leave out.
type timeOrder struct {
	when      string // the SQL condition on a complaints row: its times out of order
	one, many string // the warning's count: of one complaint, of many (%d)
	advice    string
}

// timeOrders are the orders a run's complaints are checked by: resolved
// before received, first responded to before received, and after the
// resolution (one resolved before its receipt told as such alone).
var timeOrders = [...]timeOrder{
	{"resolved_at < received_at",
		"1 complaint resolved before it was received", "%d complaints resolved before they were received",
		"dates read in the wrong order, or times of another time zone? The audit report lists them"},
	{"first_response_at < received_at",
		"1 complaint with a first response dated before its receipt", "%d complaints with a first response dated before their receipt",
		"dates read in the wrong order, or times of another time zone? The audit report lists them"},
	{"first_response_at > resolved_at AND resolved_at >= received_at",
		"1 complaint with a first response dated after its resolution", "%d complaints with a first response dated after their resolution",
		"a first response column that holds another time (the last reply's?), dates read in the wrong order, or times of another time zone? The audit report lists them"},
}

// orderCount is a count of a Result's complaints out of a timeOrder, and
// the IDs it names.
type orderCount struct {
	n   *int64
	ids *[]string
}

// outOfOrder returns r's counts of each of timeOrders, in their order.
func (r *Result) outOfOrder() [len(timeOrders)]orderCount {
	return [...]orderCount{{&r.ResolvedEarly, &r.ResolvedEarlyIDs}, {&r.RespondedEarly, &r.RespondedEarlyIDs}, {&r.RespondedLate, &r.RespondedLateIDs}}
}

// timeOrderWarnings says, for each of timeOrders, how many complaints r
// wrote out of it, naming the first; none for an order all keep.
func (r Result) timeOrderWarnings() []string {
	var w []string
	for i, c := range r.outOfOrder() {
		if n, o := *c.n, timeOrders[i]; n > 0 {
			what := fmt.Sprintf(o.many, n)
			if n == 1 {
				what = o.one
			}
			w = append(w, what+" ("+namedIDs(*c.ids, n)+"): "+o.advice)
		}
	}
	return w
}

// supersededWarning says that r.Superseded records gave way to a later
// record of their ID with other content.
func (r Result) supersededWarning() string {
	return fmt.Sprintf("%s replaced by a later record of their ID in the same file, with other content (%s): the last of each is kept. "+
		"Two records under one ID: another system's, or an export of every change?", records(int(r.Superseded)), namedIDs(r.SupersededIDs, r.Superseded))
}

// namedIDs lists the IDs a warning names, the first of n, "..." saying
// there are more.
func namedIDs(ids []string, n int64) string {
	s := strings.Join(ids, ", ")
	if n > int64(len(ids)) {
		s += ", ..."
	}
	return s
}

// Warnings says what an auditor of the run should know of how the file was
// read, for ingest_runs.warnings (the audit report's lineage table): bytes
// read as Windows-1252, a lenient read, lines above the header, carriage
// returns read as spaces; empty when none.
func (r Result) Warnings() string {
	var w []string
	if strings.HasSuffix(r.Encoding, "windows-1252") {
		w = append(w, "not UTF-8: "+r.Encoding+" (read as such)")
	}
	if r.Lenient {
		w = append(w, "not valid CSV, read leniently: text after a value's closing quote, and fields past the header's count, dropped without a reject")
	}
	if r.HeaderLine > 1 {
		w = append(w, fmt.Sprintf("header on line %d: the lines above it are not records", r.HeaderLine))
	}
	if r.LoneCRs > 0 {
		w = append(w, quantity(r.LoneCRs, "carriage return alone in an unquoted value read as a space", "carriage returns alone in unquoted values read as spaces"))
	}
	if r.NotJSON > 0 {
		w = append(w, quantity(r.NotJSON, "line", "lines")+" not JSON rejected, the others read")
	}
	if r.Backslash {
		w = append(w, `quotes inside quoted values escaped by a backslash (\"), not doubled`)
	}
	switch {
	case r.SheetFound:
		w = append(w, fmt.Sprintf("sheet %q read: the sheets before it (%s) hold no table the profiles read", r.Sheet, quoteList(r.PassedOver)))
	case r.Sheet != "":
		w = append(w, fmt.Sprintf("sheet %q of the workbook read", r.Sheet))
	}
	if len(r.MoreSheets) > 0 {
		w = append(w, "its sheets "+quoteList(r.MoreSheets)+" read too, each a run of its own")
	}
	w = append(w, r.Repeated...)
	w = append(w, r.Missing...)
	if r.Moved > 0 {
		w = append(w, r.movedWarning())
	}
	if r.unresolvedWarned() {
		w = append(w, r.unresolvedWarning())
	}
	if r.Superseded > 0 {
		w = append(w, r.supersededWarning())
	}
	w = append(w, r.timeOrderWarnings()...)
	if r.LoadedBefore > 0 {
		w = append(w, r.loadedBeforeWarning())
	}
	if r.AllRejected() {
		w = append(w, allRejected)
	}
	w = append(w, r.RejectedAlike...)
	w = append(w, r.Placeholders...)
	if r.NoRecords {
		w = append(w, noRecords)
	}
	if r.SameContent > 0 {
		w = append(w, r.sameContentWarning())
	}
	if r.OtherSource > 0 {
		w = append(w, r.otherSourceWarning())
	}
	if r.Runaways > 0 {
		w = append(w, fmt.Sprintf("%s with a quote not closed by the end of their line rejected with the line, the next line read as the next record", records(r.Runaways)))
	}
	if r.TooLong > 0 {
		w = append(w, fmt.Sprintf("%s longer than %d bytes (%d MiB) rejected whole", records(r.TooLong), maxRecordBytes, maxRecordBytes>>20))
	}
	if r.Misfits > 0 {
		w = append(w, fmt.Sprintf("%s of more or fewer fields than the header, longer than %d bytes or of far too many fields, rejected whole", records(r.Misfits), readerLineBytes))
	}
	if r.ClosedWrong > 0 {
		w = append(w, fmt.Sprintf("%s longer than %d bytes with a quoted value closed wrong (its closing quote followed by text) rejected whole", records(r.ClosedWrong), readerLineBytes))
	}
	if r.CREnds > 0 {
		w = append(w, quantity(r.CREnds, "carriage return alone after a whole record read as a line end", "carriage returns alone after a whole record read as line ends"))
	}
	if r.Replies > 0 || r.FollowUps > 0 {
		w = append(w, r.repliesRead())
	}
	for _, c := range r.Unitless {
		w = append(w, unitlessWarning(c))
	}
	if r.Rekeyed > 0 {
		w = append(w, quantity(r.Rekeyed, "response stored under its record number by an earlier version now known by its content",
			"responses stored under their record numbers by an earlier version now known by their content"))
	}
	if r.RekeyedCopies > 0 {
		w = append(w, quantity(r.RekeyedCopies, "response stored under its record number by an earlier version and again under its content's ID: the copy under the number removed",
			"responses stored under their record numbers by an earlier version and again under their content's ID: the copies under the numbers removed"))
	}
	return strings.Join(w, "; ")
}

// File ingests one export in one transaction that also records the run.
// A file none of whose keys the warehouse can hold yet (the first load of a
// source) goes straight into its table; any other is staged in a temporary
// table first, then reconciled against the warehouse. A CSV record too
// long that could not be rejected alone fails the file with a
// *RecordTooLongError.
// CheckOptions returns the error File would give for options no file
// can be loaded with (an unknown profile or date order), so that a command
// can refuse them before it opens the warehouse.
func CheckOptions(opts Options) error {
	switch opts.DateOrder {
	case "", DateMonthFirst, DateDayFirst:
	default:
		return fmt.Errorf("date order %q: want %q or %q", opts.DateOrder, DateMonthFirst, DateDayFirst)
	}
	if opts.Profile != "" && !slices.Contains(Profiles, opts.Profile) {
		return unknownProfile(opts.Profile)
	}
	return nil
}

func File(ctx context.Context, db DB, path string, opts Options) (_ Result, err error) {
	res := Result{File: path}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	started := now()
	t0 := time.Now()
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	last := t0
	step := func(msg string, args ...any) {
		log.Debug(msg, append([]any{"file", path, "seconds", time.Since(last).Seconds()}, args...)...)
		last = time.Now()
	}
	st, err := os.Stat(path)
	if err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	if st.IsDir() {
		return res, fmt.Errorf("read %s: is a directory", path)
	}
	if st.Size() == 0 {
		return res, fmt.Errorf("read %s: the file is empty (not even a header line)", path)
	}
	// Timestamps later than a day after the load (the machine's clock, not
	// opts.Now, which only dates the bookkeeping) are rejected: a typo
	// such as 2204 for 2024 would otherwise become the reports' default
	// date, and every page would judge a week with no complaints.
	if err := CheckOptions(opts); err != nil {
		return res, err
	}
	j := &job{path: path, readPath: path, tempDir: opts.TempDir, dateOrder: opts.DateOrder,
		notAfter: t0.UTC().Add(24 * time.Hour).Truncate(time.Second)}
	defer func() {
		for _, p := range j.temps {
			os.Remove(p)
		}
	}()
	defer func() { // (before the copies read are removed)
		if err != nil {
			err = recordless(j.tooLongError(ctx, err))
		}
	}()
	formatName := path // the name that tells the format
	if opts.TempDir != "" {
		if err := os.MkdirAll(opts.TempDir, 0o755); err != nil {
			return res, fmt.Errorf("read %s: temporary directory: %w", path, err)
		}
	}
	if compressedExt(path) != "" {
		tmp, name, err := decompress(ctx, path, opts.TempDir)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		j.temps = append(j.temps, tmp)
		if st, err := os.Stat(tmp); err != nil || st.Size() == 0 {
			return res, fmt.Errorf("read %s: %s is empty (not even a header line)", path, name)
		}
		j.readPath, formatName = tmp, name
	}
	j.format = detectFormat(formatName, opts.Mapping)
	if opts.Mapping != nil && opts.Mapping.HeaderLine > 1 {
		j.dialect.skip = opts.Mapping.HeaderLine - 1
		if j.format == "csv" || j.format == "tsv" {
			// past the file's end, the header read was its first line's
			// first name, and the mapping's columns were "not in the file"
			if _, ok, err := lineAt(j.readPath, j.dialect.skip); err != nil {
				return res, fmt.Errorf("read %s: %w", path, err)
			} else if !ok {
				return res, fmt.Errorf("%s: mapping %s: header_line %d: no such line among the file's first %s",
					path, opts.Mapping.name, opts.Mapping.HeaderLine, firstLines(j.readPath))
			}
		}
	}
	var early chan runawayScan // the look for runaway quotes, run beside sniffEncoding
	if j.format == "csv" || j.format == "tsv" {
		enc := ""
		if opts.Mapping != nil {
			j.dialect.delim, enc = opts.Mapping.Delimiter, opts.Mapping.Encoding
		}
		if enc == "" {
			// a UTF-8 file is read as it is: the look for runaway quotes
			// reads it on the other core meanwhile
			scanCtx, stopScan := context.WithCancel(ctx) // stopped if the load fails before
			defer stopScan()
			early = make(chan runawayScan, 1)
			go func(j job) { early <- j.scanRunaways(scanCtx) }(*j)
			if enc, err = sniffEncoding(ctx, j.readPath); err != nil {
				return res, fmt.Errorf("read %s: %w", path, err)
			}
			if enc == "utf-16" {
				res.Encoding = "utf-16 by its byte order mark"
			}
		}
		if enc != "" && enc != "utf-8" {
			tmp, lines, err := toUTF8(ctx, j.readPath, enc, opts.TempDir)
			if err != nil {
				return res, fmt.Errorf("read %s: %w", path, err)
			}
			j.temps = append(j.temps, tmp)
			j.readPath = tmp
			if enc == utf8Or1252 {
				res.Encoding = fmt.Sprintf("%d lines in windows-1252", lines)
				if lines == 1 {
					res.Encoding = "1 line in windows-1252"
				}
				log.Info("not UTF-8: the bytes that are not read as Windows-1252", "file", path, "lines", lines)
			}
		}
	}
	if j.format == "csv" && j.dialect.delim == "" {
		first, _, err := lineAt(j.readPath, j.dialect.skip)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		j.dialect.delim, j.sniffedDelim = delimiterOf(first), true
	}
	if j.format == "csv" || j.format == "tsv" {
		if opts.Mapping != nil && opts.Mapping.Escape != "" {
			j.dialect.backslash = opts.Mapping.Escape == `\`
		} else if delim := j.dialect.fieldDelim(j.format); len(delim) == 1 {
			if j.dialect.backslash, err = sniffEscape(j.readPath, delim[0]); err != nil {
				return res, fmt.Errorf("read %s: %w", path, err)
			}
			if j.dialect.backslash {
				log.Info("quotes inside quoted values escaped by a backslash, read so", "file", path)
			}
		}
		res.Backslash = j.dialect.backslash
	}
	if (j.format == "csv" || j.format == "tsv") && !j.dialect.backslash {
		// (runaway quotes are told by quotes doubled, as CSV escapes them)
		if err := j.cutRunaways(ctx, opts.TempDir, log, early); err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		res.Runaways, res.TooLong, res.Misfits, res.ClosedWrong = j.cuts()
	}
	if opts.Sheet != "" && j.format != "xlsx" {
		return res, fmt.Errorf("read %s: sheet %q named, but the file is %s, not an XLSX workbook", path, opts.Sheet, strings.ToUpper(j.format))
	}
	var book *workbook // an XLSX file, open while its sheets are planned
	sheet := ""        // the sheet named
	if j.format == "xlsx" {
		if sheet = opts.Sheet; sheet == "" && opts.Mapping != nil {
			sheet = opts.Mapping.Sheet
		}
		if book, err = openWorkbook(j.readPath); err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		defer func() {
			if book != nil {
				book.Close()
			}
		}()
		if sheet != "" {
			if sheet, err = book.named(sheet); err != nil {
				return res, fmt.Errorf("read %s: %w", path, err)
			}
		}
		tmp, err := book.toCSV(ctx, sheet, opts.TempDir, 0)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		j.temps = append(j.temps, tmp)
		j.readPath, j.format = tmp, "csv"
	}

	hashc := make(chan hashResult, 1)
	var hashed atomic.Int64 // bytes the checksum has read, not DuckDB
	if !opts.DetectOnly {
		go func() { hashc <- fileSHA256(path, &hashed) }()
	}

	conn, err := db.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("ingest %s: %w", path, err)
	}
	defer conn.Close()
	// Staging tables are per connection; clear what an earlier, failed run
	// on this pooled connection may have left.
	if err := dropTemp(ctx, conn, "ingest_stage", "ingest_outcome", "ingest_reject_errors", "ingest_reject_scans", "ingest_followups"); err != nil {
		return res, fmt.Errorf("ingest %s: clear staging: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, "DROP SEQUENCE IF EXISTS temp.ingest_rejected"); err != nil {
		return res, fmt.Errorf("ingest %s: clear staging: %w", path, err)
	}
	if err := j.plan(ctx, conn, opts, log); err != nil {
		if book == nil || sheet != "" {
			return res, err
		}
		// the first sheet, no sheet named: the data may be on another
		// (a summary, a chart or notes first)
		if res.Sheet, err = j.planOtherSheet(ctx, conn, opts, log, book, err); err != nil {
			return res, err
		}
		res.SheetFound = true
		res.PassedOver = book.sheets[:slices.Index(book.sheets, res.Sheet)]
	}
	if book != nil {
		if len(book.sheets) > 1 && res.Sheet == "" {
			if res.Sheet = sheet; sheet == "" {
				res.Sheet = book.sheets[0]
			}
		}
		if sheet == "" && res.Sheet != "" {
			if res.MoreSheets, err = j.moreSheets(ctx, conn, opts, log, book, res.Sheet); err != nil {
				return res, err
			}
		}
		book.Close() // the sheet read is a CSV copy
		book = nil
	}
	res.Profile, res.Target, res.Ratings, res.Unitless = j.profile, j.tbl.name, j.m.ratings, j.unitless
	if opts.DetectOnly {
		return res, nil
	}
	if res.Repeated, err = j.repeatedColumns(); err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	for _, w := range res.Repeated {
		log.Warn(w, "file", path)
	}
	missing, err := j.missingColumns(ctx, conn)
	if err != nil {
		return res, err
	}
	for _, f := range missing {
		w := missingWarning(j.profile, f, j.unmappedColumns())
		res.Missing = append(res.Missing, w)
		log.Warn(w, "file", path, "field", strings.Join(f.fields, ","))
	}
	if j.dialect.skip > 0 {
		res.HeaderLine = j.dialect.skip + 1
	}

	if err := j.alikeLineEnds(ctx, &res, step); err != nil {
		return res, err
	}
	stop := watchProgress(opts.Progress, st.Size(), &hashed)
	tx, err := j.loadDirect(ctx, conn, &res, step)
	if err == nil && tx == nil {
		tx, err = j.loadStaged(ctx, conn, &res, step)
	}
	stop()
	if err != nil {
		return res, err // names the file and the step
	}
	if res.LoneCRs > 0 {
		log.Info("carriage returns alone in unquoted values read as spaces", "file", path, "values", res.LoneCRs)
	}
	if j.sourceFromName && j.tbl.name == "complaints" {
		var other sql.NullString
		if err := tx.QueryRowContext(ctx, render("other_source.sql", nil), res.RunID, j.source).Scan(&res.OtherSource, &other); err != nil {
			return res, fmt.Errorf("ingest %s: look for its IDs under other sources: %w", path, err)
		}
		if res.OtherSourceName = other.String; res.OtherSource > 0 {
			log.Warn(res.otherSourceWarning(), "file", path)
		}
	}
	// the reasons rewritten before the first is read for the summary
	if j.badJSON != nil {
		if err := j.fixBadJSONLines(ctx, tx, res.RunID); err != nil {
			return res, fmt.Errorf("ingest %s: %w", path, err)
		}
		res.NotJSON, res.TooLong = int(j.badJSON.n-j.badJSON.long), int(j.badJSON.long)
	}
	if j.surveyTool != "" {
		// the header line below the one read as the header is no response
		if _, err := tx.ExecContext(ctx, `UPDATE rejects SET reason = $1 WHERE run_id = $2 AND record_number = 1`,
			"record 1: "+surveyToolLine[j.surveyTool]+", not a response", res.RunID); err != nil {
			return res, fmt.Errorf("ingest %s: name the %s header line: %w", path, j.surveyTool, err)
		}
	}
	if res.RejectedAlike, err = j.rejectedAlike(ctx, tx, &res); err != nil {
		return res, fmt.Errorf("ingest %s: count the records rejected alike: %w", path, err)
	}
	for _, w := range res.RejectedAlike {
		log.Warn(w, "file", path)
	}
	if res.Placeholders, err = j.placeholderWarnings(ctx, tx, &res); err != nil {
		return res, fmt.Errorf("ingest %s: count the placeholder dates rejected: %w", path, err)
	}
	for _, w := range res.Placeholders {
		log.Warn(w, "file", path)
	}
	if res.NoRecords = res.Read == 0; res.NoRecords {
		log.Warn(noRecords, "file", path)
	}
	if res.Moved > 0 {
		log.Warn(res.movedWarning(), "file", path)
	}
	if j.tbl.name == "complaints" && res.Loaded+res.Updated > 0 {
		for i, c := range res.outOfOrder() {
			if *c.n, *c.ids, err = someIDs(ctx, tx, render("time_order.sql", timeOrders[i].when), res.RunID); err != nil {
				return res, fmt.Errorf("ingest %s: compare receipt, first response and resolution times: %w", path, err)
			}
		}
		for _, w := range res.timeOrderWarnings() {
			log.Warn(w, "file", path)
		}
	}
	if res.Superseded > 0 {
		log.Warn(res.supersededWarning(), "file", path)
	}
	if res.Lenient = j.dialect.lenient; res.Lenient {
		log.Warn("not valid CSV, so its records were read leniently: text after a value's closing quote, and fields past the header's count, are dropped without a reject",
			"file", path)
	}
	defer tx.Rollback()
	if err := j.sameContent(ctx, tx, &res); err != nil {
		return res, fmt.Errorf("ingest %s: %w", path, err)
	}
	if res.SameContent > 0 {
		log.Warn(res.sameContentWarning(), "file", path)
	}
	if err := j.applyReplies(ctx, tx, &res); err != nil {
		return res, fmt.Errorf("ingest %s: %w", path, err)
	}
	if err := j.rawRecords(ctx, tx, res.RunID); err != nil {
		return res, fmt.Errorf("ingest %s: keep the rejected records' text: %w", path, err)
	}
	// after the replies, which find this run's follow-ups in
	// ingest_followups: thread_messages holds earlier runs' messages then
	if res.FollowUps > 0 {
		if err := recordFollowUps(ctx, tx, res.RunID); err != nil {
			return res, fmt.Errorf("ingest %s: %w", path, err)
		}
	}
	// after the replies too: until then a reply sits in rejects with the
	// placeholder reason "reply", whether it answers a complaint or not
	if res.Rejected > 0 {
		if err := tx.QueryRowContext(ctx, `SELECT reason FROM rejects WHERE run_id = $1 ORDER BY record_number LIMIT 1`, res.RunID).Scan(&res.FirstReject); err != nil {
			return res, fmt.Errorf("ingest %s: read the first reject: %w", path, err)
		}
	}
	if res.AllRejected() {
		// nearly always a wrong mapping, profile or date layout rather
		// than a file of bad records: it says so, with the first reason
		// (the command fails on it: Result.AllRejected)
		log.Warn(allRejected+" (the rejects table holds each record and its reason)", "file", path, "first", res.FirstReject)
	}
	hr := <-hashc
	if hr.err != nil {
		return res, fmt.Errorf("read %s: %w", path, hr.err)
	}
	res.SHA256 = hr.sum
	if res.Updated > 0 {
		// loaded again right after, a file is all duplicate: rows it
		// updates were changed by files loaded since
		var before sql.NullInt64
		if err := tx.QueryRowContext(ctx, render("loaded_before.sql", nil),
			res.SHA256, j.tbl.name).Scan(&before, &res.LoadedSince); err != nil {
			return res, fmt.Errorf("ingest %s: look for the file's earlier runs: %w", path, err)
		}
		if before.Valid {
			res.LoadedBefore = before.Int64
			log.Warn(res.loadedBeforeWarning(), "file", path)
		}
	}
	if res.unresolvedWarned() {
		log.Warn(res.unresolvedWarning(), "file", path)
	}
	var warnings *string
	if w := res.Warnings(); w != "" {
		warnings = &w
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, finished_at, file, sha256, profile, target,
		rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		res.RunID, started.UTC(), now().UTC(), path, res.SHA256, j.profile, j.tbl.name,
		res.Read, res.Loaded, res.Updated, res.Duplicate, res.Rejected, warnings); err != nil {
		return res, fmt.Errorf("ingest %s: record run: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		if warehouse.IsOutOfMemory(err) {
			// DuckDB (1.5) adds every key to the primary key index at the
			// commit: 10M CFPB records did not fit memory_limit 1GB.
			return res, fmt.Errorf("ingest %s: commit %s: the table's primary key index does not fit the memory limit, raise it: %w",
				path, quantity(res.Loaded+res.Updated, "record", "records"), err)
		}
		return res, fmt.Errorf("ingest %s: commit: %w", path, err)
	}
	step("committed")
	if err := dropTemp(ctx, conn, "ingest_stage", "ingest_outcome", "ingest_followups"); err != nil {
		return res, fmt.Errorf("ingest %s: drop staging: %w", path, err)
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

// job is one file on its way in.
type job struct {
	path string // as the user named it
	// sourceFromName: the source of records with none is the file's name
	// (no --source, and no source in the mapping or profile)
	sourceFromName bool
	readPath       string // what DuckDB reads (a CSV copy of an XLSX sheet)
	format         string // csv, tsv, json, ndjson or parquet
	dialect        dialect
	header         []string
	m              *Mapping
	profile        string
	tbl            *table
	source         string // the source column's value when no column gives it
	// tolerant: a strict read of the CSV failed; it is read again in one
	// thread, keeping the records it cannot parse as rejects.
	tolerant bool
	// typed is a CSV column that a strict read parses as typedAs, a date
	// or timestamp (see typedColumn); empty when none fits. A DATE column
	// is parsed by the layout dateLayout (see dateLayoutOf).
	typed, typedAs, dateLayout string
	// dateOrder is Options.DateOrder.
	dateOrder string
	// notAfter is the latest time a field of something that has happened
	// may hold (field.happened).
	notAfter time.Time
	// sniffedDelim: the CSV delimiter was read from the header line, not
	// named by the mapping (headerBelow sniffs it again on the line below)
	sniffedDelim bool
	tempDir      string // Options.TempDir
	// runaways are the records a runaway quote makes run on, replaced in
	// the copy read by placeholder lines (see withoutRunaways), and
	// runawayRaw each as written
	runaways   []runaway
	runawayRaw []string
	uncutPath  string   // what was read before the runaways were cut
	temps      []string // copies removed when the file is done
	surveyTool string   // the survey tool whose export of several header lines it is (surveyToolExport)
	// badJSON are the lines of an NDJSON file that are not JSON, read as
	// empty objects (see withoutBadJSONLines)
	badJSON *badJSONLines
	// arrayLines: readPath is a copy of a JSON array's elements, one a
	// line (readArrayLines), written from arraySource
	arrayLines  bool
	arraySource arraySource
	// unitless are the columns named as a duration with no unit whose
	// values are not times (Result.Unitless)
	unitless []string
	// checks are the rules a record is judged by (stageSQL), which a
	// staged record's _check names by index; stagePos is the SQL of a
	// staged record's 0-based position in file order (rejects)
	checks   []check
	stagePos string
}

// runawayScan is what scanRunaways found in a file.
type runawayScan struct {
	path          string
	delim         byte
	fields        int
	found, header bool // header: the file has a header of two fields or more
	err           error
}

// scanPlan reads the start of the job's CSV file as it is now read: its
// delimiter (the one named or sniffed so far; else sniffed from the first
// line) and its records' fields (recordWidth), when there are two or more.
func (j job) scanPlan() runawayScan {
	r := runawayScan{path: j.readPath}
	header, ok, err := lineAt(j.readPath, j.dialect.skip)
	if err != nil || !ok {
		r.err = err
		return r
	}
	delim := j.dialect.fieldDelim(j.format)
	if j.dialect.delim == "" && j.format == "csv" {
		delim = delimiterOf(header)
	}
	if len(delim) != 1 {
		return r
	}
	fields, err := recordWidth(j.readPath, j.dialect.skip, delim[0])
	if err != nil || fields < 2 {
		r.err = err
		return r // one field, whose placeholder would load
	}
	r.delim, r.fields, r.header = delim[0], fields, true
	return r
}

// scanRunaways looks for runaway quotes and records too long
// (hasRecordToCut) in the job's CSV file as scanPlan reads it.
func (j job) scanRunaways(ctx context.Context) runawayScan {
	r := j.scanPlan()
	if r.err == nil && r.header {
		r.found, r.err = hasRecordToCut(ctx, j.readPath, r.delim, r.fields)
	}
	return r
}

// cutRunaways looks for runaway quotes, records too long and misfits in the job's
// CSV file (or takes what early found, when it read the same file the same
// way) and, when there are some after its header, has the copy
// withoutRunaways makes read in its place (so the reader rejects each such
// record alone, with its line, or whole when too long, and reads the next
// line as the next record).
func (j *job) cutRunaways(ctx context.Context, tempDir string, log *slog.Logger, early chan runawayScan) error {
	var r runawayScan
	if early != nil {
		r = <-early
	}
	if now := j.scanPlan(); early == nil || r.err != nil || r.path != now.path || r.delim != now.delim || r.fields != now.fields || r.header != now.header {
		r = j.scanRunaways(ctx) // the file, or how it is read, changed since
	}
	if r.err != nil || !r.found {
		return r.err
	}
	rs, err := runaways(ctx, j.readPath, r.delim, r.fields, j.dialect.skip+1, maxRecordBytes, maxSurplusBytes)
	if err != nil || len(rs) == 0 {
		return err
	}
	tmp, raws, err := withoutRunaways(ctx, j.readPath, tempDir, rs)
	if err != nil {
		return err
	}
	j.temps = append(j.temps, tmp)
	j.uncutPath, j.readPath, j.runaways, j.runawayRaw = j.readPath, tmp, rs, raws
	quotes, long, misfits, wrong := j.cuts()
	if quotes > 0 {
		log.Warn("values whose opening quote is not closed by the end of their line: each record rejected with its line, the next line read as the next record",
			"file", j.path, "records", quotes)
	}
	if long > 0 {
		log.Warn("records longer than a record may hold: each rejected whole", "file", j.path, "records", long, "max_bytes", maxRecordBytes)
	}
	if misfits > 0 {
		log.Warn("records of more or fewer fields than the header, too long or of too many fields for the reader's rejects: each rejected whole", "file", j.path, "records", misfits)
	}
	if wrong > 0 {
		log.Warn("records with a quoted value closed wrong, too long for the reader's rejects: each rejected whole", "file", j.path, "records", wrong, "max_bytes", readerLineBytes)
	}
	return nil
}

// cuts counts the records cut from the copy read: at a runaway quote, and
// whole for being too long, a misfit or long and closed wrong.
func (j *job) cuts() (quotes, long, misfits, closedWrong int) {
	for _, r := range j.runaways {
		switch {
		case r.long:
			long++
		case r.fields > 0:
			misfits++
		case r.closedWrong:
			closedWrong++
		default:
			quotes++
		}
	}
	return quotes, long, misfits, closedWrong
}

// plan reads the header and chooses the mapping.
func (j *job) plan(ctx context.Context, conn *sql.Conn, opts Options, log *slog.Logger) error {
	isJSON := j.format == "json" || j.format == "ndjson"
	if isJSON {
		records, at, err := jsonRecordsKey(j.readPath)
		if err != nil {
			return fmt.Errorf("read %s: %w", j.path, err)
		}
		j.dialect.records = records
		// a record with one array of objects (a ticket's comments) looks
		// like a list response: a mapping whose columns are all keys of
		// the objects as they are says they are the records
		if j.dialect.records != "" && opts.Mapping != nil {
			if top, err := readHeader(ctx, conn, j.readPath, j.format, dialect{}); err == nil && checkColumns(opts.Mapping, withPaths(top, opts.Mapping)) == nil {
				j.dialect.records = ""
			}
		}
		c, first, bom := firstJSONByte(j.readPath)
		switch {
		case j.dialect.records != "" && at >= 0:
			// a list response, the file's one value: its records array
			// is read as an array is, where DuckDB read the response as
			// one value and unnested it (ten times the time, and out of
			// memory on 150,000 tickets, 76 MB)
			err = j.readArrayLines(ctx, log, at, false)
		case c == '[' && bom:
			// DuckDB's reader finds no object in an array after a byte
			// order mark (Windows PowerShell writes one)
			err = j.readArrayLines(ctx, log, first, true)
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", j.path, err)
		}
	}
	if j.format == "parquet" {
		var err error
		if j.dialect.nested, err = parquetNested(ctx, conn, j.readPath); err != nil {
			return fmt.Errorf("read %s: %w", j.path, err)
		}
	}
	header, m, profile, err := j.chooseTable(ctx, conn, opts, log)
	if err != nil {
		return err
	}
	if len(header) > maxColumns {
		return fmt.Errorf("read %s: %d columns, more than the %d ingest reads (export the columns the mapping reads, or fewer)",
			j.path, len(header), maxColumns)
	}
	// once, for the mapping chosen: a date layout is the mapping's, not
	// that of each header line fitHeader tries
	if err := checkDateLayouts(ctx, conn, m); err != nil {
		return fmt.Errorf("%s: mapping %s: %w", j.path, m.name, err)
	}
	j.header, j.m, j.profile, j.tbl = header, m, profile, tables[m.Target]
	if isJSON && opts.Mapping != nil {
		if err := j.checkPaths(ctx, conn); err != nil {
			return fmt.Errorf("%s: mapping %s: %w", j.path, m.name, err)
		}
	}
	j.unitless = nil // (a workbook's sheets are planned one after another)
	if profile == "tickets" {
		if m, err = typeAsChannel(ctx, conn, j, m, log); err != nil {
			return fmt.Errorf("read %s: %w", j.path, err)
		}
		if m, j.unitless, err = unitlessDurations(ctx, conn, j, m, log); err != nil {
			return fmt.Errorf("read %s: %w", j.path, err)
		}
	}
	m, inferred, kept, err := inferDates(ctx, conn, j, m)
	if err != nil {
		return fmt.Errorf("read %s: %w", j.path, err)
	}
	if m, err = inferDecimalMarks(ctx, conn, j, m, log); err != nil {
		return fmt.Errorf("read %s: amounts: %w", j.path, err)
	}
	j.m = m
	if len(inferred) > 0 {
		log.Info("date layouts inferred", "file", j.path, "fields", strings.Join(inferred, "; "))
	}
	for _, f := range slices.Sorted(maps.Keys(kept)) {
		log.Warn(kept[f], "file", j.path, "field", f)
	}
	for _, f := range slices.Sorted(maps.Keys(m.unreadDates)) {
		log.Warn("dates in more than one order: its records are rejected, but those of a day that is its month (02/02/2025), the same either way", "file", j.path, "field", f, "why", m.unreadDates[f])
	}
	if j.format == "csv" || j.format == "tsv" {
		var layouts []string
		j.typed, j.typedAs, layouts = typedColumn(m, j.tbl, false)
		if j.typedAs == "TIMESTAMPTZ" {
			// a zone's abbreviation after the values inferDates read
			// would be read ICU's way by the typed read: the file is
			// looked through for one (fileHasZoneAbbrev)
			zoned, err := fileHasZoneAbbrev(ctx, j.readPath, j.dialect.fieldDelim(j.format)[0])
			if err != nil {
				return fmt.Errorf("read %s: look for zone abbreviations: %w", j.path, err)
			}
			if zoned {
				j.typed, j.typedAs, layouts = typedColumn(m, j.tbl, true)
			}
		}
		if j.typedAs == "DATE" {
			if j.dateLayout, err = dateLayoutOf(ctx, conn, j.readPath, j.format, j.dialect, j.typed, layouts); err != nil {
				return fmt.Errorf("read %s: %w", j.path, err)
			}
		}
	}
	j.source = opts.Source
	if j.source == "" {
		j.source = m.Source
	}
	if j.source == "" {
		j.source = sourceOfName(j.path)
		j.sourceFromName = true
	}
	return nil
}

// sourceOfName is the source a file's name gives its records: the name
// without its extension, and a compressed file's without the extension of
// the data it holds too (tickets.csv.gz is tickets, as tickets.csv is;
// it was "tickets.csv").
func sourceOfName(path string) string {
	name := filepath.Base(path)
	compressed := compressedExt(name) != ""
	name = strings.TrimSuffix(name, filepath.Ext(name))
	if inner := filepath.Ext(name); compressed && dataExts[strings.ToLower(inner)] {
		name = strings.TrimSuffix(name, inner)
	}
	return name
}

// dataExts are the extensions that name a format detectFormat reads, lower
// case, and .txt, as some exports name a CSV file.
var dataExts = map[string]bool{".csv": true, ".txt": true, ".tsv": true, ".tab": true, ".json": true, ".ndjson": true, ".jsonl": true,
	".parquet": true, ".pq": true, ".xlsx": true, ".xlsm": true}

// chooseTable reads the file's header, a survey tool's header lines, or
// a header below the first line, and chooses the mapping that reads it
// (see fitHeader).
func (j *job) chooseTable(ctx context.Context, conn *sql.Conn, opts Options, log *slog.Logger) ([]string, *Mapping, string, error) {
	isJSON := j.format == "json" || j.format == "ndjson"
	if (j.format == "csv" || j.format == "tsv") && opts.Mapping == nil {
		// survey tools' exports of more than one header line
		var err error
		if j.surveyTool, err = surveyToolExport(j.readPath, j.dialect.fieldDelim(j.format)); err != nil {
			return nil, nil, "", fmt.Errorf("read %s: %w", j.path, err)
		}
		if j.surveyTool == qualtrics {
			j.dialect.skip = 1
			log.Info("a Qualtrics export: its question texts (line 2) are the header, its export tags (line 1) not a record", "file", j.path)
		}
	}
	header, m, profile, err := j.fitHeader(ctx, conn, opts)
	if isJSON && j.dialect.records == "" && !j.arrayLines && (err == nil || malformedJSON(err)) {
		var redo bool
		if redo, err = j.withoutBadJSON(ctx, log, err); redo {
			header, m, profile, err = j.fitHeader(ctx, conn, opts)
		}
	}
	if err != nil && (j.format == "csv" || j.format == "tsv") && (opts.Mapping == nil || opts.Mapping.HeaderLine == 0) {
		// a title, a note or Excel's "sep=;" above the header
		below, berr := j.headerBelow(ctx, conn, opts, err)
		if berr == nil {
			header, m, profile = below.header, below.m, below.profile
			log.Info("header found below the first line: the lines above it are not records", "file", j.path, "header_line", j.dialect.skip+1)
		}
		err = berr
	}
	return header, m, profile, err
}

// withoutBadJSON has the records of a JSON file (no list response) that
// DuckDB's reader fails the file for (readErr: a line not JSON, a record
// over 32 MiB or so) or loads though longer than a record may hold read
// from a copy as empty objects, to be rejected as written
// (withoutBadJSONLines, arrayLines). It returns whether the header is to
// be read again from the copy, else readErr (or what it found the file to
// be).
func (j *job) withoutBadJSON(ctx context.Context, log *slog.Logger, readErr error) (bool, error) {
	if st, serr := os.Stat(j.readPath); readErr == nil && (serr != nil || st.Size() <= maxRecordBytes) {
		return false, nil // read, and no record can be too long
	}
	if c, at, _ := firstJSONByte(j.readPath); c == '[' {
		if readErr == nil {
			// read, but an element may be too long
			long, err := hasLongElement(ctx, j.readPath, at)
			if err != nil {
				return false, fmt.Errorf("read %s: %w", j.path, err)
			}
			if !long {
				return false, nil
			}
		}
		if err := j.readArrayLines(ctx, log, at, true); err != nil {
			return false, fmt.Errorf("read %s: %w", j.path, err)
		}
		return true, nil
	}
	if readErr == nil {
		// one object a line, none of which the reader refused: a line
		// too long is looked for without reading JSON
		long, err := hasLongLine(ctx, j.readPath, maxRecordBytes)
		if err != nil {
			return false, fmt.Errorf("read %s: %w", j.path, err)
		}
		if !long {
			return false, nil
		}
	}
	// some lines not JSON or too long: those are rejected, the others read
	tmp, bad, err := withoutBadJSONLines(ctx, j.readPath, j.tempDir, j.format == "ndjson")
	var noObject *noJSONObjectError
	if errors.As(err, &noObject) {
		// the reader's byte of a malformed value may help; its advice to
		// raise its maximum object size would not
		var de *duckdb.Error
		if errors.As(readErr, &de) && strings.Contains(de.Msg, "Malformed JSON") {
			return false, fmt.Errorf("read %s: %w (DuckDB's reader: %s)", j.path, err, strings.TrimSpace(de.Msg))
		}
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", j.path, err)
	}
	if tmp == "" {
		return false, readErr
	}
	j.readCopy(log, tmp, bad)
	return true, nil
}

// readArrayLines has the JSON array at byte at of the job's file (whole:
// the file's value, else a list response's records array) read from a
// copy of one element a line (arrayLines), its bad elements rejected.
func (j *job) readArrayLines(ctx context.Context, log *slog.Logger, at int64, whole bool) error {
	tmp, bad, err := arrayLines(ctx, j.readPath, j.tempDir, at, whole)
	if err != nil {
		return err
	}
	j.arraySource = arraySource{j.readPath, at, whole}
	j.readCopy(log, tmp, bad)
	j.dialect.records, j.arrayLines = "", true
	return nil
}

// readCopy has the job read the JSON file's copy tmp, the records it
// holds as empty objects being bad (nil: none).
func (j *job) readCopy(log *slog.Logger, tmp string, bad *badJSONLines) {
	j.temps = append(j.temps, tmp)
	j.readPath, j.badJSON = tmp, bad
	if bad != nil {
		j.temps = append(j.temps, bad.path)
		log.Warn("records that are not JSON or too long: each rejected as written, the others read", "file", j.path, "records", bad.n, "too_long", bad.long)
	}
}

// sampleOf is a subquery of the first n values of column c that are not
// blank, trimmed, as column v: what inferDates and typeAsChannel judge a
// column by. The file is read leniently: a strict read could fail on the
// file as a whole.
func (j *job) sampleOf(c string, n int, p *params) string {
	d := j.dialect
	d.lenient = true
	src := sourceExpr(j.format, d, j.readPath, j.header, csvSkip, "", "", "", p)
	return `(SELECT trim(` + ident(c) + `) AS v FROM ` + src + ` WHERE nullif(trim(` + ident(c) + `), '') IS NOT NULL LIMIT ` + strconv.Itoa(n) + `)`
}

// planOtherSheet plans the job on the first sheet after the first of the
// XLSX workbook that plan reads, when the first sheet gave firstErr, and
// returns its name; with none, firstErr, naming the sheets tried.
func (j *job) planOtherSheet(ctx context.Context, conn *sql.Conn, opts Options, log *slog.Logger, book *workbook, firstErr error) (string, error) {
	if len(book.sheets) < 2 {
		return "", firstErr
	}
	was := *j
	for _, sheet := range book.sheets[1:] {
		tmp, err := book.toCSV(ctx, sheet, opts.TempDir, 0)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", j.path, err)
		}
		*j = was
		j.temps = append(j.temps, tmp)
		was.temps = j.temps // removed with the job's, whichever sheet is read
		j.readPath = tmp
		if err := j.plan(ctx, conn, opts, log); err == nil {
			log.Info("read the sheet after the first that holds a table a profile reads", "file", j.path, "sheet", sheet,
				"passed_over", quoteList(book.sheets[:slices.Index(book.sheets, sheet)]))
			return sheet, nil
		}
	}
	*j = was
	return "", fmt.Errorf("%w (nor do its other sheets: %s; a mapping's sheet names the one to read)", firstErr, strings.Join(book.sheets[1:], ", "))
}

// repeatedColumns says, for each name the header of the job's CSV or TSV
// file repeats (compared as DuckDB does, in any case and trimmed), what was
// done with each copy, as DuckDB names the later ones (product_1,
// product_2) and the mapping reads them: "column "product" repeated:
// column 3 read as product, column 4 kept in extra as "product_1"". A
// column whose own name such a copy took ("product_1", then named
// product_1_1) is named too. The header line is read as written and its
// names set beside DuckDB's; none when they do not line up.
func (j *job) repeatedColumns() ([]string, error) {
	if j.format != "csv" && j.format != "tsv" {
		return nil, nil
	}
	delim := j.dialect.fieldDelim(j.format)
	if len(delim) != 1 {
		return nil, nil
	}
	line, ok, err := lineAt(j.readPath, j.dialect.skip)
	if err != nil || !ok {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(line, []byte("\ufeff"))))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = rune(delim[0]), true, -1
	raw, err := r.Read()
	if err != nil || len(raw) != len(j.header) {
		return nil, nil // a header DuckDB reads otherwise: nothing to tell
	}
	fate := func(i int) string {
		c := j.header[i]
		switch {
		case len(j.m.Columns[c]) > 0:
			return "read as " + strings.Join(j.m.Columns[c], " and ")
		case slices.Contains(j.m.ignore, c):
			return "not kept"
		case c == "extra":
			return "read as extra"
		}
		return fmt.Sprintf("kept in extra as %q", c)
	}
	copies := map[string][]int{} // a name as DuckDB compares it -> its columns
	var names []string
	for i, n := range raw {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		k := strings.ToLower(n)
		if copies[k] == nil {
			names = append(names, k)
		}
		copies[k] = append(copies[k], i)
	}
	if !slices.ContainsFunc(names, func(k string) bool { return len(copies[k]) > 1 }) {
		return nil, nil
	}
	var out []string
	for _, k := range names {
		at := copies[k]
		first := strings.TrimSpace(raw[at[0]])
		if len(at) == 1 {
			if first != j.header[at[0]] {
				out = append(out, fmt.Sprintf("column %d %q %s (a repeated column's copy took its name)", at[0]+1, first, fate(at[0])))
			}
			continue
		}
		each := make([]string, len(at))
		for n, i := range at {
			each[n] = fmt.Sprintf("column %d %s", i+1, fate(i))
			if name := strings.TrimSpace(raw[i]); name != first {
				each[n] = fmt.Sprintf("column %d %q %s", i+1, name, fate(i))
			}
		}
		out = append(out, fmt.Sprintf("column %q repeated: %s", first, strings.Join(each, ", ")))
	}
	return out, nil
}

// quoteList quotes each name and joins them with commas.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// sheetSampleRows is how many rows of a sheet moreSheets reads: enough for
// a header below a title (maxHeaderLine) and a survey tool's extra header
// lines.
const sheetSampleRows = 2 * maxHeaderLine

// moreSheets returns the sheets of the workbook after the one the job
// reads (read) whose table a profile, or the mapping given, reads: the
// first rows of each are copied and their header fitted as the job's was.
// The job is left as it was.
func (j *job) moreSheets(ctx context.Context, conn *sql.Conn, opts Options, log *slog.Logger, book *workbook, read string) ([]string, error) {
	at := slices.Index(book.sheets, read)
	if at < 0 {
		return nil, nil
	}
	was := *j
	defer func() {
		temps := j.temps
		*j = was
		j.temps = temps // the samples are removed with the job's copies
	}()
	skip := 0 // as File set it before the header was looked for
	if opts.Mapping != nil && opts.Mapping.HeaderLine > 1 {
		skip = opts.Mapping.HeaderLine - 1
	}
	quiet := slog.New(slog.DiscardHandler) // what the samples' headers tell is logged when each is read
	var more []string
	for _, sheet := range book.sheets[at+1:] {
		tmp, err := book.toCSV(ctx, sheet, opts.TempDir, sheetSampleRows)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", j.path, err)
		}
		temps := append(j.temps, tmp)
		*j = was
		j.temps, j.readPath, j.dialect.skip, j.surveyTool = temps, tmp, skip, ""
		if _, _, _, err := j.chooseTable(ctx, conn, opts, quiet); err == nil {
			more = append(more, sheet)
		}
	}
	if len(more) > 0 {
		log.Info("other sheets of the workbook hold tables a profile reads: each is read as a run of its own", "file", j.path, "sheets", strings.Join(more, ", "))
	}
	return more, nil
}

// fitHeader reads the file's header (below the dialect's skip lines) and
// chooses the mapping that reads it: the one given, or the profile named
// or detected.
func (j *job) fitHeader(ctx context.Context, conn *sql.Conn, opts Options) ([]string, *Mapping, string, error) {
	header, err := readHeader(ctx, conn, j.readPath, j.format, j.dialect)
	if errors.Is(err, errNoJSONFields) && j.badJSON != nil {
		// every record is read as an empty object, to be rejected: the
		// keys of those too long choose the mapping, as a CSV file's
		// header does when its every record is too long (QA pass AY:
		// an array of one 9 MiB element failed with no run)
		if keys, kerr := j.badJSON.objectKeys(ctx); kerr != nil {
			err = kerr
		} else if len(keys) > 0 {
			header, err = keys, nil
		}
	}
	if err != nil {
		return nil, nil, "", fmt.Errorf("read %s: %w", j.path, err)
	}
	m, profile, err := chooseMapping(opts.Profile, opts.Mapping, header)
	if err != nil {
		return nil, nil, "", fmt.Errorf("%s: %w", j.path, err)
	}
	if j.format == "json" || j.format == "ndjson" {
		header = withPaths(header, m)
	}
	if err := checkColumns(m, header); err != nil {
		if e, ok := err.(*missingColumnError); ok && (j.format == "csv" || j.format == "tsv") {
			e.line = j.dialect.skip + 1
		}
		return nil, nil, "", fmt.Errorf("%s: mapping %s: %w", j.path, m.name, err)
	}
	return header, m, profile, nil
}

// checkDateLayouts asks DuckDB to read a date with each of the mapping's
// strptime layouts, so that one it cannot use ("%Q/%m/%Y") is named with
// its field here rather than fail the load with DuckDB's message alone.
// DuckDB's own parser decides, so no layout it accepts is refused.
func checkDateLayouts(ctx context.Context, conn *sql.Conn, m *Mapping) error {
	for _, f := range sortedKeys(m.Dates) {
		for _, layout := range m.Dates[f] {
			if isNumberLayout(layout) {
				continue
			}
			var t sql.NullTime
			if err := conn.QueryRowContext(ctx, "SELECT try_strptime('2000-01-01', $1)", layout).Scan(&t); err != nil {
				return fmt.Errorf("dates: layout %q for %s: %w", layout, f, err)
			}
		}
	}
	return nil
}

// maxHeaderLine is the last line (1-based) where headerBelow looks for a
// CSV file's header.
const maxHeaderLine = 10

type fitted struct {
	header  []string
	m       *Mapping
	profile string
}

// headerBelow looks for the header of a CSV file whose first line is not
// one, as in a report or a sheet saved with a title, a date or a blank row
// above its table ("Complaints register 2024,,,,"), or a file with Excel's
// "sep=;" line: the first of lines 2 to maxHeaderLine that fitHeader reads
// (with its own delimiter when the mapping names none). On success the
// dialect skips the lines above it; else it is left as it was, and the
// error to tell is first, fitHeader's of the first line, unless a line
// below holds more of the mapping's columns (missingColumnError): a title
// line above a header with a mapping's typo named the columns the title
// lacks, and listed the title's fields as the file's (an exploratory QA
// pass), where the header lacks one.
func (j *job) headerBelow(ctx context.Context, conn *sql.Conn, opts Options, first error) (fitted, error) {
	was := j.dialect
	tell := first
	for skip := 1; skip < maxHeaderLine && ctx.Err() == nil; skip++ {
		line, ok, err := lineAt(j.readPath, skip)
		if err != nil || !ok {
			break // the file has no such line
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue // the reader's sniffer would take the line after as the header, its strict read this one
		}
		j.dialect.skip = skip
		if j.sniffedDelim {
			j.dialect.delim = delimiterOf(line)
		}
		header, m, profile, err := j.fitHeader(ctx, conn, opts)
		if err == nil {
			return fitted{header, m, profile}, nil
		}
		if moreFound(err, tell) {
			tell = err
		}
	}
	j.dialect = was
	return fitted{}, tell
}

// moreFound reports whether err is a header's lack of a mapping's column
// (missingColumnError) whose header holds more of the mapping's columns
// than than's does (than not such an error: none).
func moreFound(err, than error) bool {
	var e, t *missingColumnError
	if !errors.As(err, &e) {
		return false
	}
	return !errors.As(than, &t) || e.found > t.found
}

// loadDirect loads the file in one statement (sql/append.sql) when none of
// its keys can be in the table yet: the table holds no row of the file's
// source (or no row at all). It returns the open transaction, or nil when
// the file needs staging: the table may hold its keys, or a key repeats in
// the file (the statement then violates the primary key and is rolled back).
func (j *job) loadDirect(ctx context.Context, conn *sql.Conn, res *Result, step func(string, ...any)) (*sql.Tx, error) {
	if j.followUps() {
		return nil, nil // the follow-ups are found among the staged records
	}
	if ok, err := j.noKnownKeys(ctx, conn); err != nil || !ok {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: begin: %w", j.path, err)
	}
	if err := j.load(ctx, tx, res, step); err != nil {
		tx.Rollback()
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "RESET preserve_insertion_order"); rerr != nil {
			return nil, fmt.Errorf("ingest %s: %w (and then: %w)", j.path, err, rerr)
		}
		var de *duckdb.Error
		switch {
		case errors.As(err, &de) && de.Type == duckdb.ErrorTypeConstraint:
			step("keys repeat in the file: staging it")
		case j.strictReadFailed(ctx, err):
			step("strict read failed: staging it record by record", "error", withoutRecord(err))
			j.tolerant = true
		default:
			return nil, err
		}
		// the counts start again (the file's name and how it is read stay)
		res.RunID, res.Read, res.Loaded, res.Updated, res.Duplicate, res.Rejected = 0, 0, 0, 0, 0, 0
		return nil, nil
	}
	return tx, nil
}

// strictReadFailed reports whether err is the CSV reader's failing a strict
// read of the file (a record it cannot parse, or a split point it cannot
// place): then the file is read again tolerantly.
func (j *job) strictReadFailed(ctx context.Context, err error) bool {
	var de *duckdb.Error
	return !j.tolerant && (j.format == "csv" || j.format == "tsv") && ctx.Err() == nil &&
		errors.As(err, &de) && (de.Type == duckdb.ErrorTypeInvalidInput || de.Type == duckdb.ErrorTypeConversion ||
		de.Type == duckdb.ErrorTypeNotImplemented)
}

// load is loadDirect's transaction. Only when the load rejected records is
// the file read again to find which and why (sql/check.sql).
func (j *job) load(ctx context.Context, tx *sql.Tx, res *Result, step func(string, ...any)) error {
	if err := nextRunID(ctx, tx, res); err != nil {
		return fmt.Errorf("ingest %s: %w", j.path, err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP SEQUENCE ingest_rejected`); err != nil {
		return fmt.Errorf("ingest %s: count rejects: %w", j.path, err)
	}
	// The rows need not keep the file's order (record numbers come from a
	// second reading, check.sql): without it DuckDB's threads each append
	// their own row groups instead of merging them back into file order,
	// which made the load of a 1M-row export about 10% slower. The
	// setting is the database's (global); it is put back as soon as the
	// statement is done, and by loadDirect if it fails.
	if _, err := tx.ExecContext(ctx, "SET preserve_insertion_order = false"); err != nil {
		return fmt.Errorf("ingest %s: %w", j.path, err)
	}
	var p params
	r, err := tx.ExecContext(ctx, render("append.sql", map[string]any{
		"Table": j.tbl.name, "Columns": j.columns(), "RunID": fmt.Sprint(res.RunID), "Stage": j.stageSelect(&p, j.csvMode(true), false),
	}), p.args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", j.path, err)
	}
	if _, err := tx.ExecContext(ctx, "RESET preserve_insertion_order"); err != nil {
		return fmt.Errorf("ingest %s: %w", j.path, err)
	}
	if res.Loaded, err = r.RowsAffected(); err != nil {
		return fmt.Errorf("read %s: %w", j.path, err)
	}
	var rejected sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT last_value FROM duckdb_sequences() WHERE sequence_name = 'ingest_rejected' AND temporary`).Scan(&rejected); err != nil {
		return fmt.Errorf("ingest %s: count rejects: %w", j.path, err)
	}
	step("loaded", "rows", res.Loaded, "rejected", rejected.Int64)
	if !rejected.Valid {
		res.Read = res.Loaded
		return nil
	}
	p = params{}
	if _, err := tx.ExecContext(ctx, render("check.sql", map[string]any{"Stage": j.stageSelect(&p, j.exactMode(), false)}), p.args...); err != nil {
		return fmt.Errorf("read %s: find rejected records: %w", j.path, err)
	}
	staged, invalid, err := j.rejects(ctx, tx, res, "s._pos")
	if err != nil {
		return fmt.Errorf("ingest %s: %w", j.path, err)
	}
	if staged-invalid != res.Loaded || invalid != rejected.Int64 {
		return fmt.Errorf("read %s: %d of %d records were valid on a second reading, but %d loaded and %d rejected: did the file change?",
			j.path, staged-invalid, staged, res.Loaded, rejected.Int64)
	}
	step("checked", "staged", staged, "invalid", invalid)
	return nil
}

// noKnownKeys reports whether the target table cannot hold a key of the
// file: it has no row of the source every record gets, or no row at all.
func (j *job) noKnownKeys(ctx context.Context, conn *sql.Conn) (bool, error) {
	q, args := "SELECT NOT EXISTS (FROM "+j.tbl.name+")", []any{}
	if src, ok := j.constantSource(); ok && slices.Contains(j.tbl.key, "source") {
		q, args = "SELECT NOT EXISTS (FROM "+j.tbl.name+" WHERE source = $1)", []any{src}
	}
	var none bool
	if err := conn.QueryRowContext(ctx, q, args...).Scan(&none); err != nil {
		return false, fmt.Errorf("ingest %s: look for known keys: %w", j.path, err)
	}
	return none, nil
}

// constantSource is the source column's value when every record gets the
// same one (as stageSQL gives it): no column or value map makes it.
func (j *job) constantSource() (string, bool) {
	if _, ok := j.m.fieldSources()["source"]; ok || len(j.m.Values["source"]) > 0 {
		return "", false
	}
	if c := j.m.Constants["source"]; c != "" {
		return c, true
	}
	return j.source, true
}

// clearStaging drops the staging table and the reader's rejects tables a
// read of this connection may have left.
func (j *job) clearStaging(ctx context.Context, conn *sql.Conn) error {
	if err := dropTemp(ctx, conn, "ingest_stage", "ingest_reject_errors", "ingest_reject_scans"); err != nil {
		return fmt.Errorf("ingest %s: clear staging: %w", j.path, err)
	}
	return nil
}

// strictModeFailed reports whether err is the CSV reader's strict mode
// failing on the file as a whole (its parser reaching an invalid state),
// which DuckDB answers with the advice to turn strict mode off.
func strictModeFailed(err error) bool {
	var de *duckdb.Error
	return errors.As(err, &de) && de.Type == duckdb.ErrorTypeInvalidInput && strings.Contains(de.Msg, "strict_mode=false")
}

// readerReasons begin the lines of DuckDB's CSV reader errors that say
// what is wrong with a record (DuckDB 1.5).
var readerReasons = []string{"Expected Number of Columns", "Value with unterminated quote", "Invalid unicode",
	"Error when converting column", "Maximum line size"}

// withoutRecord is err's message for the log: a CSV reader's error without
// the record it echoes ("CSV Error on Line: 3\nOriginal Line: ...", the
// record's lines, then what is wrong, advice and the reader's options):
// a complaint's text is personal data, kept in the rejects table, not in
// a terminal's log. What is wrong is kept (the last line that begins as a
// reader's reason does: the record comes before it).
func withoutRecord(err error) string {
	msg := err.Error()
	head, rest, ok := strings.Cut(msg, "\nOriginal Line: ")
	if !ok {
		return msg
	}
	reason := "(the reader's message, which holds the record, left out)"
	for line := range strings.Lines(rest) {
		for _, r := range readerReasons {
			if strings.HasPrefix(line, r) {
				reason = strings.TrimSpace(line)
			}
		}
	}
	return head + ": " + reason
}

// recordlessError is an error whose message held a CSV reader's record
// ("Original Line: ..."), told without it (withoutRecord): the file,
// the line and what is wrong stay. Unwrap gives the error as it was.
type recordlessError struct{ err error }

func (e *recordlessError) Error() string { return withoutRecord(e.err) }
func (e *recordlessError) Unwrap() error { return e.err }

// recordless is err, or when its message echoes a record of the file (a
// complaint's text, personal data the rejects table keeps, not the
// terminal), err told without it.
func recordless(err error) error {
	if err == nil || !strings.Contains(err.Error(), "\nOriginal Line: ") {
		return err
	}
	return &recordlessError{err}
}

// alikeLineEnds has a CSV or TSV file whose line ends outside quotes are
// of more than one kind read from a copy with every line end a line feed
// (sameLineEnds), as the reader then reads it whole; it judges the file
// without a copy first (lineEndsDiffer).
func (j *job) alikeLineEnds(ctx context.Context, res *Result, step func(string, ...any)) error {
	if j.format != "csv" && j.format != "tsv" {
		return nil
	}
	differ, err := lineEndsDiffer(ctx, j.readPath, j.fieldDelim(), j.dialect.backslash)
	if err != nil {
		return fmt.Errorf("read %s: line ends: %w", j.path, err)
	}
	if !differ {
		return nil
	}
	tmp, n, err := sameLineEnds(ctx, j.readPath, j.tempDir, j.fieldDelim(), len(j.header), j.dialect.backslash)
	if err != nil {
		return fmt.Errorf("read %s: %w", j.path, err)
	}
	if tmp == "" {
		return nil
	}
	j.temps = append(j.temps, tmp)
	step("line ends of more than one kind: reading a copy with line feeds for line ends", "spaces", n.spaces, "line_ends", n.ends, "crlf", n.crlf, "lf", n.lf)
	j.readPath, res.LoneCRs, res.CREnds = tmp, n.spaces, n.ends
	return nil
}

// stageAll reads every record into the staging table: strictly, then
// record by record when that fails, then from a copy with its line ends
// made alike, then leniently (see loadStaged).
func (j *job) stageAll(ctx context.Context, conn *sql.Conn, res *Result, step func(string, ...any)) error {
	// A direct load that was rolled back may have left the reader's
	// rejects (its tables are not transactional).
	if err := j.clearStaging(ctx, conn); err != nil {
		return err
	}
	err := j.stage(ctx, conn)
	if err != nil && j.strictReadFailed(ctx, err) {
		step("strict read failed: staging record by record", "error", withoutRecord(err))
		j.tolerant = true
		err = j.stage(ctx, conn)
	}
	if err != nil && j.tolerant && !j.dialect.lenient && ctx.Err() == nil && strictModeFailed(err) {
		// carriage returns alone in a file of no other line end (line
		// ends of two kinds were made alike before: alikeLineEnds): with
		// every line end a line feed, the file reads strictly (quotes
		// followed as the reader follows them, escaped by a backslash or
		// doubled; a file escaping them with a backslash was read
		// leniently, which failed it whole)
		tmp, n, cerr := sameLineEnds(ctx, j.readPath, j.tempDir, j.fieldDelim(), len(j.header), j.dialect.backslash)
		if cerr != nil {
			return cerr
		}
		if tmp != "" {
			j.temps = append(j.temps, tmp)
			step("line ends made line feeds: staging it again", "spaces", n.spaces, "line_ends", n.ends, "crlf", n.crlf, "lf", n.lf, "error", withoutRecord(err))
			j.readPath, res.LoneCRs, res.CREnds = tmp, n.spaces, n.ends
			if err := j.clearStaging(ctx, conn); err != nil {
				return err
			}
			err = j.stage(ctx, conn)
		}
		if err != nil && ctx.Err() == nil && strictModeFailed(err) {
			step("the reader's strict mode cannot read the file: staging it leniently", "error", withoutRecord(err))
			j.dialect.lenient = true
			if err := j.clearStaging(ctx, conn); err != nil {
				return err
			}
			err = j.stage(ctx, conn)
		}
	}
	if err == nil && j.exactMode() != j.csvMode(false) {
		// Rejected records keep their text as written: stage again.
		var invalid int64
		if err := conn.QueryRowContext(ctx, `SELECT count(_reason) FROM ingest_stage`).Scan(&invalid); err != nil {
			return fmt.Errorf("ingest %s: count invalid: %w", j.path, err)
		}
		if invalid > 0 {
			step("rejected records: staging record by record", "invalid", invalid)
			j.tolerant = true
			if _, err := conn.ExecContext(ctx, "DROP TABLE temp.ingest_stage"); err != nil {
				return fmt.Errorf("ingest %s: clear staging: %w", j.path, err)
			}
			err = j.stage(ctx, conn)
		}
	}
	return err
}

// loadStaged reads every record into the staging table, then reconciles it
// with the table in a transaction it returns.
func (j *job) loadStaged(ctx context.Context, conn *sql.Conn, res *Result, step func(string, ...any)) (*sql.Tx, error) {
	err := j.stageAll(ctx, conn, res, step)
	if err == nil && len(j.runaways) > 0 {
		if ferr := j.fixRunaways(ctx, conn); ferr != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// The records cut at a runaway quote could not be told apart
			// in what the reader made of the copy (a carriage return
			// joined a placeholder to a record): the file is read as
			// written, as before the cut.
			step("runaway quotes: the records cut are not the reader's rejects, staging the file as written", "error", withoutRecord(ferr))
			j.readPath, j.runaways, j.runawayRaw, res.Runaways, res.TooLong, res.Misfits, res.ClosedWrong = j.uncutPath, nil, nil, 0, 0, 0, 0
			j.tolerant, j.dialect.lenient, res.LoneCRs, res.CREnds = false, false, 0, 0
			if err := j.alikeLineEnds(ctx, res, step); err != nil {
				return nil, err
			}
			err = j.stageAll(ctx, conn, res, step)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", j.path, err)
	}
	step("staged")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: begin: %w", j.path, err)
	}
	if err := nextRunID(ctx, tx, res); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("ingest %s: %w", j.path, err)
	}
	if err := j.reconcile(ctx, tx, res, step); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("ingest %s: %w", j.path, err)
	}
	return tx, nil
}

// dropTemp drops the named temporary tables of conn where they exist.
func dropTemp(ctx context.Context, conn interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, tables ...string) error {
	for _, t := range tables {
		if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp."+t); err != nil {
			return err
		}
	}
	return nil
}

// nextRunID sets res.RunID to the ingest_runs id this run takes.
func nextRunID(ctx context.Context, tx *sql.Tx, res *Result) error {
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs`).Scan(&res.RunID); err != nil {
		return fmt.Errorf("next run id: %w", err)
	}
	return nil
}

// stageSelect is the query of every record converted and checked
// (sql/stage.sql), in file order, reading a CSV in the given mode; legacy
// for the staging table, whose records are compared with stored rows (see
// stageSQL).
func (j *job) stageSelect(p *params, mode csvMode, legacy bool) string {
	header := j.header
	source := sourceExpr(j.format, j.dialect, j.readPath, header, mode, j.typed, j.typedAs, j.dateLayout, p)
	if j.m.usesRecord() || legacy && j.m.rekeysRecordNumbers() {
		// Record numbers in file order: the readers keep insertion order.
		source = "(SELECT *, CAST(row_number() OVER () AS VARCHAR) AS " + ident(RecordColumn) + " FROM " + source + ")"
		header = append(header[:len(header):len(header)], RecordColumn)
	}
	if j.m.usesContent() {
		source = render("content.sql", map[string]string{"Values": contentValues(j.header), "Source": source})
		header = append(header[:len(header):len(header)], ContentColumn)
	}
	nested := j.format == "json" || j.format == "ndjson"
	lists := map[string]bool{} // the columns whose values are JSON when a list or an object
	for _, c := range j.header {
		lists[c] = nested
	}
	for _, c := range j.dialect.nested {
		lists[c] = true
	}
	q, checks := stageSQL(j.m, j.tbl, header, source, p, j.source, j.notAfter, legacy, nested, lists)
	j.checks = checks // the same for every read of the file: what a staged record's _check indexes
	return q
}

// contentValues is the argument list of json_object that gives a record's
// content (sql/content.sql): each column of the file's header, by name in
// sorted order (an export that moves a column gives the same content), and
// its value as text, an empty value as null.
func contentValues(header []string) string {
	cols := slices.Sorted(slices.Values(header))
	pairs := make([]string, len(cols))
	for i, c := range cols {
		pairs[i] = literal(c) + ", nullif(CAST(" + ident(c) + " AS VARCHAR), '')"
	}
	return strings.Join(pairs, ", ")
}

// typedColumn chooses the column that a strict read of a CSV parses as a
// date or timestamp, and its type. DuckDB's parallel reader checks each
// split point by parsing the record after it both ways (outside or inside a
// quoted field); with every column text, both readings of a line inside a
// multi-line narrative can parse, and the read fails (a 3M-row export did).
// A typed column tells them apart, as plain read_csv's detected types do.
// The column must feed one required timestamp field and nothing else (no
// value map, no keep rule), and be read as the field reads it: by the
// default cast (TIMESTAMPTZ: an offset moves the time to UTC, where
// TIMESTAMP ignores it), or by the layout %Y-%m-%d tried first (DATE, which
// the reader parses with that layout). Its text, cast back, then converts
// to the same value; its text as written is needed only for rejected
// records, which are read again with every column text. A file the typed
// read cannot parse is read again tolerantly. Required, because DuckDB's
// reader reads a value it cannot parse as TIMESTAMPTZ as null, with no
// error (DATE and TIMESTAMP fail): a required field's null rejects the
// record, whose text is then read again, where an optional field's would
// have lost the value ("not a date" in a first response time loaded as
// none). A file whose IDs are made of its records' content (ContentColumn)
// has no typed column: the typed read gives the column's text as its
// value cast back ("2024-03-04 00:00:00+00" for "2024-03-04"), and a
// record read so would get another ID than the same record read as
// written, as a file with a malformed record is. With abbrevs (some value
// of the file may end in a zone's abbreviation: fileHasZoneAbbrev) no
// column is read by the default cast, which reads some abbreviations as
// ICU's zone IDs (see zoneAbbrevs) and others as nothing; a DATE column
// fails the strict read on one instead, and is read again tolerantly.
func typedColumn(m *Mapping, t *table, abbrevs bool) (col, typ string, layouts []string) {
	if m.usesContent() {
		return "", "", nil
	}
	sources := m.fieldSources()
	for _, f := range t.fields {
		c, ok := sources[f.name]
		if !ok || !f.required || f.typ != tTimestamp || pseudoColumn(c) || len(m.Columns[c]) != 1 ||
			len(m.Values[f.name]) > 0 || m.Keep[c] != nil || m.zoned[f.name] || m.unreadOrders[f.name] != nil {
			// (a column of dates in two orders: one that reads the same
			// in both loads, which no cast reads: sameInEveryOrder)
			continue
		}
		switch layouts := m.Dates[f.name]; {
		case len(layouts) == 0:
			if m.Timezone != "" || abbrevs {
				// a time written without an offset is the zone's, which
				// the text cast back from TIMESTAMPTZ would no longer
				// say ("2026-11-06 21:00:00+00" for "2026-11-06 21:00")
				continue
			}
			return c, "TIMESTAMPTZ", nil
		case layouts[0] == "%Y-%m-%d":
			return c, "DATE", layouts // by %Y-%m-%d, or another of them (dateLayoutOf)
		}
	}
	return "", "", nil
}

// dateLayoutOf picks the layout a strict read parses the DATE column col
// by: the first of layouts (which starts with %Y-%m-%d) that parses the
// column's first value, if it is a date alone and parses nothing an earlier
// layout would (none of their literal characters is one of its own: "/"
// against "-", so "%m/%d/%y" follows "%Y-%m-%d" but "%m/%d/%Y" does not
// follow "%m/%d/%y", which reads "01/02/24" as 2024 where it reads year
// 24); else %Y-%m-%d. A CFPB website export (MM/DD/YY) so keeps the
// parallel strict read, which otherwise fails at its first record and
// reads the file again in one thread. Whatever the layout, the date cast
// back to text is %Y-%m-%d, which the field's conversion reads first as
// the same date.
func dateLayoutOf(ctx context.Context, conn *sql.Conn, path, format string, d dialect, col string, layouts []string) (string, error) {
	var p params
	q := "SELECT " + ident(col) + " FROM " + sourceExpr(format, d, path, nil, csvSkip, "", "", "", &p) + " LIMIT 1"
	var first sql.NullString
	if err := conn.QueryRowContext(ctx, q, p.args...).Scan(&first); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if !first.Valid {
		return layouts[0], nil
	}
	v := strings.TrimSpace(first.String)
	for i, l := range layouts {
		var ok bool
		if err := conn.QueryRowContext(ctx, `SELECT try_strptime($1, $2) IS NOT NULL`, v, l).Scan(&ok); err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		if strings.ContainsAny(l, "HIMSpfzZ") || !disjointLiterals(l, layouts[:i]) {
			return layouts[0], nil
		}
		return l, nil
	}
	return layouts[0], nil
}

// disjointLiterals reports whether no literal character of layout l (not
// part of a % directive) is a literal of one of earlier.
func disjointLiterals(l string, earlier []string) bool {
	for _, e := range earlier {
		if strings.ContainsAny(literals(e), literals(l)) {
			return false
		}
	}
	return true
}

// literals is layout l without its % directives.
func literals(l string) string {
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		if l[i] == '%' {
			i++
			continue
		}
		b.WriteByte(l[i])
	}
	return b.String()
}

// csvMode is the reader's mode for this job: strict until a strict read
// failed, then storing the reader's rejects or skipping them.
func (j *job) csvMode(storeRejects bool) csvMode {
	switch {
	case !j.tolerant:
		return csvStrict
	case storeRejects:
		return csvStore
	}
	return csvSkip
}

// exactMode is the mode that reads the records with every column as written
// (for rejected records' text): a strict read with a typed column does not.
func (j *job) exactMode() csvMode {
	if !j.tolerant && j.typed != "" {
		return csvSkip
	}
	return j.csvMode(false)
}

// stage reads every record into the temporary table ingest_stage. It runs
// before the transaction: the table belongs to this connection only, and
// once committed its rowids are the record order 0..n-1 (rows local to an
// open transaction are numbered apart).
func (j *job) stage(ctx context.Context, conn *sql.Conn) error {
	var p params
	mode := j.csvMode(true)
	if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE ingest_stage AS "+j.stageSelect(&p, mode, true), p.args...); err != nil {
		return err
	}
	if mode == csvStore {
		// the reader's rejects as written (sql/reader_lines.sql)
		if _, err := conn.ExecContext(ctx, render("reader_lines.sql", nil)); err != nil {
			return fmt.Errorf("the records the reader rejected: %w", err)
		}
	}
	return nil
}

// columns lists the table's fields, quoted, in table order.
func (j *job) columns() string {
	cols := make([]string, len(j.tbl.fields))
	for i, f := range j.tbl.fields {
		cols[i] = ident(f.name)
	}
	return strings.Join(cols, ", ")
}

// replacing is the select list of the rows an update replaces (alias s the
// staged row, e the row replaced), or "" when it is the staged columns as
// they are, and held, the condition on e's rows that hold a value to keep
// (any kept field not null: a CFPB export never gives a first response or
// an assignee, and its stored rows hold none, so e is built of no row
// rather than of every complaint). A field the file does not read (no column or constant gives
// it: a re-export without the column) keeps its stored value: a column
// absent is no empty value (an export without "Consumer disputed?" cleared
// the disputed flag of every complaint it updated). A complaint's first
// response the file does not read is kept while the complaint was
// received before it: it came from replies (Mapping.Replies), of this file
// or another; so are the fields a reply fills (replyFields) that the file
// does not read.
func (j *job) replacing() (cols []string, held string) {
	// kept while the complaint was received before it (an update may move
	// the receipt: a response before it is none)
	const keep = "s.first_response_at IS NULL AND e.first_response_at >= s.received_at"
	list := make([]string, len(j.tbl.fields))
	var notNull []string
	for i, f := range j.tbl.fields {
		list[i] = "s." + ident(f.name)
		if slices.Contains(j.tbl.key, f.name) || j.m.gives(f.name) {
			continue
		}
		notNull = append(notNull, ident(f.name)+" IS NOT NULL")
		switch {
		case j.tbl.name == "complaints" && f.name == "first_response_at":
			list[i] = "CASE WHEN " + keep + " THEN e.first_response_at ELSE s.first_response_at END"
		case j.tbl.name == "complaints" && slices.Contains(replyFields, f.name):
			// with a first response stored, as it goes; else as any field
			list[i] = "CASE WHEN e.first_response_at IS NOT NULL AND NOT coalesce(" + keep + ", false) THEN s." + ident(f.name) +
				" ELSE coalesce(s." + ident(f.name) + ", e." + ident(f.name) + ") END"
		default:
			list[i] = "coalesce(s." + ident(f.name) + ", e." + ident(f.name) + ")"
		}
	}
	if len(notNull) == 0 {
		return nil, ""
	}
	return list, strings.Join(notNull, " OR ")
}

// written is the select list of the fields an update writes (alias s the
// staged row, e the row replaced), each named as its field: kept, the list
// of job.replacing, or the staged fields as they are when it is nil.
func (j *job) written(kept []string) string {
	list := j.writtenExprs(kept)
	named := make([]string, len(list))
	for i, f := range j.tbl.fields {
		named[i] = list[i] + " AS " + ident(f.name)
	}
	return strings.Join(named, ", ")
}

// reconcile counts the staged records, writes the rejects, decides each
// record's outcome and writes the new and changed rows (sql/rejects.sql,
// outcome.sql, merge.sql).
func (j *job) reconcile(ctx context.Context, tx *sql.Tx, res *Result, step func(string, ...any)) error {
	var followUps int64
	if j.followUps() {
		var err error
		if followUps, err = j.joinFollowUps(ctx, tx, res.RunID); err != nil {
			return err
		}
		step("follow-ups joined to their complaints", "follow_ups", followUps)
	}
	staged, invalid, err := j.rejects(ctx, tx, res, "s.rowid")
	if err != nil {
		return err
	}
	run := fmt.Sprint(res.RunID)

	keyS, keyJoin := keyExprs(j.tbl)
	var repeats int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT `+keyS+` FROM ingest_stage s WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1)`).Scan(&repeats); err != nil {
		return fmt.Errorf("find repeated keys: %w", err)
	}
	step("stage checked", "staged", staged, "invalid", invalid, "reader_rejects", res.Rejected-invalid, "repeated_keys", repeats)
	if j.m.rekeysRecordNumbers() {
		if err := rekeyRecordNumbers(ctx, tx, res); err != nil {
			return err
		}
		step("responses stored under record numbers re-keyed", "responses", res.Rekeyed, "copies_removed", res.RekeyedCopies)
	}
	kept, held := j.replacing()
	replacing := strings.Join(kept, ", ")
	if _, err := tx.ExecContext(ctx, render("outcome.sql", map[string]any{
		"Table": j.tbl.name, "KeyS": keyS, "KeyJoin": keyJoin, "Unique": repeats == 0, "Moved": j.tbl.name == "complaints",
		"Merged": replacing,
	})); err != nil {
		return fmt.Errorf("match keys: %w", err)
	}
	countOutcomes := func() error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (outcome = 'loaded'), count(*) FILTER (outcome = 'updated'),
			count(*) FILTER (outcome = 'duplicate') FROM ingest_outcome`).Scan(&res.Loaded, &res.Updated, &res.Duplicate); err != nil {
			return fmt.Errorf("count outcomes: %w", err)
		}
		return nil
	}
	if err := countOutcomes(); err != nil {
		return err
	}
	if had := extraColumns(j.m, j.header); res.Updated > 0 && had != "" {
		// (only then: a load of new keys, or of a file loaded before, has
		// no update whose stored extra could hold a member to keep)
		r, err := tx.ExecContext(ctx, render("keep_extra.sql", map[string]any{
			"Table": j.tbl.name, "KeyJoin": keyJoin, "Columns": j.columns(), "Written": j.written(kept), "Had": had,
		}))
		if err != nil {
			return fmt.Errorf("keep the members of extra the file has no column for: %w", err)
		}
		if n, err := r.RowsAffected(); err != nil {
			return fmt.Errorf("keep the members of extra the file has no column for: %w", err)
		} else if n > 0 {
			if err := countOutcomes(); err != nil {
				return err
			}
			step("members of extra the file has no column for kept", "updates", n)
		}
	}
	if res.Updated > 0 {
		n, err := j.sameWrittenOtherwise(ctx, tx, keyJoin, kept)
		if err != nil {
			return err
		}
		if n > 0 {
			if err := countOutcomes(); err != nil {
				return err
			}
			step("updates of values written otherwise found duplicates", "records", n)
		}
	}
	if followUps > 0 {
		if err := countFollowUps(ctx, tx, res); err != nil {
			return err
		}
	}
	step("outcomes decided")
	if res.Updated > 0 && j.tbl.name == "complaints" {
		if err := movedComplaints(ctx, tx, res); err != nil {
			return err
		}
		if err := j.unresolvedComplaints(ctx, tx, res); err != nil {
			return err
		}
	}
	if repeats > 0 {
		if err := supersededRecords(ctx, tx, res, keyS, j.tbl.key[len(j.tbl.key)-1]); err != nil {
			return err
		}
	}
	// Only new keys, each once (the usual first load): append without
	// looking at the outcomes.
	allNew := res.Loaded == staged-invalid-followUps
	if _, err := tx.ExecContext(ctx, render("merge.sql", map[string]any{
		"Table": j.tbl.name, "Columns": j.columns(), "RunID": run, "AllNew": allNew,
		"Replacing": replacing, "Held": held, "KeyJoin": keyJoin, "Reclassify": j.reclassify(kept),
	})); err != nil {
		return fmt.Errorf("write %s: %w", j.tbl.name, err)
	}
	step("merged")
	return nil
}

// rekeyRecordNumbers gives the responses that versions before $content
// stored under the record numbers of the staged records the IDs their
// content gives now, or removes them where that ID holds the response
// already (sql/rekey.sql), and counts them in res.Rekeyed and
// res.RekeyedCopies.
func rekeyRecordNumbers(ctx context.Context, tx *sql.Tx, res *Result) error {
	var fields []string // compared: every field but the key
	for _, f := range tables["surveys"].fields {
		if !slices.Contains(tables["surveys"].key, f.name) {
			fields = append(fields, ident(f.name))
		}
	}
	for _, copies := range []bool{true, false} {
		r, err := tx.ExecContext(ctx, render("rekey.sql", map[string]any{"Fields": fields, "Copies": copies}))
		if err != nil {
			return fmt.Errorf("re-key responses stored under record numbers: %w", err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return fmt.Errorf("re-key responses stored under record numbers: %w", err)
		}
		if copies {
			res.RekeyedCopies = n
		} else {
			res.Rekeyed = n
		}
	}
	return nil
}

// supersededRecords sets res.Superseded and res.SupersededIDs: the
// records a later record of their key (keyS) in the file replaces with
// other content; id is the key's last column, which names them. The same
// record twice is a duplicate of no consequence; another content under
// the same ID is either the ID's history (an export of every change) or
// two complaints under one ID, and only the last is kept: a silent
// "duplicate" hid it (an exploratory QA pass).
func supersededRecords(ctx context.Context, tx *sql.Tx, res *Result, keyS, id string) (err error) {
	res.Superseded, res.SupersededIDs, err = someIDs(ctx, tx, `SELECT count(*) OVER (), id FROM (
		SELECT s.`+ident(id)+` AS id, s.row_hash,
		       last_value(s.row_hash) OVER (PARTITION BY `+keyS+` ORDER BY s.rowid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_hash
		FROM ingest_stage s WHERE s._reason IS NULL)
		WHERE row_hash <> last_hash
		ORDER BY id`)
	if err != nil {
		return fmt.Errorf("find records replaced in the file: %w", err)
	}
	return nil
}

// movedComplaints sets res.Moved and res.MovedIDs: the complaints the
// file updates whose received time it changes. A complaint's received time
// does not change when its ticket is updated; it differs when two systems'
// exports under one source name (as every helpdesk export of the tickets
// profile is, unless --source names it) hold the same ticket number, and
// the second would overwrite the first's complaint.
func movedComplaints(ctx context.Context, tx *sql.Tx, res *Result) (err error) {
	res.Moved, res.MovedIDs, err = someIDs(ctx, tx, `SELECT count(*) OVER (), s.complaint_id
		FROM ingest_outcome o
		JOIN ingest_stage s ON s.rowid = o.r
		WHERE o.moved AND o.write
		ORDER BY s.complaint_id`)
	if err != nil {
		return fmt.Errorf("compare received times: %w", err)
	}
	return nil
}

// unresolvedComplaints sets res.Unresolved, UnresolvedIDs and
// UnresolvedRun: the complaints the file updates (before the merge, so e
// is the row stored) from resolved to unresolved, its resolved_at cleared
// or its status from closed (as the metrics read it) to another, where the
// file does not count a reopening (reopened_count above the stored one).
// A field the file does not read keeps the stored value, so changes
// nothing. A helpdesk reopens tickets, and may not export a count; an
// older export loaded again does the same to many (QA pass AA: an older
// week re-sent gzipped put 53 tickets back open). When there are some, it
// sets res.FileLatest and res.RunLatest where the file's latest time is
// before that of UnresolvedRun's stored rows: the file was written before
// the run's. Only the updated rows are compared: a load of new keys, or
// one all duplicate, does not look. An update that moves the received
// time is another system's ticket (movedComplaints warns of it), not an
// older version of the same one.
func (j *job) unresolvedComplaints(ctx context.Context, tx *sql.Tx, res *Result) error {
	var undone []string
	if j.m.gives("resolved_at") {
		undone = append(undone, "(e.resolved_at IS NOT NULL AND s.resolved_at IS NULL)")
	}
	if j.m.gives("status") {
		undone = append(undone, "(lower(e.status) = 'closed' AND lower(s.status) <> 'closed')")
	}
	if len(undone) == 0 {
		return nil
	}
	reopened := "false"
	if j.m.gives("reopened_count") {
		reopened = "coalesce(s.reopened_count > coalesce(e.reopened_count, 0), false)"
	}
	rows, err := tx.QueryContext(ctx, `SELECT count(*) OVER (), s.complaint_id, max(e.ingest_run_id) OVER ()
		FROM ingest_outcome o
		JOIN ingest_stage s ON s.rowid = o.r
		JOIN complaints e ON e.source = s.source AND e.complaint_id = s.complaint_id
		WHERE o.write AND o.existed AND NOT o.moved AND (`+strings.Join(undone, " OR ")+`) AND NOT `+reopened+`
		ORDER BY s.complaint_id
		LIMIT `+fmt.Sprint(maxNamedIDs))
	if err != nil {
		return fmt.Errorf("compare resolutions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&res.Unresolved, &id, &res.UnresolvedRun); err != nil {
			return fmt.Errorf("compare resolutions: %w", err)
		}
		res.UnresolvedIDs = append(res.UnresolvedIDs, id)
	}
	if err := rows.Err(); err != nil || res.Unresolved == 0 {
		return err
	}
	// the latest of each time a file gives; greatest() passes over nulls
	const latest = "max(greatest(received_at, first_response_at, resolved_at))"
	var file, run sql.NullTime
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT `+latest+` FROM ingest_stage WHERE _reason IS NULL),
		(SELECT `+latest+` FROM complaints WHERE ingest_run_id = $1)`, res.UnresolvedRun).Scan(&file, &run); err != nil {
		return fmt.Errorf("compare the file's latest time with run %d's: %w", res.UnresolvedRun, err)
	}
	if file.Valid && run.Valid && file.Time.Before(run.Time) {
		res.FileLatest, res.RunLatest = file.Time, run.Time
	}
	return nil
}

// someIDs runs q, ordered rows of (the number of rows, an ID), and returns
// that number and the first maxNamedIDs IDs, for a warning to name.
func someIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) (n int64, ids []string, err error) {
	rows, err := tx.QueryContext(ctx, q+` LIMIT `+fmt.Sprint(maxNamedIDs), args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&n, &id); err != nil {
			return 0, nil, err
		}
		ids = append(ids, id)
	}
	return n, ids, rows.Err()
}

// maxNamedIDs is how many IDs a warning (moved complaints, records
// replaced in the file) names.
const maxNamedIDs = 5

// rejects counts the staged records (ingest_stage; pos is a row's 0-based
// position in file order) and the reader's rejects, sets the read and
// rejected counts and writes the rejects (sql/rejects.sql).
func (j *job) rejects(ctx context.Context, tx *sql.Tx, res *Result, pos string) (staged, invalid int64, err error) {
	j.stagePos = pos
	var readerRejects int64
	// (a follow-up is neither valid nor invalid: countFollowUps counts it)
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(_reason) FILTER (_reason <> $1) FROM ingest_stage`, followUpReason).Scan(&staged, &invalid); err != nil {
		return 0, 0, fmt.Errorf("count staged: %w", err)
	}
	if err := j.countReaderRejects(ctx, tx, &readerRejects); err != nil {
		return 0, 0, err
	}
	res.Rejected = invalid + readerRejects
	res.Read = staged + readerRejects
	if res.Rejected > 0 {
		q := render("rejects.sql", map[string]any{"RunID": fmt.Sprint(res.RunID), "ReaderRejects": readerRejects > 0, "Pos": pos,
			"FollowUp": literal(followUpReason), "HeaderLine": j.dialect.skip + 1})
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, 0, fmt.Errorf("record rejects: %w", err)
		}
	}
	return staged, invalid, nil
}

// countReaderRejects counts the records the CSV reader could not parse (a
// strict read has none).
func (j *job) countReaderRejects(ctx context.Context, tx *sql.Tx, n *int64) error {
	if !j.tolerant {
		return nil
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT line) FROM ingest_reject_errors`).Scan(n); err != nil {
		return fmt.Errorf("count reader rejects: %w", err)
	}
	return nil
}

// keyExprs returns the staged key columns (alias s) and the condition
// joining them to the warehouse table (alias e).
func keyExprs(t *table) (keyS, join string) {
	var s, j []string
	for _, k := range t.key {
		s = append(s, "s."+ident(k))
		j = append(j, "e."+ident(k)+" = s."+ident(k))
	}
	return strings.Join(s, ", "), strings.Join(j, " AND ")
}

// checkColumns makes sure every column the mapping names is in the file:
// else a missingColumnError names the first that is not.
func checkColumns(m *Mapping, header []string) error {
	h := headerSet(header)
	h[RecordColumn], h[ContentColumn] = true, true
	var e *missingColumnError
	found := 0
	for _, col := range m.columnsRead() {
		switch {
		case h[col]:
			found++
		case e == nil:
			e = &missingColumnError{column: col, header: header}
		}
	}
	if e == nil {
		return nil
	}
	e.found = found
	return e
}

// missingColumnError is a column a mapping reads that a file's header
// (on line line, when not the first) lacks; found is how many of the
// columns it reads the header has.
type missingColumnError struct {
	column string
	header []string
	line   int
	found  int
}

func (e *missingColumnError) Error() string {
	has := "it has"
	if e.line > 1 {
		has = fmt.Sprintf("its header, line %d, has", e.line)
	}
	return fmt.Sprintf("column %q is not in the file (%s: %s)", e.column, has, strings.Join(truncate(e.header, 12), ", "))
}

func detectFormat(path string, m *Mapping) string {
	if m != nil && m.Format != "" {
		return m.Format
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv", ".tab":
		return "tsv"
	case ".json":
		return "json"
	case ".ndjson", ".jsonl":
		return "ndjson"
	case ".parquet", ".pq":
		return "parquet"
	case ".xlsx", ".xlsm":
		return "xlsx"
	}
	return "csv"
}

// dialect is how a file is laid out beyond its format: a CSV's delimiter
// (empty: a comma, or a tab for tsv), and the key or JSON path of a JSON
// API response's array that holds the records (jsonRecordsKey; empty: the
// objects are the records).
type dialect struct {
	delim, records string
	// nested are the columns of a Parquet file of a nested type (a list,
	// a struct, a map), read as JSON text (parquetNested)
	nested []string
	// lenient: the CSV reader's strict mode cannot read the file at all
	// (its state machine fails on a carriage return alone inside an
	// unquoted value, as in tweets), so its records are read leniently:
	// quotes inside a value are dropped, and so are the fields past the
	// header's count, without a reject (see sourceExpr).
	lenient bool
	// skip is the number of lines above a CSV file's header (headerBelow)
	skip int
	// backslash: a backslash escapes a quote inside a quoted value (\"),
	// not a second quote (""); see sniffEscape
	backslash bool
}

// escapeChar is the CSV reader's escape character for the dialect.
func (d dialect) escapeChar() string {
	if d.backslash {
		return `\`
	}
	return `"`
}

// fieldDelim is the delimiter of a CSV or TSV file of the dialect.
func (d dialect) fieldDelim(format string) string {
	switch {
	case d.delim != "":
		return d.delim
	case format == "tsv":
		return "\t"
	}
	return ","
}

// fieldDelim is the delimiter of the job's CSV or TSV file, or "" when
// the lines above its header (dialect.skip) would make a count of its
// fields by line mislead (see sameLineEnds).
func (j *job) fieldDelim() string {
	if j.dialect.skip > 0 {
		return ""
	}
	return j.dialect.fieldDelim(j.format)
}

// jsonRecordsKey returns what selects the records of a JSON file whose
// first object is an API list response rather than a record: the key of
// its one member that is an array of objects ({"tickets": [...], "count":
// 2, "next_page": null}, as the Zendesk API pages), or, when it has none,
// the path of the one such array in its object members ($."hits"."hits"
// of a search engine's response: {"took": 3, "hits": {"total": ..., "hits":
// [...]}}, as the CFPB's search API answers). Neither the response nor
// the object holding the array may have any of the keys a record has (id,
// complaint_id, created_at, received_at): {"ticket": {"id": 1, "comments":
// [...]}} is one record. Otherwise "". The object is read as a stream of
// tokens, not whole: DuckDB sizes its read buffer by the largest object it
// may meet, and asked for a list response's size on every JSON file it ran
// out of memory on a 5 MB one. at is the offset of the array's '[' in the
// file when the response is the file's one value, else -1 (pages of a
// response, one a line).
func jsonRecordsKey(path string) (key string, at int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", -1, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	base := int64(0) // the decoder's offset 0 in the file
	if b, _ := r.Peek(3); string(b) == "\ufeff" {
		r.Discard(3) // a byte order mark
		base = 3
	}
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", -1, nil // an array, or not JSON: the reader says what is wrong
	}
	arrays, nested, record, err := scanMembers(dec, 1)
	if err != nil || record {
		return "", -1, nil
	}
	var found arrayAt
	switch {
	case len(arrays) == 1:
		found = arrays[0]
	case len(arrays) == 0 && len(nested) == 1:
		found = nested[0]
	default:
		return "", -1, nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return found.key, -1, nil // more than one value
	}
	return found.key, base + found.at, nil
}

// arrayAt is an array member of a JSON object: its key (or path), and the
// decoder's offset of its '['.
type arrayAt struct {
	key string
	at  int64
}

// scanMembers reads the members of the object whose '{' dec has just
// read, through its '}'. It returns the keys of the members that are
// arrays of objects, and, descending depth more levels into the members
// that are objects without a record's keys, the JSON paths of theirs;
// record tells whether the object has a record's keys.
func scanMembers(dec *json.Decoder, depth int) (arrays, nested []arrayAt, record bool, err error) {
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, false, err
		}
		key, _ := t.(string)
		switch key {
		case "id", "complaint_id", "created_at", "received_at":
			record = true
		}
		v, err := dec.Token()
		if err != nil {
			return nil, nil, false, err
		}
		at := dec.InputOffset() - 1 // of v's '[' (More skips the space after it)
		switch {
		case v == json.Delim('[') && dec.More():
			first, err := dec.Token()
			if err != nil {
				return nil, nil, false, err
			}
			if first == json.Delim('{') {
				arrays = append(arrays, arrayAt{key, at})
			}
			if err := skipJSON(dec, first); err != nil {
				return nil, nil, false, err
			}
			if err := skipJSON(dec, v); err != nil {
				return nil, nil, false, err
			}
		case v == json.Delim('{') && depth > 0:
			inner, _, rec, err := scanMembers(dec, depth-1)
			if err != nil {
				return nil, nil, false, err
			}
			if !rec && !strings.ContainsAny(key, `"\`) {
				for _, a := range inner {
					if !strings.ContainsAny(a.key, `"\`) {
						nested = append(nested, arrayAt{`$."` + key + `"."` + a.key + `"`, a.at})
					}
				}
			}
		default:
			if err := skipJSON(dec, v); err != nil {
				return nil, nil, false, err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, nil, false, err
	}
	return arrays, nested, record, nil
}

// skipJSON reads the rest of the value whose first token is t.
func skipJSON(dec *json.Decoder, t json.Token) error {
	if t != json.Delim('{') && t != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// parquetNested returns the columns of a Parquet file whose type is nested
// (a list, an array, a struct, a map or a union): they are read as JSON
// text, as the same values of a JSON file are, rather than as DuckDB
// prints them ("[a, b, c]" cannot tell the tags "a" and "b, c" from three).
func parquetNested(ctx context.Context, conn *sql.Conn, path string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1, hive_partitioning = false))`, path)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var nested []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		if strings.HasSuffix(typ, "]") || strings.HasPrefix(typ, "STRUCT(") || strings.HasPrefix(typ, "MAP(") || strings.HasPrefix(typ, "UNION(") {
			nested = append(nested, name)
		}
	}
	return nested, rows.Err()
}

// jsonObjects is the table expression of a JSON file's records, one column
// json: the file's objects, or the elements of their records array; a
// search hit's record is its _source. A list response is one object as
// large as its file: its read buffer is sized to the file (maxRecordBytes
// at least).
func jsonObjects(path, records string, p *params) string {
	var objects string
	if records == "" {
		objects = "read_json_objects(" + p.add(path) + ", format = 'auto', maximum_object_size = " + fmt.Sprint(maxRecordBytes) + ")"
	} else {
		size := int64(maxRecordBytes)
		if st, err := os.Stat(path); err == nil && st.Size()+1 > size {
			size = st.Size() + 1
		}
		objects = "(SELECT unnest(CAST(json -> " + literal(records) + " AS JSON[])) AS json FROM read_json_objects(" + p.add(path) +
			", format = 'auto', maximum_object_size = " + fmt.Sprint(size) + "))"
	}
	return "(SELECT coalesce(json -> '_source', json) AS json FROM " + objects + ")"
}

// jsonPath returns the JSON path of a header column that names a member
// of an object member ("via.channel": the root via is a column too), or ""
// for a column that is a key of the record itself.
func jsonPath(c string, header map[string]bool) string {
	root, _, ok := strings.Cut(c, ".")
	if !ok || !header[root] {
		return ""
	}
	segs := strings.Split(c, ".")
	for _, seg := range segs {
		if seg == "" || strings.ContainsAny(seg, "\"\\") {
			return ""
		}
	}
	return memberPath(segs)
}

// keyPath is the JSON path of the record's key c ($."Complaint ID"), or ""
// where c is empty or holds a quote or backslash. Read as a bare key
// (`json ->> 'c'`), a key beginning with "$" or "/" would be taken for a
// JSON path or pointer.
func keyPath(c string) string {
	if c == "" || strings.ContainsAny(c, "\"\\") {
		return ""
	}
	return memberPath([]string{c})
}

// memberPath is the JSON path of the member at segs below the root
// ($."via"."channel"); a segment holds no quote or backslash (jsonPath).
func memberPath(segs []string) string {
	return `$."` + strings.Join(segs, `"."`) + `"`
}

// withPaths adds to a JSON file's header the columns a mapping names that
// are members of an object column ("via.channel"), which the reader then
// reads by their path.
func withPaths(header []string, m *Mapping) []string {
	h := headerSet(header)
	for _, c := range m.columnsRead() {
		if !h[c] && jsonPath(c, h) != "" {
			header = append(header, c)
			h[c] = true
		}
	}
	return header
}

// firstLines says how many lines lineAt reads of the file: "21 lines",
// or "64 KB" when the file is longer.
func firstLines(path string) string {
	if st, err := os.Stat(path); err != nil || st.Size() > lineAtBytes {
		return "64 KB"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "64 KB"
	}
	n := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	if n == 1 {
		return "1 line"
	}
	return strconv.Itoa(n) + " lines"
}

// lineAtBytes is how much of a file lineAt reads: 64 KB.
const lineAtBytes = 64 << 10

// lineAt returns a file's line after the first skip (without its line
// break), read from its first 64 KB; ok is false when it has no such line
// there.
func lineAt(path string, skip int) (line []byte, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	buf := make([]byte, lineAtBytes)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, false, err
	}
	line = buf[:n]
	for ; skip > 0; skip-- {
		i := bytes.IndexByte(line, '\n')
		if i < 0 {
			return nil, false, nil
		}
		line = line[i+1:]
	}
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return bytes.TrimSuffix(line, []byte("\r")), true, nil
}

// delimiterOf returns the delimiter of a CSV header line: a comma if it
// has one outside quotes, else whichever of semicolon (spreadsheets saved
// where the comma is the decimal mark), tab or pipe it has most of, else a
// comma.
func delimiterOf(line []byte) string {
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch c {
		case '"':
			quoted = !quoted
		case ',', ';', '\t', '|':
			if !quoted {
				counts[c]++
			}
		}
	}
	if counts[','] > 0 {
		return ","
	}
	best := byte(',')
	for _, c := range []byte{';', '\t', '|'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return string(best)
}

// csvMode is how the CSV reader treats records it cannot parse.
type csvMode int

const (
	// csvStrict fails on the first. Only then does DuckDB's parallel reader
	// check where each thread's first record starts; ignoring errors, it
	// takes the first line break after the split point, which may be inside
	// a quoted multi-line field, and reads the rest of that field as an
	// extra record (5 such records in a 10M-row export).
	csvStrict csvMode = iota
	csvSkip           // skips them, reading in one thread
	csvStore          // keeps them in ingest_reject_errors, reading in one thread
)

// sourceExpr is the table expression that reads the file with all columns
// as text; mode and d apply to CSV files, and a strict read parses the
// column typed as typedAs (DATE by dateLayout, or TIMESTAMPTZ), then casts
// it back to text.
func sourceExpr(format string, d dialect, path string, header []string, mode csvMode, typed, typedAs, dateLayout string, p *params) string {
	switch format {
	case "json", "ndjson":
		h := headerSet(header)
		cols := make([]string, len(header))
		var paths []string
		for i, c := range header {
			path := jsonPath(c, h)
			if path == "" {
				path = keyPath(c)
			}
			if path == "" || strings.Contains(path, `."*"`) {
				// no path reads it alone (DuckDB takes "*" for every
				// member, and has no path for the empty key)
				cols[i] = "json ->> " + literal(c) + " AS " + ident(c)
				continue
			}
			paths = append(paths, literal(path))
			cols[i] = "_v[" + strconv.Itoa(len(paths)) + "] AS " + ident(c)
		}
		if len(cols) == 0 {
			cols = []string{"NULL AS json"}
		}
		return render("source_json.sql", map[string]string{
			"Objects": jsonObjects(path, d.records, p), "Columns": strings.Join(cols, ", "), "Paths": strings.Join(paths, ", ")})
	case "parquet":
		replace := make([]string, len(d.nested))
		for i, c := range d.nested {
			replace[i] = "to_json(" + ident(c) + ") AS " + ident(c)
		}
		return render("source_parquet.sql", map[string]string{"Path": p.add(path), "Replace": strings.Join(replace, ", ")})
	}
	delim := d.fieldDelim(format)
	types, dateFormat := "", ""
	if mode == csvStrict && typed != "" {
		types = literal(typed) + ": " + literal(typedAs)
		if typedAs == "DATE" {
			dateFormat = p.add(dateLayout)
		}
	}
	// Records are read in the reader's strict mode, which rejects one
	// with a field too many or too few, or with text after a value's
	// closing quote ("a" b). Its sniffer would give up on a file with a
	// few such records among its first 20,480 (the dialect is given, but
	// it still samples), so the columns are named from the header read
	// before (readHeader, which sniffs leniently, as do the reads of a
	// sample) and nothing is sniffed.
	columns, typesArg := "", ""
	if header != nil && !d.lenient {
		cols := make([]string, len(header))
		for i, h := range header {
			cols[i] = literal(h) + ": 'VARCHAR'"
			if h == typed && types != "" {
				cols[i] = types
			}
		}
		columns = "{" + strings.Join(cols, ", ") + "}"
	} else if types != "" {
		typesArg = "{" + types + "}"
	}
	src := render("source_csv.sql", map[string]any{
		"Path": p.add(path), "Delim": p.add(delim), "Escape": p.add(d.escapeChar()), "MaxLine": fmt.Sprint(csvMaxLine), "Buffer": fmt.Sprint(csvBufferBytes),
		"Store": mode == csvStore, "Skip": mode == csvSkip, "Types": typesArg, "DateFormat": dateFormat, "Columns": columns,
		"SkipLines": d.skip})
	if types != "" {
		src = "(SELECT * REPLACE (CAST(" + ident(typed) + " AS VARCHAR) AS " + ident(typed) + ") FROM " + src + ")"
	}
	return src
}

// errNoJSONFields is readHeader's error for a JSON file whose objects hold
// no member.
var errNoJSONFields = errors.New("no JSON objects with fields")

// readHeader returns the file's column names as DuckDB will read them.
func readHeader(ctx context.Context, conn *sql.Conn, path, format string, d dialect) ([]string, error) {
	var p params
	var q string
	if format == "json" || format == "ndjson" {
		q = `SELECT DISTINCT k FROM (SELECT unnest(json_keys(json)) AS k FROM ` + jsonObjects(path, d.records, &p) + `) ORDER BY k`
		header, err := queryColumn[string](ctx, conn, q, p.args...)
		if err != nil {
			return nil, err
		}
		if len(header) == 0 {
			return nil, errNoJSONFields
		}
		return header, nil
	}
	q = "SELECT * FROM " + sourceExpr(format, d, path, nil, csvSkip, "", "", "", &p) + " LIMIT 0"
	rows, err := conn.QueryContext(ctx, q, p.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

type hashResult struct {
	sum string
	err error
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func fileSHA256(path string, read *atomic.Int64) hashResult {
	lowerPriority()
	f, err := os.Open(path)
	if err != nil {
		return hashResult{err: err}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, countingReader{f, read}); err != nil {
		return hashResult{err: err}
	}
	return hashResult{sum: hex.EncodeToString(h.Sum(nil))}
}

// records is n records in words: "1 record", "2 records".
func records(n int) string { return quantity(n, "record", "records") }

// quantity is n things in words, one the word for one of them and many
// for more (or none): "1 complaint", "2 complaints". A count written with
// a fixed plural read "1 complaints updated" (an exploratory QA pass).
func quantity[N int | int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprint(n) + " " + many
}
