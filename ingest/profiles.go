package ingest

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cfpbDateLayouts covers the CFPB exports: ISO dates (today's CSV), the
// API's dates, the website's MM/DD/YY and the older M/D/YYYY. Two-digit
// years are tried first because %Y would read "16" as the year 16. The API
// writes a date as noon Eastern ("2016-09-12T12:00:00-05:00", which every
// record of the API failed to read): read as the date it stands for, as
// the CSV export gives it, not moved to 17:00 UTC; other times with an
// offset move to UTC.
var cfpbDateLayouts = strList{"%Y-%m-%d", "%Y-%m-%dT12:00:00-05:00", "%Y-%m-%dT12:00:00-04:00",
	"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%y", "%m/%d/%Y"}

// cfpbFields lists, for each canonical field, the CFPB column names that
// carry it in the current CSV, the snake_case layout and the API JSON.
var cfpbFields = []struct {
	fields []string
	names  []string
}{
	{[]string{"complaint_id"}, []string{"Complaint ID", "complaint_id"}},
	{[]string{"received_at"}, []string{"Date received", "date_received"}},
	{[]string{"product"}, []string{"Product", "product"}},
	{[]string{"sub_product"}, []string{"Sub-product", "sub_product"}},
	{[]string{"issue"}, []string{"Issue", "issue"}},
	{[]string{"sub_issue"}, []string{"Sub-issue", "sub_issue"}},
	{[]string{"narrative"}, []string{"Consumer complaint narrative", "consumer_complaint_narrative", "complaint_what_happened"}},
	{[]string{"company"}, []string{"Company", "company"}},
	{[]string{"region"}, []string{"State", "state"}},
	{[]string{"channel"}, []string{"Submitted via", "submitted_via"}},
	{[]string{"resolution", "status"}, []string{"Company response to consumer", "company_response_to_consumer", "company_response"}},
	{[]string{"timely"}, []string{"Timely response?", "timely_response", "timely"}},
	{[]string{"disputed"}, []string{"Consumer disputed?", "consumer_disputed?", "consumer_disputed"}},
}

// isCFPB reports whether a header is one of the CFPB layouts.
func isCFPB(header []string) bool {
	h := headerSet(header)
	return (h["Complaint ID"] && h["Date received"]) || (h["complaint_id"] && h["date_received"] && h["product"])
}

// cfpbMapping builds the CFPB mapping for the columns actually present.
// "Date sent to company" is the CFPB forwarding the complaint, not a
// response, so it stays in extra with the other unmapped columns.
func cfpbMapping(header []string) *Mapping {
	h := headerSet(header)
	m := &Mapping{
		Target:  "complaints",
		Source:  "cfpb",
		Columns: map[string]strList{},
		Dates:   map[string]strList{"received_at": cfpbDateLayouts},
		Values: map[string]map[string]string{
			"status":   {"in progress": "open", "*": "closed"},
			"disputed": {"n/a": ""},
		},
		name: "cfpb",
	}
	for _, f := range cfpbFields {
		for _, n := range f.names {
			if h[n] {
				m.Columns[n] = append(strList(nil), f.fields...)
				break
			}
		}
	}
	return m
}

// canonicalMapping maps every column named like a canonical field of the
// target to that field; the target is decided by the columns present.
// Names compare as canonName writes them: "Complaint_ID", "Received At"
// and "received-at" name the canonical fields too.
func canonicalMapping(header []string) (*Mapping, error) {
	col := map[string]string{} // canonical-style name -> the header's column (the first of that name)
	for _, c := range header {
		if n := canonName(c); col[n] == "" {
			col[n] = c
		}
	}
	h := func(name string) bool { return col[name] != "" }
	var target string
	switch {
	case h("complaint_id") && h("received_at"):
		target = "complaints"
	case h("response_id") || ((h("nps") || h("csat") || h("ces")) && !h("narrative")):
		target = "surveys"
	case h("customer_id") && (h("segment") || h("since") || h("churned_at")):
		target = "customers"
	default:
		return nil, fmt.Errorf("canonical profile: header has none of complaint_id+received_at, response_id/nps/csat, customer_id+segment/since/churned_at")
	}
	t := tables[target]
	m := &Mapping{Target: target, Columns: map[string]strList{}, name: "canonical"}
	for _, f := range t.fields {
		if h(f.name) {
			m.Columns[col[f.name]] = strList{f.name}
		}
	}
	// A closing state other than "closed" (Resolved, Solved, Done) is
	// closed, as the tickets profile reads it: the metrics take only
	// "closed" for closed, and read a canonical file's "Resolved" as open
	// (an exploratory QA pass: every such complaint in the backlog).
	if target == "complaints" && h("status") {
		m.Values = map[string]map[string]string{"status": ticketStatuses}
	}
	// A warehouse's export carries the load that wrote each row: which
	// run, and the hash of its content. Both are this warehouse's to set,
	// not data of the complaint.
	for _, c := range []string{"ingest_run_id", "row_hash"} {
		if h(c) {
			m.ignore = append(m.ignore, col[c])
		}
	}
	return m, nil
}

// canonName is a column name as the canonical profile compares it: lower
// case, trimmed, spaces and hyphens as underscores.
func canonName(c string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(c)))
}

// chooseMapping returns the mapping for a file: the mapping file if given,
// else the named profile, else the profile detected from the header.
func chooseMapping(profile string, mapping *Mapping, header []string) (*Mapping, string, error) {
	if mapping != nil {
		if profile != "" && profile != "generic" {
			return nil, "", fmt.Errorf("--mapping goes with the generic profile, not %q", profile)
		}
		return mapping, "generic", nil
	}
	switch profile {
	case "cfpb":
		if !isCFPB(header) {
			return nil, "", fmt.Errorf("profile cfpb: header has neither \"Complaint ID\"+\"Date received\" nor complaint_id+date_received+product")
		}
		return cfpbMapping(header), "cfpb", nil
	case "canonical":
		m, err := canonicalMapping(header)
		return m, "canonical", err
	case "intercom":
		h := headerSet(header)
		if !isIntercom(h) {
			return nil, "", fmt.Errorf("profile intercom: header has not the fields of its API's conversations (id, created_at, source, state, statistics, ...)")
		}
		return helpdeskMapping(profile, h), profile, nil
	case "zendesk", "freshdesk":
		h := headerSet(header)
		if profile == "zendesk" && isZendeskRating(h) {
			return zendeskRatingMapping(h), profile, nil
		}
		if profile == "freshdesk" && isFreshdeskRating(h) {
			return freshdeskRatingMapping(h), profile, nil
		}
		if profile == "zendesk" && !isZendesk(h) || profile == "freshdesk" && !isFreshdesk(h) {
			return nil, "", fmt.Errorf("profile %s: header has not the fields of its API's tickets (id, created_at, status, requester_id, ...); a CSV export of tickets loads with --profile tickets (or no --profile), one laid out otherwise with --mapping FILE", profile)
		}
		return helpdeskMapping(profile, h), profile, nil
	case "":
		// the exact layouts first; the survey profile's reading of column
		// names last (a canonical survey file is canonical: its source
		// column is kept)
		if isCFPB(header) {
			return cfpbMapping(header), "cfpb", nil
		}
		// A canonical file maps every required field. One that names a
		// single canonical column ("Response ID,Date,NPS,Comment") would
		// have every row rejected for the field it lacks: the profiles
		// that read names more loosely are asked first, and only when none
		// reads it is it loaded as canonical, its rows rejected naming
		// that field.
		canon, canonErr := canonicalMapping(header)
		if canonErr == nil && canon.missingRequired() == "" {
			return canon, "canonical", nil
		}
		if h := headerSet(header); isFreshdesk(h) {
			return helpdeskMapping("freshdesk", h), "freshdesk", nil
		} else if isIntercom(h) {
			return helpdeskMapping("intercom", h), "intercom", nil
		} else if isZendesk(h) {
			return helpdeskMapping("zendesk", h), "zendesk", nil
		} else if isZendeskRating(h) {
			return zendeskRatingMapping(h), "zendesk", nil
		} else if isFreshdeskRating(h) {
			return freshdeskRatingMapping(h), "freshdesk", nil
		}
		if m, err := ticketsMapping(header, false); err == nil {
			return m, "tickets", nil
		}
		m, err := surveyMapping(header, false)
		if err == nil {
			return m, "survey", nil
		}
		if errors.As(err, new(ambiguousScore)) {
			return nil, "", err
		}
		if canonErr == nil {
			return canon, "canonical", nil
		}
		if slices.ContainsFunc(header, func(h string) bool { return strings.ContainsFunc(h, isBinaryRune) }) {
			return nil, "", fmt.Errorf("not an export in text: its first line holds control characters (binary data, or a compressed file under another name?)")
		}
		return nil, "", fmt.Errorf("cannot tell the profile from the header (%s): name one with --profile, or give --mapping", strings.Join(truncate(header, 8), ", "))
	case "generic":
		return nil, "", fmt.Errorf("profile generic needs --mapping FILE")
	case "survey":
		m, err := surveyMapping(header, true)
		return m, "survey", err
	case "tickets":
		m, err := ticketsMapping(header, true)
		return m, "tickets", err
	case TicketRatings:
		h := headerSet(header)
		if isIntercom(h) {
			return intercomRatingMapping(), TicketRatings, nil
		}
		if isZendesk(h) && h["satisfaction_rating"] {
			return zendeskTicketRatingMapping(h), TicketRatings, nil
		}
		m, err := ticketRatingsMapping(header)
		return m, TicketRatings, err
	}
	return nil, "", unknownProfile(profile)
}

// Profiles are the profiles' names, as --profile takes them.
var Profiles = []string{"canonical", "cfpb", "zendesk", "freshdesk", "intercom", "tickets", TicketRatings, "survey", "generic"}

func unknownProfile(profile string) error {
	return fmt.Errorf("unknown profile %q (want %s or %s)", profile, strings.Join(Profiles[:len(Profiles)-1], ", "), Profiles[len(Profiles)-1])
}

func headerSet(header []string) map[string]bool {
	h := make(map[string]bool, len(header))
	for _, c := range header {
		h[c] = true
	}
	return h
}

// truncate returns the first n of names (column or file names from the
// input), "..." after them if there are more, each as a message shows it:
// quoted where it holds a control character, a byte that is not UTF-8 or a
// comma, and cut at 40 characters. A binary file given as a CSV had its
// "header" shown whole: 2,950 bytes of mojibake over 7 lines (QA pass P).
// A long name that begins as another shown does is cut in the middle,
// keeping what tells them apart (apartName).
func truncate(s []string, n int) []string {
	shown := s[:min(len(s), n)]
	out := make([]string, 0, len(shown)+1)
	for i, name := range shown {
		out = append(out, apartName(name, shown, i))
	}
	if len(s) > n {
		out = append(out, "...")
	}
	return out
}

// apartName is names[i] as a message shows it (shownName), but a name
// over 40 characters that shares its first 20 or more with another of
// names is shown by its first words, "...", and its words from where it
// differs from the name most like it: a form's columns of one question
// per service, "Please rate your satisfaction with our services: [Service
// Desk]", "... [Studio services]", were each shown "Please rate your
// satisfaction with our s..." (QA pass AO), now "Please rate your ...
// [Service Desk]".
func apartName(name string, names []string, i int) string {
	const head, most = 20, 40
	r := []rune(strings.ToValidUTF8(name, "\ufffd"))
	shared := 0 // the runes it shares with the name most like it
	for j, o := range names {
		if j != i {
			o := []rune(strings.ToValidUTF8(o, "\ufffd"))
			k := 0
			for k < min(len(r), len(o)) && r[k] == o[k] {
				k++
			}
			shared = max(shared, k)
		}
	}
	if len(r) <= most || shared < head || shared >= len(r) {
		return shownName(name)
	}
	// whole words: the first up to head, and from the start of the word
	// in which it differs
	start := shared
	for start > head && !unicode.IsSpace(r[start-1]) {
		start--
	}
	end := head
	for end > 0 && !unicode.IsSpace(r[end]) {
		end--
	}
	if end == 0 {
		end = head
	}
	tail := string(r[start:])
	if len(r)-start > most {
		tail = string(r[start:start+most]) + "..."
	}
	return strconv.QuoteToGraphic(strings.TrimSpace(string(r[:end])) + " ... " + strings.TrimSpace(tail))
}

// isBinaryRune reports a control character no header of text holds (a
// tab may separate its names).
func isBinaryRune(r rune) bool { return unicode.IsControl(r) && r != '\t' }

// shownName is a name from the input as a message shows it (truncate).
func shownName(name string) string {
	const most = 40
	plain := utf8.ValidString(name) && !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == ',' })
	if r := []rune(strings.ToValidUTF8(name, "\ufffd")); len(r) > most {
		name, plain = string(r[:most])+"...", false
	}
	if plain {
		return name
	}
	return strconv.QuoteToGraphic(strings.ToValidUTF8(name, "\ufffd"))
}

// quotedName is a column name quoted for a message: shownName's, which
// quotes the names it cuts or that are not plain already (quoting it
// again printed ""\""Product_renamed..."", a QA pass).
func quotedName(name string) string {
	if s := shownName(name); s != name {
		return s
	}
	return strconv.Quote(name)
}

// Helpdesk tickets as the Zendesk and Freshdesk APIs return them (one JSON
// object per ticket, alone, in an array or in a list response such as
// {"tickets": [...]}), by the fields their API references document. Their
// CSV exports are laid out by each account's settings and need a mapping.

// isZendesk: a Zendesk ticket (Tickets API: id, created_at, status,
// requester_id, and submitter_id or via).
func isZendesk(h map[string]bool) bool {
	return h["id"] && h["created_at"] && h["status"] && h["requester_id"] && (h["submitter_id"] || h["via"])
}

// isFreshdesk: a Freshdesk ticket (Tickets API v2: id, created_at, status,
// requester_id, and responder_id, fr_due_by or description_text).
func isFreshdesk(h map[string]bool) bool {
	return h["id"] && h["created_at"] && h["status"] && h["requester_id"] && (h["responder_id"] || h["fr_due_by"] || h["description_text"])
}

// isZendeskRating: a Zendesk satisfaction rating (Satisfaction Ratings
// API: id, score, ticket_id, requester_id, created_at), its tickets'
// customer satisfaction (CSAT) answers.
func isZendeskRating(h map[string]bool) bool {
	return h["id"] && h["score"] && h["ticket_id"] && h["requester_id"] && h["created_at"]
}

// zendeskRatingMapping reads Zendesk's satisfaction ratings as survey
// responses to the tickets they rate (the same source as the zendesk
// profile's tickets): a "good" rating is CSAT 5 and a "bad" one 1, the
// satisfied and the dissatisfied of CSAT's top-2-box share. A rating only
// offered, or not (score "offered", "unoffered"), is no answer: rejected
// with that reason, it stays counted. The reason given for a bad rating
// stays in extra.
func zendeskRatingMapping(h map[string]bool) *Mapping {
	return ratingMapping(h, "zendesk", "requester_id", "score", "comment", zendeskScores)
}

// zendeskTicketRatingMapping reads the satisfaction rating each Zendesk
// ticket carries (satisfaction_rating: score, comment and the rating's
// id) as a survey answer to it, as zendeskRatingMapping reads the
// Satisfaction Ratings API's: the response is keyed by the rating's id, so
// that a rating loaded from both files is one response. The ticket has no
// time of rating: its last update stands in (its creation when it has no
// updated_at). A ticket whose rating was only offered, or never, is
// rejected saying it was not rated.
func zendeskTicketRatingMapping(h map[string]bool) *Mapping {
	responded := "created_at"
	if h["updated_at"] {
		responded = "updated_at"
	}
	return &Mapping{Target: "surveys", Source: "zendesk", name: TicketRatings, Columns: map[string]strList{
		"satisfaction_rating.id": {"response_id"}, "id": {"complaint_id"}, "requester_id": {"customer_id"},
		responded: {"responded_at"}, "satisfaction_rating.score": {"csat"}, "satisfaction_rating.comment": {"comment"},
	},
		Values:  map[string]map[string]string{"csat": zendeskScores},
		Keep:    map[string][]string{"satisfaction_rating.score": slices.Sorted(maps.Keys(zendeskScores))},
		keepWhy: ": the ticket was not rated",
	}
}

// zendeskScores are Zendesk's satisfaction scores on CSAT's five points: a
// good rating 5, a bad one 1, the satisfied and the dissatisfied of CSAT's
// top-2-box share.
var zendeskScores = map[string]string{"good": "5", "good_with_comment": "5", "bad": "1", "bad_with_comment": "1"}

// ratingMapping reads a helpdesk's satisfaction ratings (id, ticket_id,
// created_at, the rater's column customer, the score's column score, the
// comment's column comment when the file has it) as survey answers to the
// tickets they rate, the score's values mapped to CSAT by scores; a
// record with another value is rejected as no answer.
func ratingMapping(h map[string]bool, source, customer, score, comment string, scores map[string]string) *Mapping {
	m := &Mapping{Target: "surveys", Source: source, name: source, Columns: map[string]strList{
		"id": {"response_id"}, "ticket_id": {"complaint_id"}, customer: {"customer_id"},
		"created_at": {"responded_at"}, score: {"csat"},
	},
		Values:  map[string]map[string]string{"csat": scores},
		Keep:    map[string][]string{score: slices.Sorted(maps.Keys(scores))}, // the values that are answers
		keepWhy: ": no answer to the survey",
	}
	if h[comment] {
		m.Columns[comment] = strList{"comment"}
	}
	return m
}

// isFreshdeskRating: a Freshdesk satisfaction rating (Satisfaction
// Ratings API v2: id, survey_id, ticket_id, user_id, ratings, created_at),
// its tickets' customer satisfaction answers.
func isFreshdeskRating(h map[string]bool) bool {
	return h["id"] && h["survey_id"] && h["ticket_id"] && h["user_id"] && h["ratings"] && h["created_at"]
}

// freshdeskRatingMapping reads Freshdesk's satisfaction ratings as survey
// answers to the tickets they rate, as Zendesk's: the survey's default
// question (ratings.default_question) is the CSAT, its other questions
// stay in extra with the rest. Freshdesk codes an answer on a scale of up
// to seven points, 103 (extremely happy) down to 100 (neutral) and -103
// (extremely unhappy), a classic survey using 103, 100 and -103 only; on
// CSAT's five points: 103 5, 102 and 101 4, 100 3, -101 and -102 2, -103
// 1, so that the satisfied (4 or 5, CSAT's share) are the happy answers.
func freshdeskRatingMapping(h map[string]bool) *Mapping {
	return ratingMapping(h, "freshdesk", "user_id", "ratings.default_question", "feedback",
		map[string]string{"103": "5", "102": "4", "101": "4", "100": "3", "-101": "2", "-102": "2", "-103": "1"})
}

// helpdeskFields maps each profile's ticket fields (a dot reads a member
// of an object field) to canonical fields; those absent from a file are
// left out. A ticket's subject, priority, type and tags stay in extra.
var helpdeskFields = map[string][][2]string{
	"zendesk": {
		{"id", "complaint_id"}, {"created_at", "received_at"}, {"description", "narrative"},
		{"status", "status"}, {"requester_id", "customer_id"}, {"assignee_id", "assignee"},
		{"group_id", "department"}, {"via.channel", "channel"},
		// the incremental export's metric set, when asked for
		{"metric_set.solved_at", "resolved_at"},
	},
	"freshdesk": {
		{"id", "complaint_id"}, {"created_at", "received_at"}, {"description_text", "narrative"},
		{"status", "status"}, {"requester_id", "customer_id"}, {"responder_id", "assignee"},
		{"group_id", "department"}, {"source", "channel"},
		// include=stats
		{"stats.first_responded_at", "first_response_at"}, {"stats.resolved_at", "resolved_at"},
	},
	// Intercom's conversations (REST API 2.x): times in seconds since 1970,
	// the customer's first message as HTML, state open, closed or snoozed
	// (kept as written: open and snoozed read as open); its last close is
	// its resolution time, and one closed and reopened (state open) reads
	// as open, whatever that time (metrics' compute.sql)
	"intercom": {
		{"id", "complaint_id"}, {"created_at", "received_at"}, {"source.body", "narrative"},
		{"state", "status"}, {"source.author.id", "customer_id"}, {"admin_assignee_id", "assignee"},
		{"team_assignee_id", "department"}, {"source.type", "channel"},
		{"statistics.first_admin_reply_at", "first_response_at"}, {"statistics.last_close_at", "resolved_at"},
		{"statistics.count_reopens", "reopened_count"},
	},
}

// helpdeskValues are the profiles' value maps: Zendesk's statuses (its
// incremental export's "deleted", a ticket deleted or marked as spam,
// closed: see ticketStatuses), and Freshdesk's numbered statuses (2 open,
// 3 pending, 4 resolved, 5 closed; higher numbers are an account's own,
// taken as open) and sources.
var helpdeskValues = map[string]map[string]map[string]string{
	"zendesk": {
		"status": {"new": "open", "open": "open", "pending": "open", "hold": "open", "solved": "closed", "closed": "closed", "deleted": "closed"},
	},
	"freshdesk": {
		"status": {"2": "open", "3": "open", "4": "closed", "5": "closed", "*": "open"},
		"channel": {"1": "email", "2": "portal", "3": "phone", "4": "forum", "5": "twitter", "6": "facebook",
			"7": "chat", "8": "mobihelp", "9": "feedback widget", "10": "outbound email", "11": "ecommerce", "12": "bot"},
	},
}

// helpdeskMapping builds a helpdesk profile's mapping for the fields a
// file has (h: its header; a member field when its object field is there).
func helpdeskMapping(profile string, h map[string]bool) *Mapping {
	m := &Mapping{Target: "complaints", Source: profile, Columns: map[string]strList{}, Values: helpdeskValues[profile], name: profile}
	for _, f := range helpdeskFields[profile] {
		root, _, _ := strings.Cut(f[0], ".")
		if h[root] {
			m.Columns[f[0]] = strList{f[1]}
		}
	}
	if profile == "freshdesk" && !h["description_text"] && h["description"] {
		m.Columns["description"] = strList{"narrative"} // HTML, when the plain text is not there
		m.stripHTML = []string{"narrative"}
	}
	if profile == "zendesk" && h["metric_set"] {
		// the metric set gives the first reply as minutes after creation
		// (calendar time), not as a time: it was not read, and Zendesk's
		// tickets had no first response
		m.Columns["metric_set.reply_time_in_minutes.calendar"] = strList{"first_response_at"}
		m.Elapsed = map[string]Elapsed{"first_response_at": {Since: "received_at", Unit: "minutes"}}
	}
	if profile == "zendesk" && h["satisfaction_rating"] {
		m.ratings = "satisfaction_rating.score" // loaded again by zendeskTicketRatingMapping
	}
	if profile == "intercom" {
		m.stripHTML = []string{"narrative"}
		m.Dates = map[string]strList{"received_at": {epochSeconds}, "first_response_at": {epochSeconds}, "resolved_at": {epochSeconds}}
		if h["conversation_rating"] {
			m.ratings = "conversation_rating.rating" // loaded again by intercomRatingMapping
		}
	}
	return m
}

// isIntercom: a conversation of Intercom's REST API (id, created_at,
// source, state, and its statistics, assignee or rating).
func isIntercom(h map[string]bool) bool {
	return h["id"] && h["created_at"] && h["source"] && h["state"] && (h["statistics"] || h["admin_assignee_id"] || h["conversation_rating"])
}

// intercomRatingMapping reads the ratings of Intercom's conversations (1 to
// 5, with the customer's remark) as survey answers to them, as the
// ticket-ratings profile reads a ticket export's; a conversation not rated
// is rejected saying so.
func intercomRatingMapping() *Mapping {
	return &Mapping{Target: "surveys", Source: "intercom", name: TicketRatings, Columns: map[string]strList{
		"id": {"response_id", "complaint_id"}, "conversation_rating.rating": {"csat"}, "conversation_rating.remark": {"comment"},
		"conversation_rating.created_at": {"responded_at"}, "conversation_rating.contact.id": {"customer_id"},
	},
		Dates:   map[string]strList{"responded_at": {epochSeconds}},
		Keep:    map[string][]string{"conversation_rating.rating": {"1", "2", "3", "4", "5"}},
		keepWhy: ": the conversation was not rated",
	}
}

// surveyColumns are, for each survey field, the column names that carry
// it, most telling first: a normalized name (lower case, runs of anything
// but letters and digits as one space) equal to one of exact, or else
// containing one of contains. loose names (a bare "rating", "score",
// "feedback") count only when the profile is named: detected from a
// header, they would take a review's star rating for CSAT, or a 0/1 flag
// named feedback for a comment.
var surveyColumns = []struct {
	field           string
	exact, contains []string
	loose           []string
	// words name the score as words of their own (scoreNamed): "CSAT
	// Billing", "NPS - Sales", a score of one service of several
	words []string
}{
	{"nps", []string{"nps score", "nps", "net promoter score", "likelihood to recommend", "recommend score"}, []string{"recommend"}, []string{"score"},
		[]string{"nps", "net promoter"}},
	// a review's stars (Google Play's "Star Rating", Trustpilot's "Review
	// Stars") are its CSAT on 1-5; a bare "rating" only when asked for
	{"csat", []string{"csat score", "csat", "satisfaction score", "customer satisfaction", "satisfaction", "star rating", "review stars", "stars"}, []string{"satisf"},
		[]string{"rating", "review rating"}, []string{"csat"}},
	{"ces", []string{"ces score", "ces", "customer effort score", "effort score"}, []string{"effort"}, nil, []string{"ces"}},
	// the time the answers were sent: SurveyMonkey's "End Date" (its
	// "Start Date" is when the form was opened), Qualtrics' RecordedDate,
	// Typeform's "Submit Date (UTC)", a review site's "Review Created (UTC)"
	{"responded_at", []string{"responded at", "response date", "submitted at", "submission date", "completed at", "date submitted", "customer response date",
		"recordeddate", "recorded date", "enddate", "end date", "submit date utc", "submit date", "review created utc", "review created", "review date", "created at", "timestamp", "date", "created", "submitted", "completed", "responded"}, []string{"date", "time"}, nil, nil},
	{"response_id", []string{"response id", "responseid", "respondent id", "survey response id", "id"}, nil, nil, nil},
	{"customer_id", []string{"customer id", "customer", "user id", "contact id", "email", "email address", "respondent email", "customer email",
		"recipientemail", "recipient email", "reviewer id", "reviewerid", "review consumer user id"}, nil, nil, nil},
	{"complaint_id", []string{"complaint id", "ticket id", "case id", "ticket"}, nil, nil, nil},
	{"comment", []string{"comment", "comments", "verbatim", "text", "feedback text", "open feedback", "reason",
		"review", "reviews", "review text", "review content", "review body", "verified reviews"}, commentParts, []string{"feedback"}, nil},
}

// commentParts are the parts of a name that make a column a comment: it
// is then not a score, whatever else it says ("Satisfaction comment"). The
// open questions of survey forms are asked so too ("What could we do
// better?", "Anything else you'd like to tell us?").
var commentParts = []string{"comment", "verbatim", "reason", "why", "do better", "anything else", "tell us", "suggestion"}

// normName is a column name as surveyColumns compare it.
func normName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// columnFinder finds a header's columns by their normalised names
// (normName), each column once: the survey and tickets profiles read
// columns so.
type columnFinder struct {
	norm []string
	// bare is, for a column named by a name and the scale its answers
	// are on (scaleIn: "CSAT (1-10)", "CES out of 5"), the normalised name
	// without the scale ("csat", "ces"); "" for any other column
	bare []string
	used map[int]bool // columns found already
}

func newColumnFinder(header []string) *columnFinder {
	cf := &columnFinder{norm: make([]string, len(header)), bare: make([]string, len(header)), used: map[int]bool{}}
	for i, c := range header {
		cf.norm[i] = normName(c)
		if _, _, ok := scaleIn(c); ok {
			if m := scaleSuffix.FindStringSubmatch(cf.norm[i]); m != nil {
				cf.bare[i] = m[1]
			}
		}
	}
	return cf
}

// scaleSuffix is a normalised name that ends with a scale (scaleRange's,
// normalised: "csat 1 10", "csat 1 to 10", "ces out of 7", "nps on a
// scale of 0 to 10"), the name before it its first group.
var scaleSuffix = regexp.MustCompile(`^(.+?)(?: on a scale of| on a scale| scale of| scale)? (?:[01](?: to)? (?:5|7|10|100)|out of (?:5|7|10|100))$`)

// findScore is find for a score's names (sameName), a column named by one
// of them and a scale ("CSAT (1-10)", "NPS 0-10", "CES out of 7") found
// too: before, "CSAT (1-10)" was no CSAT, and beside an NPS column its
// answers went into extra unread.
func (cf *columnFinder) findScore(names []string) int {
	for _, name := range names {
		for i, n := range cf.norm {
			if !cf.used[i] && (n == name || cf.bare[i] == name) {
				return i
			}
		}
	}
	return -1
}

// find returns the first column not yet used whose normalised name
// matches one of names (in their order), or -1.
func (cf *columnFinder) find(names []string, match func(n, name string) bool) int {
	for _, name := range names {
		for i, n := range cf.norm {
			if !cf.used[i] && match(n, name) {
				return i
			}
		}
	}
	return -1
}

// sameName is columnFinder.find's match of a name as it is.
func sameName(n, name string) bool { return n == name }

// surveyMapping builds the survey profile's mapping from column names: a
// score (NPS on 0-10, CSAT on 1-5 or CES on 1-7, as the canonical fields
// are, or a CSAT or CES on the scale its name gives) and the time of the
// response are required; an ID, customer, complaint and comment are
// taken when found, and an ID made of the response's content
// (ContentColumn) is the response ID otherwise.
// named: the profile was asked for (--profile survey), so loose names
// count too. Each column feeds one field.
func surveyMapping(header []string, named bool) (*Mapping, error) {
	cf := newColumnFinder(header)
	m := &Mapping{Target: "surveys", Source: "survey", Columns: map[string]strList{}, name: "survey"}
	// Qualtrics names its questions by number (Q1) and puts beside an NPS
	// question its group (Q1_NPS_GROUP: Promoter, Passive, Detractor)
	npsGroup := -1
	for _, n := range cf.norm {
		if q, ok := strings.CutSuffix(n, " nps group"); ok {
			if j := slices.Index(cf.norm, q); j >= 0 && npsGroup < 0 {
				npsGroup = j
			}
		}
	}
	for _, sc := range surveyColumns {
		find := func(names []string) int { return cf.find(names, sameName) }
		if isScore(sc.field) {
			find = cf.findScore
		}
		i := find(sc.exact)
		if sc.field == "nps" && i < 0 && npsGroup >= 0 && !cf.used[npsGroup] {
			i = npsGroup
		}
		if i < 0 && isScore(sc.field) {
			// a score found by a part of its name, or named with a
			// qualifier ("CSAT Billing"), must be the only column so
			// named: a form rating each service ("Please rate your
			// satisfaction with: [Service Desk]", "... [Account manager]";
			// "CSAT Billing", "CSAT Support") has one per service, and the
			// first would be a guess
			c := scoreCandidates(cf, sc.contains, sc.words)
			if len(c) > 1 {
				// up to 8 named, each told apart (truncate): the IT
				// survey's Service Desk is the sixth of eight
				names := make([]string, len(c))
				for k, at := range c {
					names[k] = header[at]
				}
				return nil, ambiguousScore{fmt.Sprintf("profile survey: %d columns could be the %s score (%s): give --mapping naming one",
					len(c), strings.ToUpper(sc.field), strings.Join(truncate(names, 8), "; "))}
			}
			if len(c) == 1 {
				i = c[0]
			}
		}
		if i < 0 {
			i = cf.find(sc.contains, strings.Contains)
		}
		if i < 0 && named {
			i = find(sc.loose)
		}
		if i >= 0 {
			cf.used[i] = true
			m.Columns[header[i]] = strList{sc.field}
		}
	}
	src := m.fieldSources()
	surveyID := src["response_id"] != "" && normName(src["response_id"]) != "id" // a response ID by name: no ticket has one
	if !named && !surveyID {
		// a ticket or complaint export with a satisfaction column is not a
		// survey file: detected, it would load into surveys unasked
		for _, n := range cf.norm {
			switch n {
			case "description", "narrative", "subject", "status", "issue", "complaint", "body", "message", "priority":
				return nil, fmt.Errorf("profile survey: column %q looks like a ticket's", n)
			}
		}
	}
	fields := map[string]bool{}
	for _, f := range m.Columns {
		fields[f[0]] = true
	}
	if !fields["nps"] && !fields["csat"] && !fields["ces"] || !fields["responded_at"] {
		return nil, fmt.Errorf("profile survey: no score column (NPS, CSAT or CES) and response date found among %s", strings.Join(truncate(header, 12), ", "))
	}
	if !fields["response_id"] {
		// Typeform names its response token "#"; else an ID made of the
		// response's content (a record number would make the next file's
		// record 1 replace this one's)
		if i := slices.Index(header, "#"); i >= 0 && !slices.Contains(header[i+1:], "#") {
			m.Columns["#"] = strList{"response_id"}
		} else {
			m.Columns[ContentColumn] = strList{"response_id"}
		}
	}
	// CSAT in words; "N/A" and the like no answer in any score, so that
	// a response's other scores load (an NPS of "N/A" rejected the
	// response, its CSAT with it)
	m.Values = map[string]map[string]string{}
	for _, score := range []string{"csat", "nps", "ces"} {
		if fields[score] {
			m.Values[score] = scoreValues(score, nil)
		}
	}
	// a CSAT or CES asked on another scale that its question names ("How
	// satisfied are you (0-10)?", "... on a scale of 1 to 7", "CSAT
	// (1-10)"): mapped onto the canonical one (valueExpr), its words not
	// (they are on CSAT's five points); an NPS is on 0-10 whatever its
	// name says ("NPS out of 10")
	for _, score := range []string{"csat", "ces"} {
		fd, _ := tables["surveys"].field(score)
		if lo, hi, ok := scaleIn(src[score]); ok && (lo != fd.min || hi != fd.max) {
			if m.Scales == nil {
				m.Scales = map[string][2]float64{}
			}
			m.Scales[score] = [2]float64{lo, hi}
		}
	}
	return m, nil
}

// scaleRange finds a scale written in a question ("(0-10)", "1 to 7",
// "1–10", "out of 10").
var scaleRange = regexp.MustCompile(`(?i)\b(0|1)\s*(?:-|–|—|to)\s*(5|7|10|100)\b|\bout of (5|7|10|100)\b`)

// scaleIn returns the scale a column name gives its answers, if any.
func scaleIn(name string) (lo, hi float64, ok bool) {
	m := scaleRange.FindStringSubmatch(name)
	switch {
	case m == nil:
		return 0, 0, false
	case m[3] != "": // out of N: 1 to N (0 to 10 for ten points is NPS's, asked as such)
		hi, _ = strconv.ParseFloat(m[3], 64)
		return 1, hi, true
	}
	lo, _ = strconv.ParseFloat(m[1], 64)
	hi, _ = strconv.ParseFloat(m[2], 64)
	return lo, hi, true
}

// The survey tools whose CSV exports have a header line below the one
// that names the fields (surveyToolExport).
const (
	qualtrics    = "Qualtrics"
	surveyMonkey = "SurveyMonkey"
)

// surveyToolLine names the line below a survey tool's header, which is
// read as record 1 and rejected so.
var surveyToolLine = map[string]string{
	qualtrics:    "the import IDs of a Qualtrics export (its third header line)",
	surveyMonkey: "the answer labels of a SurveyMonkey export (its second header line)",
}

// surveyToolExport tells a survey tool's export of several header lines
// from the CSV file path's first lines:
//   - Qualtrics: the questions' export tags (Q1, Q1_NPS_GROUP), their texts
//     ("How likely are you to recommend us?") and their import IDs
//     ({"ImportId":"QID1"}), which its third line starts with; the texts
//     are the header that names the fields;
//   - SurveyMonkey: the questions, then each answer's label ("Response",
//     "Open-Ended Response", a choice's text) under them and nothing under
//     the respondent's columns; the questions are the header.
//
// "" for any other file.
func surveyToolExport(path, delim string) (string, error) {
	third, ok, err := lineAt(path, 2)
	if err != nil || !ok {
		return "", err
	}
	if bytes.HasPrefix(third, []byte(`"{""ImportId"":`)) || bytes.HasPrefix(third, []byte(`{"ImportId":`)) {
		return qualtrics, nil
	}
	second, _, err := lineAt(path, 1)
	if err != nil {
		return "", err
	}
	if len(delim) != 1 {
		return "", nil
	}
	if bytes.HasPrefix(second, []byte(delim)) || bytes.HasPrefix(second, []byte(`""`+delim)) {
		r := csv.NewReader(bytes.NewReader(second))
		r.Comma = rune(delim[0])
		labels, err := r.Read()
		isLabel := func(l string) bool { return l == "Response" || l == "Open-Ended Response" }
		isNumber := func(l string) bool { _, err := strconv.ParseFloat(l, 64); return err == nil }
		if err == nil && slices.ContainsFunc(labels, isLabel) && !slices.ContainsFunc(labels, isNumber) {
			return surveyMonkey, nil
		}
	}
	return "", nil
}

// ambiguousScore is surveyMapping's error for a file with several
// columns that could be its score: a survey, but not one to guess at.
type ambiguousScore struct{ msg string }

func (e ambiguousScore) Error() string { return e.msg }

func isScore(field string) bool { return field == "nps" || field == "csat" || field == "ces" }

// scoreCandidates lists, by index, the columns not yet used whose
// normalised name contains one of parts or names the score by one of
// words with a qualifier (scoreNamed), leaving out those named like a
// comment (commentParts).
func scoreCandidates(cf *columnFinder, parts, words []string) []int {
	contains := func(n string, parts []string) bool {
		return slices.ContainsFunc(parts, func(p string) bool { return strings.Contains(n, p) })
	}
	var c []int
	for i, n := range cf.norm {
		// a question's group beside it ("How likely are you to recommend
		// us? - Group": Promoter, Passive, Detractor) is not another score
		group, isGroup := strings.CutSuffix(n, " group")
		if !cf.used[i] && !contains(n, commentParts) && (contains(n, parts) || scoreNamed(cmp.Or(cf.bare[i], n), words)) &&
			!(isGroup && slices.Contains(cf.norm, group)) {
			c = append(c, i)
		}
	}
	return c
}

// scoreNamed reports whether a normalised column name names a score by
// one of words (whole words: "csat", "nps", "net promoter") and something
// more that says which ("csat billing", "nps sales", "q3 ces"): a score of
// one service, or question, of a form's. A word that makes the column
// something else than the answers (its date, ID, group or category, as
// Promoter and Detractor are) makes it none.
func scoreNamed(n string, words []string) bool {
	padded := " " + n + " "
	found := false
	for _, w := range words {
		if strings.Contains(padded, " "+w+" ") {
			padded = strings.ReplaceAll(padded, " "+w+" ", " ")
			found = true
		}
	}
	if !found {
		return false
	}
	qualified := false
	for _, f := range strings.Fields(padded) {
		switch f {
		case "date", "time", "timestamp", "at", "on", "id", "group", "category", "segment", "type", "label", "class", "classification":
			return false
		case "score", "rating", "value", "result":
		default:
			qualified = true
		}
	}
	return qualified
}

// csatWords reads the common five-point satisfaction scales written in
// words (the labels of survey tools' exports: "Very satisfied" ..
// "Very dissatisfied", "Neither satisfied nor dissatisfied"), compared
// case-insensitively. Numbers pass as they are.
var csatWords = map[string]string{
	"very satisfied": "5", "extremely satisfied": "5", "completely satisfied": "5",
	"satisfied": "4", "somewhat satisfied": "4", "mostly satisfied": "4", "fairly satisfied": "4",
	"neutral": "3", "neither satisfied nor dissatisfied": "3", "neither satisfied or dissatisfied": "3",
	"dissatisfied": "2", "somewhat dissatisfied": "2", "mostly dissatisfied": "2", "fairly dissatisfied": "2", "unsatisfied": "2",
	"very dissatisfied": "1", "extremely dissatisfied": "1", "completely dissatisfied": "1", "very unsatisfied": "1",
}

// noScore are the answers of a survey's score column that are no score
// (null), in CSAT, NPS and CES alike: "N/A", "NA", "Not applicable", and
// "-", as a spreadsheet writes a cell left empty; noScoreAnswer those
// that say why too.
var noScore = map[string]string{"n/a": "", "na": "", "not applicable": "", "-": ""}

// noScoreAnswer matches (lower case) the answers of a score column that
// are N/A and say why, or what to do: "N/A do not use", "NA or Do Not Use"
// (the IT survey's, ../shared/data/it-csat-survey), "N/A - not used". A
// word that begins so is none ("Nah"), nor a text with a number.
const noScoreAnswer = `^(n/a|na|not applicable)[^a-z0-9][^0-9]*$`

// scoreValues returns vm, the value map of a survey's score field (nil:
// none), with the words the survey profile reads in it added where vm
// does not map them itself (its keys compared as valueMap compares them,
// in any case): CSAT's five points in words (csatWords) for csat, and
// for every score the answers that are no score (noScore), so that the
// response loads with its other scores. The survey profile's score
// fields and a mapping's read them so alike. A map with "*" (any other
// value) is returned as it is: its rule takes them.
func scoreValues(field string, vm map[string]string) map[string]string {
	if _, ok := vm["*"]; ok {
		return vm
	}
	out := make(map[string]string, len(vm)+len(csatWords)+len(noScore))
	named := map[string]bool{}
	for k, v := range vm {
		out[k], named[strings.ToLower(k)] = v, true
	}
	add := func(words map[string]string) {
		for k, v := range words {
			if !named[k] {
				out[k] = v
			}
		}
	}
	if field == "csat" {
		add(csatWords)
	}
	add(noScore)
	return out
}

// ticketColumns are, for each complaint field, the column names a helpdesk
// or case system's CSV export gives it (Zendesk's, Freshdesk's, ServiceNow's,
// Jira Service Management's, Salesforce's and HubSpot's name their columns
// so, each export's set chosen by the account), or a complaints register
// kept as a spreadsheet (the record complaint-handling guidance asks for:
// reference, date received, complainant, nature of the complaint, date
// acknowledged, final response date, outcome, redress), compared
// normalised (normName), most telling first. Only names that hold a time
// are taken for the times: a "First response time (in hrs)" is a duration,
// which would have every record rejected, nor a bare "Acknowledged", often
// a yes or no. The first name found feeds the field; each column feeds one
// field (but a register's outcome: see ticketsMapping).
var ticketColumns = []struct {
	field string
	names []string
}{
	{"complaint_id", []string{"ticket id", "ticket number", "ticket no", "ticket", "case number", "case id", "case no", "incident id",
		"incident number", "request id", "request number", "issue key", "complaint id", "complaint number", "complaint no", "complaint reference",
		"complaint ref", "case reference", "reference", "reference number", "reference no", "ref", "ref no", "number", "id"}},
	{"received_at", []string{"created at", "created time", "created datetime", "created date", "create date", "date created", "creation date", "created",
		"opened at", "opened datetime", "opened date", "date opened", "date time opened", "opened", "submitted at", "date submitted", "submitted",
		"received at", "date received", "received date", "received", "date of complaint", "complaint date", "reported at", "date reported",
		"logged at", "date logged", "date",
		// ServiceNow's lists ("Opened on"), Dynamics 365's and SAP's
		// views ("Created On")
		"opened on", "created on"}},
	{"narrative", []string{"description", "description text", "ticket description", "case description", "complaint description",
		"complaint details", "details of complaint", "complaint summary", "summary of complaint", "nature of complaint", "complaint text",
		"customer complaint", "complaint", "details", "problem description", "issue description", "body", "message", "first message", "comments", "comment"}},
	{"status", []string{"status", "ticket status", "case status", "complaint status", "state", "incident state"}},
	{"resolved_at", []string{"resolved at", "resolved time", "resolved datetime", "resolved date", "date resolved", "resolution date", "resolved",
		"solved at", "date solved", "solved", "closed at", "closed time", "closed datetime", "closed date", "close date", "date closed", "date time closed", "closed",
		"final response date", "date of final response", "final response sent",
		// ServiceNow's "Closure date", and the "... on" of the lists and
		// views that name the creation "Opened on" or "Created On" (a
		// bare "Closure" or "Closure time" may be a code or a duration:
		// not taken)
		"closure date", "closed on", "resolved on"}},
	{"first_response_at", []string{"first response at", "first responded at", "first reply at", "first response datetime", "first reply datetime", "first response date", "date first responded", "initial response time",
		"date acknowledged", "acknowledged date", "acknowledgement date", "acknowledgment date", "date of acknowledgement"}},
	{"customer_id", []string{"customer id", "customer email", "customer", "requester id", "requester email", "requester", "requester name",
		"contact id", "contact email", "contact", "contact name", "caller", "caller id", "reporter", "client id", "client", "email",
		"complainant", "complainant name", "customer name", "associated contact"}},
	{"assignee", []string{"assignee", "assignee name", "assignee user", "assigned to", "agent", "agent name", "owner", "case owner", "ticket owner", "responder",
		"complaint handler", "case handler", "handler"}},
	{"department", []string{"group", "assignment group", "assigned group", "team", "department", "queue", "business area", "business unit"}},
	{"channel", []string{"channel", "source", "ticket source", "case origin", "origin", "via", "received via", "submitted via", "contact method", "contact type",
		"how received", "method of receipt"}},
	{"product", []string{"product", "product name", "product category"}},
	{"issue", []string{"category", "issue type", "ticket type", "case type", "case reason", "complaint type", "complaint category", "type", "issue", "topic"}},
	{"resolution", []string{"resolution", "resolution notes", "close notes", "resolution code", "outcome", "final outcome", "complaint outcome"}},
	{"upheld", []string{"upheld", "complaint upheld"}},
	{"compensation_amount", []string{"compensation", "compensation amount", "compensation paid", "redress", "redress paid", "redress amount"}},
	// Zendesk's "Reopens", ServiceNow's reopen_count (a bare "Reopened" is
	// often yes or no, and stays in extra)
	{"reopened_count", []string{"reopens", "reopen count", "reopened count", "times reopened", "number of reopens"}},
}

// channelWords are the ways a helpdesk names the channel a ticket came
// by, lower case.
var channelWords = []string{"email", "e-mail", "mail", "chat", "live chat", "phone", "call", "voice", "voicemail", "web", "web form", "webform",
	"portal", "form", "sms", "text", "social", "twitter", "facebook", "instagram", "whatsapp", "messenger", "walk-in", "in person", "letter",
	"post", "api", "mobile", "app", "beacon", "widget"}

// typeSample is how many of a type column's values typeAsChannel reads.
const typeSample = 2000

// typeAsChannel returns m, or when the tickets profile read a column named
// "Type" as the issue while no column gives the channel, and every one of
// its first values is a channel word (Help Scout's export: email, chat,
// phone), a copy of m reading that column as the channel. A ticket type
// elsewhere (Zendesk's question, incident, problem, task) stays the issue.
func typeAsChannel(ctx context.Context, conn *sql.Conn, j *job, m *Mapping, log *slog.Logger) (*Mapping, error) {
	src := m.fieldSources()
	col := src["issue"]
	if col == "" || src["channel"] != "" || normName(col) != "type" || len(m.Columns[col]) != 1 {
		return m, nil
	}
	var p params
	words := make([]string, len(channelWords))
	for i, w := range channelWords {
		words[i] = literal(w)
	}
	q := `SELECT count(*), count(*) FILTER (WHERE lower(v) IN (` + strings.Join(words, ", ") + `)) FROM ` + j.sampleOf(col, typeSample, &p)
	var n, channels int64
	if err := conn.QueryRowContext(ctx, q, p.args...).Scan(&n, &channels); err != nil {
		return nil, fmt.Errorf("values of %s: %w", col, err)
	}
	if n == 0 || channels < n {
		return m, nil
	}
	cp := *m
	cp.Columns = maps.Clone(m.Columns)
	cp.Columns[col] = strList{"channel"}
	log.Info("a type column whose values are channels read as the channel", "file", j.path, "column", col)
	return &cp, nil
}

// unitlessDurations returns m, or when the tickets profile found a column
// named as a duration with no unit (Mapping.unitless) whose sampled values
// are times (dateFamilyOf reads them as dates, as inferDates does: ISO
// 8601, a layout of dateFamilies, seconds or milliseconds since 1970), a
// copy of m reading it as the field's time; the name says nothing of
// which ("First response time" holding 2024-02-05 10:00:00, which stayed
// in extra, every ticket without a first response). A spreadsheet's
// serial dates are no evidence: five digits are as likely a duration in
// seconds. unread lists the columns whose values are not times (a
// duration whose unit nobody can tell): they stay in extra, and the run
// warns of each (Result.Unitless). A column with no value is neither.
func unitlessDurations(ctx context.Context, conn *sql.Conn, j *job, m *Mapping, log *slog.Logger) (out *Mapping, unread []string, err error) {
	out = m
	for _, f := range slices.Sorted(maps.Keys(m.unitless)) {
		col := m.unitless[f]
		var p params
		var some bool
		if err := conn.QueryRowContext(ctx, `SELECT count(*) > 0 FROM `+j.sampleOf(col, 1, &p), p.args...).Scan(&some); err != nil {
			return nil, nil, fmt.Errorf("values of %s: %w", col, err)
		}
		if !some {
			continue
		}
		fit, err := dateFamilyOf(ctx, conn, j, col)
		if err != nil {
			return nil, nil, fmt.Errorf("values of %s: %w", col, err)
		}
		// (no family nor layouts read: ISO 8601 already)
		times := len(fit.families) > 0 || fit.epoch == epochSeconds || fit.epoch == epochMillis || fit.epoch == "" && fit.read == nil
		if !times {
			unread = append(unread, col)
			log.Warn(unitlessWarning(col), "file", j.path, "column", col)
			continue
		}
		if out == m {
			cp := *m
			cp.Columns = maps.Clone(m.Columns)
			out = &cp
		}
		out.Columns[col] = strList{f}
		log.Info("a column named as a duration with no unit holds times: read as such", "file", j.path, "column", col, "field", f)
	}
	return out, unread, nil
}

// unitlessWarning says that column col, named as a duration with no unit,
// was left in extra (see unitlessDurations).
func unitlessWarning(col string) string {
	return fmt.Sprintf("column %q is named as a duration with no unit and its values are not times: left in extra "+
		"(a mapping's elapsed gives its unit)", col)
}

// ticketDurations are the names of the columns that give a ticket's first
// response and resolution as a duration after it was created, in the unit
// their name ends with (findDuration): Zendesk's "First reply time in
// minutes" and "Full resolution time in minutes" (its "First resolution"
// is the first of several; "... within business hours" counts office hours
// alone, and is not read), Freshdesk's "First response time (in hrs)" and
// "Resolution time (in hrs)". A column of one of these names alone, no
// unit after it, may hold times as well (unitlessDurations).
var ticketDurations = map[string][]string{
	"first_response_at": {"first reply time", "first response time", "time to first reply", "time to first response"},
	"resolved_at":       {"full resolution time", "resolution time", "time to resolution", "time to resolve"},
}

// durationUnits are the words that end a duration column's name, and the
// unit each is (Elapsed.Unit).
var durationUnits = map[string]string{"seconds": "seconds", "secs": "seconds", "minutes": "minutes", "mins": "minutes",
	"hours": "hours", "hrs": "hours", "days": "days"}

// findDuration returns the first column not yet used named one of names
// followed by a unit, "in" between or not ("first reply time in minutes",
// "first response time (in hrs)", "resolution time hours"), and the unit;
// -1 when there is none.
func (cf *columnFinder) findDuration(names []string) (int, string) {
	for _, name := range names {
		for i, n := range cf.norm {
			rest, ok := strings.CutPrefix(n, name+" ")
			if cf.used[i] || !ok {
				continue
			}
			if unit, ok := durationUnits[strings.TrimPrefix(rest, "in ")]; ok {
				return i, unit
			}
		}
	}
	return -1, ""
}

// ticketSubject are the names of a ticket's one-line summary: its
// narrative when the export has no description (Zendesk's CSV export has
// none); otherwise it stays in extra.
var ticketSubject = []string{"subject", "summary", "short description", "title", "ticket name", "case subject"}

// ticketSigns are fields only a ticket or case export has, of which
// detection asks for two beside the ID, date and text: a file with an ID,
// a date and a comment may be a survey or a review.
var ticketSigns = []string{"status", "assignee", "department", "channel", "resolved_at", "first_response_at", "resolution", "upheld", "compensation_amount"}

// ticketStatuses maps the closing states of helpdesk and case systems to
// "closed", as the metrics read it; any other status (New, Open, Pending,
// On hold, In progress) is kept as written, and read as open.
//
// A ticket deleted, or marked as spam, is closed too, as a cancelled one
// is: the helpdesk handles it no more, and kept as written it read as
// open, in the backlog and its ageing for good (QA pass). The only closed
// state the schema has is the metrics' resolved one, so it counts as
// resolved without a time, as a cancelled ticket does; a reject would
// keep it out of the counts, but a ticket loaded open and deleted since
// (Zendesk's incremental export gives it again, "deleted") would then stay
// open: the update is what empties the backlog.
var ticketStatuses = map[string]string{
	"solved": "closed", "resolved": "closed", "done": "closed", "completed": "closed", "complete": "closed",
	"cancelled": "closed", "canceled": "closed", "closed - resolved": "closed", "closed resolved": "closed",
	"deleted": "closed", "spam": "closed",
}

// ticketsMapping builds the tickets profile's mapping from column names:
// a helpdesk or case system's CSV export of tickets as complaints. The ID,
// the time created and a description (or, failing one, the subject) are
// required, and when detected (not named: --profile tickets) two columns
// that only tickets have (ticketSigns) too. A column named "priority"
// stays in extra with the rest.
func ticketsMapping(header []string, named bool) (*Mapping, error) {
	cf := newColumnFinder(header)
	m := &Mapping{Target: "complaints", Source: "tickets", Columns: map[string]strList{}, name: "tickets",
		Values: map[string]map[string]string{"status": ticketStatuses}}
	fields := map[string]bool{}
	for _, tc := range ticketColumns {
		if i := cf.find(tc.names, sameName); i >= 0 {
			cf.used[i], fields[tc.field] = true, true
			m.Columns[header[i]] = strList{tc.field}
		}
	}
	// with no time of the first response or resolution, the duration
	// after creation that Zendesk's and Freshdesk's exports give instead
	for _, f := range []string{"first_response_at", "resolved_at"} {
		if fields[f] {
			continue
		}
		if i, unit := cf.findDuration(ticketDurations[f]); i >= 0 {
			cf.used[i], fields[f] = true, true
			m.Columns[header[i]] = strList{f}
			if m.Elapsed == nil {
				m.Elapsed = map[string]Elapsed{}
			}
			m.Elapsed[f] = Elapsed{Since: "received_at", Unit: unit}
			continue
		}
		// the name alone: a time or a duration, which the values tell
		// (unitlessDurations)
		if i := cf.find(ticketDurations[f], sameName); i >= 0 {
			cf.used[i] = true
			if m.unitless == nil {
				m.unitless = map[string]string{}
			}
			m.unitless[f] = header[i]
		}
	}
	if !fields["narrative"] {
		if i := cf.find(ticketSubject, sameName); i >= 0 {
			cf.used[i], fields["narrative"] = true, true
			m.Columns[header[i]] = strList{"narrative"}
		}
	}
	var missing []string
	for _, f := range []string{"complaint_id", "received_at", "narrative"} {
		if !fields[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("profile tickets: no column for %s among %s", strings.Join(missing, ", "), strings.Join(truncate(header, 12), ", "))
	}
	if !named {
		signs := 0
		for _, f := range ticketSigns {
			if fields[f] {
				signs++
			}
		}
		// a register kept by hand says what its records are: its text
		// column ("Nature of Complaint") and its complainant are signs
		// too (an ID named "Complaint Reference" is not: a survey of
		// complainants has one)
		for c, f := range m.Columns {
			if (f[0] == "narrative" || f[0] == "customer_id") && strings.Contains(normName(c), "complain") {
				signs++
			}
		}
		if signs < 2 {
			return nil, fmt.Errorf("profile tickets: fewer than two of a ticket's columns (%s)", strings.Join(ticketSigns, ", "))
		}
	}
	if i := cf.find(ticketRatingNames, sameName); i >= 0 {
		m.ratings = header[i] // kept in extra too
	}
	// a register's outcome says whether the complaint was upheld too
	for c, f := range m.Columns {
		if f[0] == "resolution" && !fields["upheld"] && slices.Contains(outcomeNames, normName(c)) {
			m.Columns[c] = strList{"resolution", "upheld"}
			m.Values["upheld"] = outcomeUpheld
		}
	}
	return m, nil
}

// outcomeNames are the names of a complaints register's outcome column,
// whose values (outcomeUpheld) say whether the complaint was upheld.
var outcomeNames = []string{"outcome", "final outcome", "complaint outcome"}

// outcomeUpheld reads a register's outcome as upheld or not: upheld in
// part counts as upheld, as the UK regulator's complaints return counts
// it; any other outcome (withdrawn, referred, ...) says nothing of it.
var outcomeUpheld = map[string]string{
	"upheld": "true", "partially upheld": "true", "partly upheld": "true", "upheld in part": "true", "upheld in full": "true",
	"fully upheld": "true", "not upheld": "false", "rejected": "false", "*": "",
}

// TicketRatings is the profile that reads a ticket export's satisfaction
// ratings (the column Mapping.Ratings names) as survey answers; ingest
// names it for the file's second load (see Result.Ratings), never detects
// it.
const TicketRatings = "ticket-ratings"

// ticketRatingNames are the names of a ticket export's satisfaction rating
// column (Zendesk's "Satisfaction Score": Good, Bad, Offered, Unoffered;
// Zoho Desk's "Happiness Rating": Good, Okay, Bad), compared normalised.
var ticketRatingNames = []string{"satisfaction score", "satisfaction rating", "csat", "csat score", "customer satisfaction",
	"customer satisfaction rating", "satisfaction", "survey results", "survey result", "happiness rating"}

// ticketRatingValues are the ratings of a ticket export that are answers,
// on CSAT's five points: Zendesk's good (5) and bad (1), as its ratings
// API reads them (zendeskRatingMapping), the five-point scale in words
// (csatWords) and in numbers. Any other value (Offered, Unoffered, none)
// is no answer.
var ticketRatingValues = func() map[string]string {
	v := map[string]string{"good": "5", "good with comment": "5", "good_with_comment": "5",
		"bad": "1", "bad with comment": "1", "bad_with_comment": "1", "1": "1", "2": "2", "3": "3", "4": "4", "5": "5",
		// Freshdesk's survey results, as its ratings API maps them
		// (freshdeskRatingMapping): seven points, a classic survey's three
		"extremely happy": "5", "very happy": "4", "happy": "4", "unhappy": "2", "very unhappy": "2", "extremely unhappy": "1",
		"awesome": "5", "not good": "1",
		// Zoho Desk's happiness ratings: good, okay, bad
		"okay": "3"}
	maps.Copy(v, csatWords)
	return v
}()

// ticketRatingsMapping reads the satisfaction ratings of a ticket export
// (the columns the tickets profile finds, and its rating column) as survey
// answers: one per rated ticket, its ID the ticket's (response and
// complaint alike, of the tickets' source), from the ticket's customer,
// dated when the ticket was resolved (the survey follows the resolution;
// the export has no time of the answer), or created when it has no
// resolution column. A ticket not rated is rejected as no answer, so that
// every row of the file stays counted in this load as in the tickets'.
func ticketRatingsMapping(header []string) (*Mapping, error) {
	t, err := ticketsMapping(header, true)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", TicketRatings, err)
	}
	if t.ratings == "" {
		return nil, fmt.Errorf("profile %s: no satisfaction rating column (%s) among %s", TicketRatings,
			strings.Join(ticketRatingNames, ", "), strings.Join(truncate(header, 12), ", "))
	}
	m := &Mapping{Target: "surveys", Source: t.Source, name: TicketRatings, Columns: map[string]strList{t.ratings: {"csat"}},
		Values:  map[string]map[string]string{"csat": ticketRatingValues},
		Keep:    map[string][]string{t.ratings: slices.Sorted(maps.Keys(ticketRatingValues))},
		keepWhy: ": the ticket was not rated"}
	src := t.fieldSources()
	m.Columns[src["complaint_id"]] = strList{"response_id", "complaint_id"}
	if c := src["customer_id"]; c != "" {
		m.Columns[c] = strList{"customer_id"}
	}
	resolved := src["resolved_at"]
	if e, ok := t.Elapsed["resolved_at"]; ok {
		// a duration after creation, not a time: the creation plus it
		// (QA pass Y: a rating was dated at its ticket's creation)
		m.after = map[string]durationColumn{"responded_at": {column: resolved, unit: e.Unit}}
		resolved = ""
	}
	// A rating is dated at its ticket's solve, else (a ticket rated and
	// not solved, or reopened) at its creation: a rated ticket without a
	// solve time was rejected as "responded_at: missing", and every
	// rating landed in service recovery's "resolved" group (QA pass K).
	m.Columns[cmp.Or(resolved, src["received_at"])] = strList{"responded_at"}
	if resolved != "" && src["received_at"] != "" {
		m.fallback = map[string]string{"responded_at": src["received_at"]}
	}
	return m, nil
}
