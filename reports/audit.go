package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics"
)

// audit is the report for auditors of the complaint process. Every figure,
// and each count shown as a link, links to a CSV of the complaint IDs
// behind it; the subtitle says which counts do not, and why.
func (r *run) audit(ctx context.Context) (*page, error) {
	p := &page{
		File:     "audit.html",
		Title:    "Complaint process audit",
		Subtitle: fmt.Sprintf("Report date %s. Acknowledgement target %s, resolution target %s days. %s", r.asOfText(), r.ackTarget(), r.resTarget(), linksNote),
	}
	if r.empty {
		// No complaint to audit: what was loaded (surveys, rejects) is.
		lineage, err := r.lineageSection(ctx)
		if err != nil {
			return nil, err
		}
		p.Sections = append(p.Sections, section{ID: "summary", Title: "Summary",
			Unavailable: "No complaints received on or before the report date: there is no complaint handling to audit. The files loaded and the records rejected are listed below."},
			lineage)
		return p, nil
	}
	// the scope as the audit judges it against the targets, every
	// complaint counted in each target's row (audit_judged.sql)
	if err := r.judged(ctx, "rpt_audited", "rpt_complaints"); err != nil {
		return nil, err
	}
	// the missed acknowledgements with when each was acknowledged, which
	// the summary splits into late and not acknowledged
	if _, err := r.conn.ExecContext(ctx, query("audit_ack_missed"), r.cutoff); err != nil {
		return nil, fmt.Errorf("audit_ack_missed: %w", err)
	}
	sum, err := r.rows(ctx, "audit_summary")
	if err != nil {
		return nil, err
	}
	// the figures of every source; sum.rows are each source's
	pooled := pooledRow(sum)
	get := func(name string) any { return pooled[sum.col(name)] }

	// The ID lists, one per headline figure, with the predicate of the
	// figure in audit_summary.sql.
	type list struct{ name, where string }
	lists := []list{
		{"audit-all", "true"},
		{"audit-res-missed", "res_eligible AND NOT res_met"},
		{"audit-sla-missed", "tracks_res AND (ack_met IS FALSE OR res_met IS FALSE)"},
		{"audit-open", "is_open"},
		{"audit-status-unknown", "is_open IS NULL AND NOT closed_later"},
		{"audit-closed-undated", "closed_undated AND tracks_res"},
		{"audit-closed-later", "closed_later"},
		{"audit-time-before-receipt", "time_before_receipt"},
		{"audit-untracked-open-past-target", "NOT tracks_res AND open_past_res"},
		{"audit-untimely", "NOT timely"},
		{"audit-disputed", "disputed"},
		{"audit-reopened", "reopened"},
		{"audit-legal", "legal_threat"},
		{"audit-urgent", "urgent"},
		{"audit-urgent-open", "urgent AND is_open"},
		{"audit-urgent-ack-missed", "urgent AND ack_eligible AND NOT ack_met"},
		{"audit-age-1", "age_bucket = 1"},
		{"audit-age-2", "age_bucket = 2"},
		{"audit-age-3", "age_bucket = 3"},
		{"audit-missing-type", "NOT has_type" + ofRecording("type")},
		{"audit-missing-customer", "NOT has_customer" + ofRecording("customer")},
		{"audit-missing-date", "NOT has_date"},
		{"audit-missing-details", "NOT has_details" + ofRecording("details")},
		{"audit-missing-resolution", "closed AND NOT has_resolution" + ofRecording("resolution")},
		{"audit-missing-resolution-date", "res_untimed"},
		{"audit-missing-assignee", "NOT has_assignee" + ofRecording("assignee")},
		{"audit-missing-department", "NOT has_department" + ofRecording("department")},
		{"audit-missing-owner", "NOT has_owner"},
		{"audit-default-owner", "default_owner"},
		{"audit-routing-unknown", "routing_unknown"},
	}
	// lists of figures shown only when they count some complaint: no
	// empty list of them is written
	optional := map[string]bool{"audit-default-owner": true, "audit-routing-unknown": true}
	// what each source records of the fields the completeness table
	// counts, which its lists of the missing read (ofRecording) from the
	// sorted copy below
	if _, err := r.conn.ExecContext(ctx, query("audit_recorded")); err != nil {
		return nil, fmt.Errorf("audit_recorded: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, query("audit_completeness_rows")); err != nil {
		return nil, fmt.Errorf("audit_completeness_rows: %w", err)
	}
	// Several lists hold most complaints: cut them all from one copy of
	// their columns sorted once.
	t0 := time.Now()
	if err := r.auditCopy(ctx); err != nil {
		return nil, err
	}
	r.opt.Log.Debug("report step", "step", "audit: sorted copy", "seconds", since(t0))
	t0 = time.Now()
	// A list of every complaint (of a CFPB export: untracked, no customer
	// ID) is audit-all again: a hard link to it, not another copy (250 MB
	// each on 10M complaints). One scan counts every list.
	// The same scan counts the complaints classify did not screen for the
	// flags, by reason (screenReasons), after the lists.
	counts := make([]string, 0, len(lists)+len(screenReasons))
	for _, l := range lists {
		counts = append(counts, "count(*) FILTER (WHERE "+l.where+")")
	}
	for _, sr := range screenReasons {
		counts = append(counts, "count(*) FILTER (WHERE "+sr.where+")")
	}
	n := make([]int64, len(counts))
	dest := make([]any, len(counts))
	for i := range n {
		dest[i] = &n[i]
	}
	if err := r.conn.QueryRowContext(ctx, `SELECT `+strings.Join(counts, ", ")+` FROM rpt_audit`).Scan(dest...); err != nil {
		return nil, fmt.Errorf("ids: count the audit lists: %w", err)
	}
	r.opt.Log.Debug("report step", "step", "audit: list sizes", "seconds", since(t0))
	t0 = time.Now()
	href := map[string]string{}
	// each list's size by its link: a figure whose list is empty links
	// nothing (unlinkEmpty)
	listed := map[string]int64{}
	for i, l := range lists {
		var h string
		var err error
		switch {
		case n[i] == 0 && optional[l.name]:
			continue
		case n[i] == 0:
			h, err = r.emptyList(l.name)
		case i > 0 && n[i] == n[0]:
			h, err = r.sameList(lists[0].name, l.name)
		default:
			h, _, err = r.idListFrom(ctx, "rpt_audit", l.name, nil, l.where)
		}
		if err != nil {
			return nil, err
		}
		href[l.name], listed[h] = h, n[i]
	}
	r.opt.Log.Debug("report step", "step", "audit: lists", "seconds", since(t0))
	// The complaints classify did not screen for the flags (its text not
	// in English, of no words, no narrative, not classified yet), with
	// why: the legal-threat and urgency sections count them apart, never
	// as not flagged, each linking a list of its own (the same file).
	var nUnscreened int64
	unscreenedOf := map[string]int64{}
	for i, sr := range screenReasons {
		k := n[len(lists)+i]
		unscreenedOf[sr.why] = k
		nUnscreened += k
	}
	unscreenedWhy := screenedReasons(unscreenedOf)
	if href["audit-legal-not-screened"], _, err = r.idListFrom(ctx, "rpt_audit", "audit-legal-not-screened", []string{notScreenedWhy + " AS why"}, "NOT screened"); err != nil {
		return nil, err
	}
	if href["audit-urgent-not-screened"], err = r.sameList("audit-legal-not-screened", "audit-urgent-not-screened"); err != nil {
		return nil, err
	}
	unscreened := func(list, what string) []figure {
		if nUnscreened == 0 {
			return nil
		}
		return []figure{{Label: noun(nUnscreened, "complaint not screened for ", "complaints not screened for ") + what, Value: thousands(nUnscreened),
			Href: href[list], Note: unscreenedWhy + "; " + screenedNote}}
	}
	// Every complaint due for a target, with whether it met it: the lists
	// behind the "due" and "met" counts; and those that missed the
	// acknowledgement target, with when they were acknowledged, all of
	// them and either part (rpt_ack_missed).
	for _, l := range []struct{ from, name, extra, where string }{
		{"rpt_audit", "audit-ack-due", "ack_met AS met", "ack_eligible"},
		{"rpt_audit", "audit-res-due", "res_met AS met", "res_eligible"},
		{"rpt_ack_missed", "audit-ack-missed", "acknowledged_at", "true"},
		{"rpt_ack_missed", "audit-ack-late", "acknowledged_at", "acknowledged_at IS NOT NULL"},
		{"rpt_ack_missed", "audit-ack-not-acknowledged", "", "acknowledged_at IS NULL"},
	} {
		var extra []string
		if l.extra != "" {
			extra = []string{l.extra}
		}
		h, k, err := r.idListFrom(ctx, l.from, l.name, extra, l.where)
		if err != nil {
			return nil, err
		}
		href[l.name], listed[h] = h, k
	}
	// Not judged against the targets, each with why; when every complaint
	// is, for what its source records (a CFPB export), audit-all again:
	// the figure's note gives why.
	nAll, _ := num(get("complaints"))
	if n, _ := num(get("res_untracked")); n == nAll {
		href["audit-untracked"], err = r.sameList("audit-all", "audit-untracked")
		listed[href["audit-untracked"]] = int64(n)
	} else {
		var k int64
		href["audit-untracked"], k, err = r.idListFrom(ctx, "rpt_audit", "audit-untracked", []string{"not_judged_why AS why"}, "res_not_judged")
		listed[href["audit-untracked"]] = k
	}
	if err != nil {
		return nil, err
	}

	summary := section{ID: "summary", Title: "Summary"}
	summary.Figures = []figure{
		// what period the count covers: the scope is every complaint
		// received up to the report date (an auditor could not tell)
		{Label: noun(get("complaints"), "complaint received", "complaints received"), Value: count(get("complaints")), Href: href["audit-all"],
			Note: fmt.Sprintf("every complaint received up to the report date: %s to %s", get("first_received"), r.asOfText())},
		{Label: "acknowledged within target", Value: ratio(get("ack_met"), get("ack_eligible")),
			Note: fmt.Sprintf("%s of %s due; %s missed%s", count(get("ack_met")), count(get("ack_eligible")), count(get("ack_missed")), ackMissedParts(get("ack_late"), get("ack_not_acknowledged"))) +
				judgedRest(get, "ack"),
			Href: href["audit-ack-missed"]},
	}
	if n, _ := num(get("ack_missed")); n > 0 {
		// the missed, acknowledged late or not at all (QA: 140 of 153
		// never answered, unsaid): each part a list of its own
		summary.Figures = append(summary.Figures,
			figure{Label: "acknowledged late", Value: count(get("ack_late")), Href: href["audit-ack-late"],
				Note: "missed the acknowledgement target, acknowledged after it (the list gives when: acknowledged_at, the first response or an earlier resolution)"},
			figure{Label: "not acknowledged by the report date", Value: count(get("ack_not_acknowledged")), Href: href["audit-ack-not-acknowledged"],
				Note: "missed the acknowledgement target, and neither a response nor a resolution recorded by the report date, or closed with no usable time recorded (none, or one before the receipt): its record shows no acknowledgement"})
	}
	summary.Figures = append(summary.Figures, []figure{
		// the ones left out (res_untracked) are of a source that records
		// no resolution time, open or closed: a closed one could only miss
		// the target, and judging the open ones alone read 0% by
		// construction (a regression QA pass, 2026-12-07); the "not
		// judged" figure says how many are open past it
		{Label: "resolved within target", Value: ratio(get("res_met"), get("res_eligible")),
			Note: fmt.Sprintf("%s of %s due; %s missed", count(get("res_met")), count(get("res_eligible")), count(get("res_missed"))) +
				judgedRest(get, "res"),
			Href: href["audit-res-missed"]},
		{Label: "SLA met (acknowledged and resolved within target)", Value: ratio(get("sla_met"), get("sla_judged")),
			Note: fmt.Sprintf("%s of %s judged; %s missed", count(get("sla_met")), count(get("sla_judged")), count(get("sla_missed"))) +
				judgedRest(get, "sla") + "; " + slaJudged,
			Href: href["audit-sla-missed"]},
		backlogFigure(get("open"), get("status_unknown"), get("closed_later"), get("complaints"), href["audit-open"]),
		{Label: "status not recorded", Value: count(get("status_unknown")), Href: href["audit-status-unknown"],
			Note: "neither open nor closed: no status and no resolution date; left out of the backlog and its ageing"},
		{Label: "closed without a resolution date", Value: count(get("closed_undated")), Href: href["audit-closed-undated"],
			Note: "of the sources that record resolution dates: counted as resolved, not judged against the resolution target, and an incomplete record (completeness: resolution date)" +
				recordNone(sum, "closed_no_dates", "closed complaint", "closed complaints") + ", not counted here"},
	}...)
	if n, _ := num(get("closed_later")); n > 0 {
		summary.Figures = append(summary.Figures, figure{Label: "closed in an export after the report date", Value: count(get("closed_later")),
			Href: href["audit-closed-later"],
			Note: "closed without a resolution date, as recorded by an export later than the report date: whether open at the report date is not known; left out of the backlog, its ageing and the targets (as the metrics leave it out of the resolution rate)"})
	}
	if n, _ := num(get("time_before_receipt")); n > 0 {
		summary.Figures = append(summary.Figures, figure{Label: "a time recorded before the receipt", Value: count(get("time_before_receipt")),
			Href: href["audit-time-before-receipt"],
			Note: "a first response or resolution time earlier than the complaint's receipt: the record is wrong, and the time is not used (neither acknowledges nor resolves it; a closed status still counts it resolved)"})
	}
	// acknowledged by the resolution, as the rule has it, though a
	// response is recorded after it: the record may be wrong
	after, err := r.responseAfter(ctx)
	if err != nil {
		return nil, err
	}
	summary.Figures = append(summary.Figures, after...)
	summary.Figures = append(summary.Figures,
		figure{Label: "not judged against the targets", Value: count(get("untracked")), Href: href["audit-untracked"],
			Note: notJudged(get)})
	// what is known of those not judged: the ones still open past the
	// resolution target have missed it, whatever their resolution
	if n, _ := num(get("untracked_open_past")); n > 0 {
		summary.Figures = append(summary.Figures, figure{Label: r.openPastLabel(), Value: count(get("untracked_open_past")),
			Href: href["audit-untracked-open-past-target"],
			Note: "missed, whatever their resolution; left out of the rates with the rest of their source, whose closed complaints have no resolution time to judge"})
	}
	summary.Paragraphs = []string{
		"A complaint is due for acknowledgement once its target has passed or it was acknowledged (a closed one with no usable time recorded is due, and missed: not acknowledged), and for resolution once its target has passed or it was resolved; rates are met / due. Links on percentages list the complaints that missed.",
		"Each complaint is, for each target, not judged, due or open, not yet due: complaints = not judged + due + open, not yet due; due = met + missed. Not judged: its source records no times for the target, it was closed with no usable resolution date (resolution and SLA only: none, or one before the receipt), or closed in an export after the report date.",
	}
	if sources := len(sum.rows); sources > 1 {
		summary.Paragraphs = append(summary.Paragraphs, fmt.Sprintf("The complaints come from %d sources, which handle them differently (a support thread's replies within minutes, a helpdesk's tickets within days): the rates above pool them, and follow the mix of sources as much as the handling. The tables below give each source's; compare within a source.", sources))
		summary.Tables = sourceTables(sum)
		summary.Notes = append(summary.Notes, sourcesNote, firstResponseNote, r.hoursNote())
	}
	p.Sections = append(p.Sections, summary)

	ack, err := r.rows(ctx, "audit_ack_by_period")
	if err != nil {
		return nil, err
	}
	// the tables by period pool the sources: with more than one, each
	// period's due of each source
	var bySource *result
	if len(sum.rows) > 1 {
		if bySource, err = r.rows(ctx, "audit_due_by_source"); err != nil {
			return nil, err
		}
	}
	ackPooled := poolSources(ack, bySource, "ack_due")
	// Of a source that records no response or resolution time (the CFPB
	// export) no complaint is ever due, and of one that records no
	// resolution time (a support thread's replies) none for resolution:
	// the sections say so rather than show empty tables.
	nComplaints, _ := num(get("complaints"))
	all := func(name string) bool { n, _ := num(get(name)); return nComplaints > 0 && n == nComplaints }
	sec, err := r.dueSection("acknowledgement", "Acknowledgement against target", "audit-ack", "Acknowledged within target (%)", ack, href,
		all("ack_untracked"), "response or resolution")
	if err != nil {
		return nil, err
	}
	if sec.Unavailable == "" {
		// the median leaves some acknowledged complaints out: say which
		sec.Notes = slices.Insert(sec.Notes, 1, firstResponseNote)
		sec.Notes = append(sec.Notes, ackPooled...)
	}
	p.Sections = append(p.Sections, sec)

	res, err := r.rows(ctx, "audit_res_by_period")
	if err != nil {
		return nil, err
	}
	resPooled := poolSources(res, bySource, "res_due")
	sec, err = r.dueSection("resolution", "Resolution within target", "audit-res", "Resolved within target (%)", res, href,
		all("res_untracked"), "resolution")
	if err != nil {
		return nil, err
	}
	if sec.Unavailable == "" {
		sec.Notes = append(sec.Notes, resPooled...)
	}
	if n, _ := num(get("untracked_open_past")); n > 0 && sec.Unavailable != "" {
		sec.Unavailable += fmt.Sprintf(" %s %s: missed, whatever their resolution (the summary lists them).",
			count(get("untracked_open_past")), strings.Replace(r.openPastLabel(), "of them", "of them are", 1))
	}
	p.Sections = append(p.Sections, sec)

	age, err := r.rows(ctx, "audit_ageing")
	if err != nil {
		return nil, err
	}
	// the metric definitions' buckets, as `complaints metrics` ages its
	// backlog, whatever the targets
	oldWeeks := metrics.AgeingOld.Hours() / (7 * 24)
	bucketName := []string{"",
		fmt.Sprintf("0-%d business days", metrics.AgeingYoungDays),
		// the bucket after the first: "up to 8 weeks" alone read as including it (QA pass Q)
		fmt.Sprintf("%d business days to %g weeks", metrics.AgeingYoungDays, oldWeeks),
		fmt.Sprintf("over %g weeks", oldWeeks),
	}
	ageNamed := &result{cols: []string{"age", "open"}}
	for _, row := range age.rows {
		b, _ := num(row[0])
		ageNamed.rows = append(ageNamed.rows, []any{bucketName[int(b)], row[1]})
	}
	sec = section{ID: "ageing", Title: "Ageing backlog at the report date"}
	if backlogUnknown(get("status_unknown"), get("closed_later"), get("complaints")) {
		// a chart and a table of zeros would read as no backlog
		sec.Unavailable = "No complaint has a status or a resolution date: which are open, and how old they are, is not recorded (the summary's \"status not recorded\" figure lists them)."
		if l, _ := num(get("closed_later")); l > 0 {
			sec.Unavailable = "No complaint is known open or closed at the report date: which were open, and how old they were, is not recorded (the summary's \"status not recorded\" and \"closed in an export after the report date\" figures list them)."
		}
	} else {
		if err := r.addChart(&sec, ageNamed, "audit-ageing", "Open complaints by age", "bar", "age"); err != nil {
			return nil, err
		}
		for i := range sec.Tables[0].Rows {
			sec.Tables[0].Rows[i][1].Href = href[fmt.Sprintf("audit-age-%d", i+1)]
		}
	}
	p.Sections = append(p.Sections, sec)

	comp, err := r.rows(ctx, "audit_completeness")
	if err != nil {
		return nil, err
	}
	// in the order of audit_completeness.sql's rows: each field's list of
	// the missing, and its column of rpt_recorded ("": of every source)
	fields := []struct{ missing, recorded string }{{"audit-missing-type", "type"}, {"audit-missing-customer", "customer"},
		{"audit-missing-date", ""}, {"audit-missing-details", "details"}, {"audit-missing-resolution", "resolution"},
		{"audit-missing-resolution-date", "res_date"},
		{"audit-missing-assignee", "assignee"}, {"audit-missing-department", "department"}, {"audit-missing-owner", ""}}
	recorded, err := r.rows(ctx, "audit_recorded_rows")
	if err != nil {
		return nil, err
	}
	comp.cols = append(comp.cols, "not recorded by")
	for i := range comp.rows {
		comp.rows[i] = append(comp.rows[i], notRecordedBy(recorded, fields[i].recorded))
	}
	sec = section{ID: "completeness", Title: "Records completeness"}
	// the counts of every source, linked to their lists, then each
	// source's share, charted: a share pooled over sources follows their
	// mix (QA: 58.7% of details was the CFPB's 23.1% beside 100%)
	sec.Tables = []table{comp.table("Every source's, pooled (a share of several sources follows their mix: compare each source's, below)")}
	compOf, err := r.completenessBySource(ctx)
	if err != nil {
		return nil, err
	}
	if err := r.addChart(&sec, compOf, "audit-completeness", "Share of complaints with each field, by source (%)", "hbar", "field"); err != nil {
		return nil, err
	}
	sec.Tables[1].Caption, sec.Tables[1].Matrix = "Complete % by source (n/a: the source does not record the field)", true
	mi := comp.col("missing")
	for i, row := range comp.rows {
		if row[mi] != nil { // n/a, of a field no source records, lists nothing
			sec.Tables[0].Rows[i][mi].Href = href[fields[i].missing]
		}
	}
	listSize := func(name string) int64 {
		return n[slices.IndexFunc(lists, func(l list) bool { return l.name == name })]
	}
	owners, err := r.ownerFigures(ctx, listSize("audit-default-owner"), listSize("audit-routing-unknown"), href)
	if err != nil {
		return nil, err
	}
	sec.Figures = owners
	sec.Notes = []string{notRecordedNote, "Owner department counts a department routed by the taxonomy (from the complaint's topic) as complete. Assignee and department (in the source) are the export's own assignment: whether each complaint was routed to someone. Owner department is the complaint's own department, else its topic's own department in the taxonomy classify routed it by, which fills in most of what the source left blank; a complaint given the taxonomy's default department because its topic names none (topic other, or a trained model's label the taxonomy does not name) was routed by no topic, and is not counted as routed. The date received is required by the schema, so it is always present. The resolution date is required of the closed complaints of a source that records resolution dates: one closed without it, or with one before the receipt, is not judged against the resolution target and is counted missing here."}
	p.Sections = append(p.Sections, sec)

	if _, err := r.conn.ExecContext(ctx, query("rpt_legal")); err != nil {
		return nil, fmt.Errorf("legal threats: %w", err)
	}
	legal, err := r.rows(ctx, "audit_legal")
	if err != nil {
		return nil, err
	}
	sec = section{ID: "legal", Title: "Legal-threat escalations and their outcomes"}
	sec.Figures = append([]figure{{Label: noun(get("legal"), "complaint threatening legal action", "complaints threatening legal action"), Value: count(get("legal")), Href: href["audit-legal"]}},
		unscreened("audit-legal-not-screened", "legal threats")...)
	legalUnknown := stillOpen(legal)
	lt := legal.table("By outcome (resolution recorded, or open)")
	oi := legal.col("outcome")
	for i, row := range legal.rows {
		h, _, err := r.idListFrom(ctx, "rpt_legal", fmt.Sprintf("audit-legal-outcome-%02d", i+1),
			[]string{"upheld", "compensation_amount AS compensation", "res_met AS resolved_in_target", "is_open AS still_open"},
			"outcome = $1", row[oi])
		if err != nil {
			return nil, err
		}
		lt.Rows[i][legal.col("complaints")].Href = h
		// a helpdesk's resolution is often typed text ("refunded to card
		// ..."), shown as the rest of the text the reports show: redacted
		lt.Rows[i][oi].Text = classify.Redact(lt.Rows[i][oi].Text)
	}
	sec.Tables = []table{lt}
	sec.Notes = []string{"Flagged by classify (classifications.legal_threat) from the narrative, which it reads in English only; the complaints it did not screen (text not in English or whose language could not be determined, no narrative, not classified yet) are not counted. Each outcome's list shows, per complaint, the figures of its row."}
	if legalUnknown {
		sec.Notes = append(sec.Notes, stillOpenNote)
	}
	p.Sections = append(p.Sections, sec)

	urgent, err := r.rows(ctx, "audit_urgent")
	if err != nil {
		return nil, err
	}
	urgentUnknown := stillOpen(urgent)
	// answered first is judged within each source, never across them
	verdicts := answeredFirst(urgent)
	if len(sum.rows) <= 1 {
		// one source: the tables need not name it
		urgent.drop("source")
		verdicts.drop("source")
	}
	sec = section{ID: "urgent", Title: "Urgent complaints: answered first?"}
	ackMissed := figure{Label: "urgent, acknowledgement missed", Value: count(get("urgent_ack_missed")), Href: href["audit-urgent-ack-missed"],
		Note: fmt.Sprintf("of %s due, of %s urgent", count(get("urgent_ack_due")), count(get("urgent")))}
	if due, _ := num(get("urgent_ack_due")); due == 0 {
		// a 0 read as none missed, where none was judged (a CFPB
		// export's urgent complaints have no response times: an
		// exploratory QA pass)
		ackMissed.Value, ackMissed.Href = "n/a", ""
		ackMissed.Note = fmt.Sprintf("none of the %s urgent is due for acknowledgement: not yet, or its source records no response or resolution times", count(get("urgent")))
		if n, _ := num(get("urgent")); n == 0 {
			// "none of the 0 urgent" read as a riddle (QA)
			ackMissed.Note = "no complaint is flagged urgent"
		}
	}
	sec.Figures = append([]figure{
		urgentOpenFigure(get("urgent_open"), get("urgent_status_known"), get("urgent"), href["audit-urgent-open"]),
		ackMissed,
	}, unscreened("audit-urgent-not-screened", "urgency")...)
	caption := "Urgent complaints against the other screened ones of their source"
	if nUnscreened > 0 {
		caption += ", and those not screened"
	}
	ut := urgent.table(caption)
	fi, ni := urgent.col("flag"), urgent.col("complaints")
	for i, row := range urgent.rows {
		// the others are most complaints: their list would cost a copy of
		// millions of IDs in a large warehouse, and is audit-all's less
		// the urgent and the not screened (whose list the figure above
		// links)
		if row[fi] == "urgent" {
			ut.Rows[i][ni].Href = href["audit-urgent"]
		}
	}
	sec.Tables = []table{ut, verdicts.table("Answered first? Urgent complaints against the others of their source")}
	sec.Notes = []string{"Flagged by classify (classifications.urgent) from the narrative: a safety hazard, a medical need, an eviction or foreclosure date, the loss of an essential service. It reads the narrative in English only: the complaints it did not screen (text not in English or whose language could not be determined, no narrative, not classified yet) are a row of their own, not counted as not urgent. The targets are the page's. Urgent complaints are answered first when their median hours to first response are below those of the other complaints of their source: judged within each source, never across sources pooled, where a source answered within minutes with few urgent complaints (a support thread's) beside one answered within days (a helpdesk's) would make the urgent complaints of both look slow. The urgent complaints' counts link to the list of every source's (its source column names each one's).", firstResponseNote, r.hoursNote()}
	if urgentUnknown {
		sec.Notes = append(sec.Notes, stillOpenNote)
	}
	p.Sections = append(p.Sections, sec)

	rates := section{ID: "rates", Title: "Timely, disputed and reopened"}
	// timely and disputed are the source's own flags, not measured here:
	// 98.6% timely read as compliance the pipeline had measured (QA)
	rates.Figures = []figure{
		{Label: "timely response, as the source reports it", Value: ratio(get("timely"), get("timely_known")),
			Note: fmt.Sprintf("%s of %s with a known value; %s untimely; ", count(get("timely")), count(get("timely_known")), count(get("untimely"))) +
				sourceFlag(sum, "timely_known", `"Timely response?", the company's own answer`) + ", not measured against the targets above",
			Href: href["audit-untimely"]},
		{Label: "disputed by the consumer, as the source reports it", Value: ratio(get("disputed"), get("disputed_known")),
			Note: fmt.Sprintf("%s of %s with a known value; ", count(get("disputed")), count(get("disputed_known"))) +
				sourceFlag(sum, "disputed_known", `"Consumer disputed?"`), Href: href["audit-disputed"]},
		{Label: "reopened", Value: ratio(get("reopened"), get("reopened_known")),
			Note: fmt.Sprintf("%s of %s with a known value", count(get("reopened")), count(get("reopened_known"))), Href: href["audit-reopened"]},
	}
	p.Sections = append(p.Sections, rates)

	lineage, err := r.lineageSection(ctx)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, lineage)
	unlinkEmpty(p, listed)
	return p, nil
}

// unlinkEmpty takes the link off each figure of p whose list (its size
// in listed, by its link) holds no complaint: a figure with nothing to
// list links nothing ("timely response n/a" opened a list of its header
// alone: QA pass BG).
func unlinkEmpty(p *page, listed map[string]int64) {
	for i := range p.Sections {
		for j := range p.Sections[i].Figures {
			f := &p.Sections[i].Figures[j]
			if n, ok := listed[f.Href]; ok && n == 0 {
				f.Href = ""
			}
		}
	}
}

// lineageSection lists the files loaded, the records rejected and the
// classify runs.
func (r *run) lineageSection(ctx context.Context) (section, error) {
	var none section
	runs, err := r.rows(ctx, "audit_runs")
	if err != nil {
		return none, err
	}
	cls, err := r.rows(ctx, "audit_classify_runs")
	if err != nil {
		return none, err
	}
	if _, err := r.conn.ExecContext(ctx, query("audit_rejects_view")); err != nil {
		return none, fmt.Errorf("audit_rejects_view: %w", err)
	}
	rej, err := r.rows(ctx, "audit_rejects")
	if err != nil {
		return none, err
	}
	rejHref, nRej, err := r.copyTo(ctx, "audit-rejects",
		`SELECT r.run_id, i.file, r.record_number, r.reason FROM rpt_rejects r LEFT JOIN ingest_runs i ON i.run_id = r.run_id ORDER BY r.run_id, r.record_number, r.reason`, []string{"file"})
	if err != nil {
		return none, err
	}
	// one table of every column was wider than the page, and put the
	// reconciliation out of view: the files, then their counts
	files := runs.table("")
	counted := []string{"run", "read", "loaded", "updated", "duplicate", "rejected", "reconciles", "warnings"}
	counts := files.pick("Records of each file, and their total (read = loaded + updated + duplicate + rejected)", counted...)
	if len(runs.rows) > 1 {
		// each run reconciled, with no total of them (QA pass BJ)
		total := &result{cols: runs.cols, rows: [][]any{runsTotal(runs)}, counts: true}
		counts.Rows = append(counts.Rows, total.table("").pick("", counted...).Rows...)
	}
	sec := section{
		ID: "lineage", Title: "Ingest and classification lineage",
		Tables: []table{files.pick("Files loaded", "run", "started", "file", "sha256", "profile", "target"), counts},
	}
	if nRej == 0 {
		// "0 records rejected, each listed", over a table of no rows, read
		// as something to look for (a QA pass)
		sec.Paragraphs = []string{"No record of any file loaded was rejected."}
	} else {
		// The list of every rejected record is linked from their total: each
		// reason's count linked it too, and read as the count of its rows
		// (QA: 21, 3, 1 and 1 each opened all 26); a reason's are its rows of
		// the list (the reason column). A list per reason was a file per row
		// of the table, which grows with every run.
		sec.Figures = []figure{{Label: noun(nRej, "record rejected", "records rejected"), Value: thousands(nRej), Href: rejHref,
			Note: "of every file loaded, each listed with its run, file, record number and reason; the table below counts them by run and reason (a reason's are its rows of the list)"}}
		sec.Tables = append(sec.Tables, rej.table("Rejected records by run and reason"))
		sec.Notes = append(sec.Notes, "The CSV lists each rejected record's run, file, record number and reason, the file's name redacted. The value a reason quotes is masked (shown '…'), here and in the CSV, whatever it is: it is the source's own text, unredacted, and may be personal data (a phone number typed into a date column); the file and record number find the record, whose raw text the warehouse's rejects table keeps.")
	}
	sec.Tables = append(sec.Tables, cls.table("Classify runs (through run: the last ingest run whose complaints the run covered)"))
	sec.Notes = append(sec.Notes, "Classify runs are listed from the first one after the warehouse was upgraded to record them (classify_runs); a run that found nothing to classify, moved no mark and switched to no other taxonomy or model is not listed.")
	return sec, nil
}

// runsTotal is the row of every run of runs (audit_runs.sql's rows): the
// records read, loaded, updated, duplicate and rejected summed, whether
// they reconcile, and no warnings (each run's are its own).
func runsTotal(runs *result) []any {
	row := make([]any, len(runs.cols))
	n := map[string]int64{}
	for _, c := range []string{"read", "loaded", "updated", "duplicate", "rejected"} {
		for _, r := range runs.rows {
			v, _ := r[runs.col(c)].(int64)
			n[c] += v
		}
		row[runs.col(c)] = n[c]
	}
	row[runs.col("run")] = "total (" + plural(len(runs.rows), "file", "files") + ")"
	row[runs.col("reconciles")] = n["read"] == n["loaded"]+n["updated"]+n["duplicate"]+n["rejected"]
	row[runs.col("warnings")] = ""
	return row
}

// dueSection is the acknowledgement or resolution section: rows (of
// audit_ack_by_period.sql or audit_res_by_period.sql) charted and listed by
// period (the chart's id is list), their due and missed counts linked to
// the ID lists named list+"-due" and list+"-missed" in href. When no complaint's source
// records the times it is judged by (untrackedAll; times names them) and no
// period has one due, it says so.
func (r *run) dueSection(id, title, list, chartTitle string, rows *result, href map[string]string, untrackedAll bool, times string) (section, error) {
	sec := section{ID: id, Title: title + ", by " + r.opt.Period + " received"}
	if len(rows.rows) == 0 && untrackedAll {
		sec.Unavailable = "No complaint can be judged against the " + id + " target: their sources record no " + times +
			" times (the summary's \"not judged\" figure lists them)."
		return sec, nil
	}
	if err := r.addChart(&sec, rows, list, chartTitle, "line", "period", "met %"); err != nil {
		return sec, err
	}
	linkColumn(&sec.Tables[0], rows, "due", href[list+"-due"])
	linkColumn(&sec.Tables[0], rows, "missed", href[list+"-missed"])
	// A link is named by its count, column and period ("2 due, 2024-03-04"):
	// the two sections' were alike, though they open different lists, and
	// named the row's period, where each lists every period (QA pass BG).
	// Their columns say which target, and that every period is listed.
	t := &sec.Tables[0]
	t.Columns = slices.Clone(t.Columns) // the table's own, not rows'
	for _, c := range []string{"due", "missed"} {
		t.Columns[rows.col(c)] = fmt.Sprintf("%s (%s, every %s listed)", c, id, r.opt.Period)
	}
	sec.Notes = append(sec.Notes, dueNote, r.hoursNote())
	return sec, nil
}

// poolSources gives, when more than one source has complaints due in
// rows (audit_ack_by_period.sql's or audit_res_by_period.sql's), each
// period's due of each source (bySource, audit_due_by_source.sql's, its
// column due), in a column "due, by source" after the due, and returns
// the note that says the periods pool them; with one source (bySource nil
// when the page has one), nothing: the table stays as it was.
func poolSources(rows, bySource *result, due string) []string {
	if bySource == nil {
		return nil
	}
	pi, si, di := bySource.col("period"), bySource.col("source"), bySource.col(due)
	mix := map[string][]string{} // a period's "source count", in source order
	judged := map[any]bool{}
	for _, row := range bySource.rows {
		if n, _ := num(row[di]); n > 0 {
			p := text(row[pi])
			// the source as the pages show a label: redacted, cut
			mix[p] = append(mix[p], inlineLabel(text(row[si]))+" "+count(row[di]))
			judged[row[si]] = true
		}
	}
	if len(judged) <= 1 {
		return nil
	}
	at := rows.col("due") + 1
	rows.cols = slices.Insert(rows.cols, at, "due, by source")
	pc := rows.col("period")
	for i, row := range rows.rows {
		rows.rows[i] = slices.Insert(row, at, any(strings.Join(mix[text(row[pc])], "; ")))
	}
	return []string{fmt.Sprintf("Each period's figures pool the %d sources judged in it, which handle complaints differently: a period's rate and median follow its mix of sources as much as their handling. Its due, by source column gives the mix; the summary's tables by source give each source's figures.", len(judged))}
}

// ofRecording restricts a completeness list of the missing to the
// sources that record field (rpt_audit's records_ columns, of
// rpt_recorded's: audit_recorded.sql): the complaints of one that records
// none are not counted missing.
func ofRecording(field string) string {
	return " AND records_" + field
}

// notRecordedBy names the sources of recorded (rpt_recorded's rows) that
// do not record field, each with the complaints the field would be
// required of: "cfpb (6,623 complaints)"; "none" when every source
// records it, or field is "" (a field of every source).
func notRecordedBy(recorded *result, field string) string {
	if field == "" {
		return "none"
	}
	of, one, many := "complaints", "complaint", "complaints"
	if field == "resolution" || field == "res_date" {
		of, one, many = "closed", "closed complaint", "closed complaints" // required of the closed only
	}
	var sources []string
	why := map[string]string{}
	for _, row := range recorded.rows {
		if row[recorded.col(field)] == true {
			continue
		}
		src := text(row[recorded.col("source")])
		sources = append(sources, src)
		n := row[recorded.col(of)]
		why[src] = count(n) + " " + noun(n, one, many)
	}
	if len(sources) == 0 {
		return "none"
	}
	return sourcesWithWhy(sources, why)
}

// notRecordedNote explains the completeness table's sources that do not
// record a field.
const notRecordedNote = "A source records a field when some of its complaints up to the report date have it; one none of whose complaints has it (its export carries no such column, or leaves it blank throughout) does not record it, and is named in the not recorded by column with the complaints it holds: they are not counted as required, nor as missing (a field no source records is n/a), as a source that records no resolution times is not judged against the resolution target."

// linksNote is the subtitle's word on the links: the counts with a list
// of their own link it, the rest say how they are read from one (QA: the
// subtitle said every count links, where several did not).
const linksNote = "A figure's value, and each count shown as a link, opens the complaint IDs behind it (CSV: each complaint's source and period received, and where a list shows them, the figures of its row); a figure with none behind it has no link. " +
	"A count without a link is the rest of a linked one (met: due less missed; complete: required less missing; not urgent: the screened less the urgent) or a part of one, its rows of a source, a period, a flag or a reason."

// slaJudged says which complaints the SLA is judged of (README: "misses
// the SLA as soon as either target is missed ..., meets it when both are
// met, and is not judged while one is pending, or when it was resolved
// with no usable time"), which the page did not (QA).
const slaJudged = "judged: met both targets, or missed either; not judged while a target is pending, nor when resolved with no usable time"

// sourcesNote explains the summary's tables by source.
const sourcesNote = "A source's counts are its rows (the source column) of the lists the figures above and the tables by period link: complaints of every complaint's, due of those due (whose met column gives met), missed of those that missed (acknowledged late and not acknowledged of theirs), not judged of those not judged, with why. Each row adds up: complaints = not judged + due + open, not yet due (judged, for the SLA); due = met + missed. Not judged: the source records no response or resolution times (acknowledgement), no resolution times (resolution and SLA); or closed with no usable resolution date (resolution and SLA), or closed in an export after the report date. The SLA's met are the complaints met in both lists of those due; its judged, those and its missed. The SLA is " + slaJudged + "."

// sourceTables are the summary's acknowledgement, resolution and SLA
// figures of each source: audit_summary.sql's rows.
func sourceTables(sum *result) []table {
	type col struct{ from, shown string }
	specs := []struct {
		caption string
		cols    []col
	}{
		{"Acknowledgement within target, by source", []col{{"source", "source"}, {"complaints", "complaints"},
			{"ack_not_judged", "not judged"}, {"ack_eligible", "due"}, {"ack_met", "met"},
			{"ack_missed", "missed"}, {"ack_late", "acknowledged late"}, {"ack_not_acknowledged", "not acknowledged"},
			{"ack_not_due", "open, not yet due"}, {"ack_pct", "met %"}, {"ack_median_hours", "median hours to first response"}}},
		{"Resolution within target, by source", []col{{"source", "source"}, {"complaints", "complaints"},
			{"res_not_judged", "not judged"}, {"res_eligible", "due"}, {"res_met", "met"},
			{"res_missed", "missed"}, {"res_not_due", "open, not yet due"}, {"res_pct", "met %"}, {"res_median_hours", "median hours to resolution"}}},
		{"SLA met (both targets), by source", []col{{"source", "source"}, {"complaints", "complaints"},
			{"sla_not_judged", "not judged"}, {"sla_judged", "judged"}, {"sla_met", "met"},
			{"sla_missed", "missed"}, {"sla_not_due", "open, not yet due"}, {"sla_pct", "met %"}}},
	}
	tables := make([]table, 0, len(specs))
	for _, sp := range specs {
		res := &result{counts: true}
		for _, c := range sp.cols {
			res.cols = append(res.cols, c.shown)
		}
		for _, row := range sum.rows {
			vals := make([]any, len(sp.cols))
			for j, c := range sp.cols {
				vals[j] = row[sum.col(c.from)]
			}
			res.rows = append(res.rows, vals)
		}
		tables = append(tables, res.table(sp.caption))
	}
	return tables
}

// pooledRow is the summary's row of every source (audit_summary.sql's
// rows are each source's): the counts summed, the first receipt the
// earliest; the rates and medians, which do not add up, unknown (the page
// shows the pooled rates of the counts, and no pooled median).
func pooledRow(sum *result) []any {
	row := make([]any, len(sum.cols))
	for j, c := range sum.cols {
		for _, src := range sum.rows {
			switch v := src[j].(type) {
			case int64:
				n, _ := row[j].(int64)
				row[j] = n + v
			case string:
				if c == "first_received" && (row[j] == nil || v < row[j].(string)) {
					row[j] = v
				}
			}
		}
	}
	return row
}

// answeredFirst judges, within each source of rows (audit_urgent.sql's, by
// source and flag), whether its urgent complaints were answered first:
// their median hours to first response, as the page shows them (to a
// tenth), below the other screened complaints' of the source.
func answeredFirst(rows *result) *result {
	si, fi, mi := rows.col("source"), rows.col("flag"), rows.col("median hours to first response")
	v := &result{cols: []string{"source", "urgent: median hours to first response", "others: median hours to first response", "answered first?"}, counts: true}
	var urgent []bool // whether the source has a row of urgent complaints
	for _, row := range rows.rows {
		if n := len(v.rows); n == 0 || v.rows[n-1][0] != row[si] {
			v.rows = append(v.rows, []any{row[si], nil, nil, nil})
			urgent = append(urgent, false)
		}
		last := v.rows[len(v.rows)-1]
		switch row[fi] {
		case "urgent":
			last[1], urgent[len(urgent)-1] = row[mi], true
		case "not urgent":
			last[2] = row[mi]
		}
	}
	for i, row := range v.rows {
		row[3] = firstVerdict(urgent[i], row[1], row[2])
	}
	return v
}

// firstVerdict says whether urgent complaints (any when hasUrgent) were
// answered first, by their median hours to first response and the
// others'.
func firstVerdict(hasUrgent bool, urgent, others any) string {
	u, uok := num(urgent)
	o, ook := num(others)
	switch {
	case !hasUrgent:
		return "n/a: none urgent"
	case !uok:
		return "n/a: no urgent complaint with a response recorded"
	case !ook:
		return "n/a: no other complaint with a response recorded"
	case u < o:
		return "yes: sooner"
	case u == o:
		return "no: the same median"
	}
	return "no: later"
}

// responseAfter is the summary's figure of the complaints whose first
// response is recorded after their resolution (sql/audit_response_after.sql),
// with its list; none when there is none, as the times recorded before the
// receipt.
func (r *run) responseAfter(ctx context.Context) ([]figure, error) {
	if _, err := r.conn.ExecContext(ctx, query("audit_response_after"), r.cutoff, r.opt.Period); err != nil {
		return nil, fmt.Errorf("audit_response_after: %w", err)
	}
	var n int64
	if err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM rpt_response_after`).Scan(&n); err != nil {
		return nil, fmt.Errorf("audit_response_after: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	h, _, err := r.idListFrom(ctx, "rpt_response_after", "audit-response-after-resolution", nil, "true")
	if err != nil {
		return nil, err
	}
	return []figure{{Label: "first response recorded after the resolution", Value: thousands(n), Href: h,
		Note: "acknowledged by the resolution, the first of the two (the acknowledgement target's rule), in its hours, which the median hours to first response count too; the response recorded after it is not used: the record may be wrong (a response logged late, or a resolution time of another event)"}}, nil
}

// ackMissedParts splits the missed acknowledgements in the summary's note:
// ": 13 acknowledged late, 140 not acknowledged by the report date"; none
// when none missed.
func ackMissedParts(late, not any) string {
	l, _ := num(late)
	n, _ := num(not)
	if l+n == 0 {
		return ""
	}
	return fmt.Sprintf(": %s acknowledged late, %s not acknowledged by the report date", count(late), count(not))
}

// judgedRest is the rest of a target's row in the summary's note, after
// its due and missed (target ack, res or sla; get reads the pooled row):
// those open, not yet due, and those not judged with why, so that the
// figures add up to every complaint (QA: 6 of a helpdesk's 1,998 counted
// nowhere for acknowledgement, 36 for resolution).
func judgedRest(get func(string) any, target string) string {
	var rest string
	if n, _ := num(get(target + "_not_due")); n > 0 {
		rest = fmt.Sprintf("; %s open, not yet due", count(get(target+"_not_due")))
	}
	total, _ := num(get(target + "_not_judged"))
	if total == 0 {
		return rest
	}
	var parts []string
	add := func(n float64, why string) {
		if n > 0 {
			parts = append(parts, thousands(int64(n))+" "+why)
		}
	}
	ackTimes, _ := num(get("ack_untracked"))
	resTimes, _ := num(get("res_untracked"))
	switch target {
	case "ack":
		add(ackTimes, "their source records no response or resolution times")
		add(total-ackTimes, "closed in an export after the report date, with no time recorded")
	case "res":
		later, _ := num(get("res_closed_later"))
		add(resTimes, "their source records no resolution times")
		add(total-resTimes-later, untimedWhy(get))
		add(later, "closed in an export after the report date")
	default:
		add(resTimes, "their source records no resolution times")
		add(total-resTimes, "resolved with no usable resolution time")
	}
	if len(parts) == 1 {
		// "; 12 not judged: their source records ...", as before
		_, why, _ := strings.Cut(parts[0], " ")
		return rest + fmt.Sprintf("; %s not judged: %s", count(get(target+"_not_judged")), why)
	}
	return rest + fmt.Sprintf("; %s not judged: %s", count(get(target+"_not_judged")), strings.Join(parts, ", "))
}

// untimedWhy names the closed complaints with no usable resolution date of
// get's pooled row: without one, dated before the receipt, or both.
func untimedWhy(get func(string) any) string {
	undated, _ := num(get("res_undated"))
	before, _ := num(get("res_dated_before"))
	switch {
	case before == 0:
		return "closed without a resolution date"
	case undated == 0:
		return "closed with a resolution date before the receipt"
	}
	return fmt.Sprintf("closed with no usable resolution date (%s without one, %s dated before the receipt)", count(get("res_undated")), count(get("res_dated_before")))
}

// recordNone names the sources of sum (audit_summary.sql's rows) with some
// of the column col, which record no resolution dates, each with how many:
// "; cfpb (6,588 closed complaints) records none"; nothing when none has.
func recordNone(sum *result, col, one, many string) string {
	var sources []string
	why := map[string]string{}
	for _, row := range sum.rows {
		if n, _ := num(row[sum.col(col)]); n > 0 {
			src := inlineLabel(text(row[sum.col("source")]))
			sources = append(sources, src)
			why[src] = count(row[sum.col(col)]) + " " + noun(row[sum.col(col)], one, many)
		}
	}
	switch len(sources) {
	case 0:
		return ""
	case 1:
		return "; " + sourcesWithWhy(sources, why) + " records none"
	}
	return "; " + sourcesWithWhy(sources, why) + " record none"
}

// firstResponseNote says which complaints the median hours to first
// response are of: as `complaints metrics`' median first response, of
// those with a response recorded (up to an earlier resolution), not those
// acknowledged by their resolution alone, which the acknowledgement
// target counts (an auditor took the median for all of them).
const firstResponseNote = "Median hours to first response: of the complaints with a response recorded, to it or to an earlier resolution; those acknowledged by their resolution alone (met or missed above) are not in it, as in the median first response of complaints metrics."

// notJudged says why the complaints not judged against the targets are
// not (get reads the pooled row): of ack_untracked, their source records
// no response or resolution time (judged against neither target), of
// res_untracked the rest, no resolution time (judged against the
// acknowledgement target alone, when it records responses); then those
// closed with no usable resolution date, and those closed in an export
// after the report date. Each complaint not judged for acknowledgement is
// not for resolution either (a resolution time acknowledges too), so the
// complaints not judged for resolution are every one, each once: the
// summary's "not judged" figure (audit_summary.sql's untracked).
func notJudged(get func(string) any) string {
	a, _ := num(get("ack_untracked"))
	b, _ := num(get("res_untracked"))
	later, _ := num(get("res_closed_later"))
	all, _ := num(get("untracked"))
	untimed := all - b - later
	type part struct {
		n          float64
		alone, one string // why, when the only part and when one of several
	}
	parts := []part{
		{a, "their source records no response or resolution timestamps", ": their source records no response or resolution timestamps"},
		{b - a, "for resolution only: their source records no resolution timestamps", " for resolution only: no resolution timestamps"},
		{untimed, "for resolution only: " + untimedWhy(get), " for resolution only: " + untimedWhy(get)},
		{later, "closed in an export after the report date, whether open then not known", " closed in an export after the report date"},
	}
	var shown []part
	for _, p := range parts {
		if p.n > 0 {
			shown = append(shown, p)
		}
	}
	switch len(shown) {
	case 0:
		return "" // no reason to give for none
	case 1:
		return shown[0].alone
	}
	texts := make([]string, len(shown))
	for i, p := range shown {
		texts[i] = thousands(int64(p.n)) + p.one
	}
	return strings.Join(texts, "; ")
}

// openPastLabel names the complaints not judged that are still open past
// the resolution target: "of them still open past the 56-day target".
func (r *run) openPastLabel() string {
	return "of them still open past the " + r.resTarget() + "-day target"
}

// backlogFigure is the summary's count of complaints open at the report
// date: "n/a" when no complaint is known open or closed (a source of
// tweets records neither a status nor a resolution date), where a 0 read
// as an empty backlog.
func backlogFigure(open, unknown, later, all any, href string) figure {
	f := figure{Label: "open at report date (backlog)", Value: count(open), Href: href}
	if backlogUnknown(unknown, later, all) {
		f.Value, f.Href = "n/a", ""
		f.Note = "no complaint has a status or a resolution date: which are open is not recorded"
		if l, _ := num(later); l > 0 {
			f.Note = "no complaint is known open or closed at the report date: which were open is not recorded"
		}
	}
	return f
}

// urgentOpenFigure is the urgent section's count of urgent complaints
// open at the report date, of those known open or closed (known, of all
// urgent): "n/a" when none is, as the backlog's (QA: "urgent and still
// open 0" of tweets, which record neither a status nor a resolution date),
// and of how many when some are.
func urgentOpenFigure(open, known, all any, href string) figure {
	f := figure{Label: "urgent and still open", Value: count(open), Href: href}
	k, _ := num(known)
	n, _ := num(all)
	switch {
	case n > 0 && k == 0:
		f.Value, f.Href = "n/a", ""
		f.Note = fmt.Sprintf("none of the %s urgent is known open or closed at the report date: which are open is not recorded", count(all))
	case k < n:
		f.Note = fmt.Sprintf("of the %s urgent known open or closed at the report date, of %s urgent: which of the others are open is not recorded", count(known), count(all))
	}
	return f
}

// stillOpen gives, in the "still open" column of rows (audit_urgent.sql's
// or audit_legal.sql's), of how many complaints known open or closed
// (the column "status known", which it drops) where only some of the
// row's are: "1 of 3 known". Where none is, the count is NULL (n/a);
// where all are, it stands alone. It reports whether some row's
// complaints are not all known, which stillOpenNote then explains.
func stillOpen(rows *result) (unknown bool) {
	oi, ki, ni := rows.col("still open"), rows.col("status known"), rows.col("complaints")
	for _, row := range rows.rows {
		k, _ := num(row[ki])
		n, _ := num(row[ni])
		if k < n {
			unknown = true
		}
		if k > 0 && k < n {
			row[oi] = fmt.Sprintf("%s of %s known", count(row[oi]), count(row[ki]))
		}
	}
	rows.drop("status known")
	return unknown
}

// stillOpenNote explains a "still open" column of n/a or "1 of 3 known"
// (stillOpen).
const stillOpenNote = "Still open: n/a where none of the row's complaints is known open or closed at the report date (a tweet has neither a status nor a resolution date; one closed in an export after the report date may have been open then); where only some are, the open among those, of how many are known (\"1 of 3 known\")."

// backlogUnknown reports whether no complaint of all is known open or
// closed at the report date: unknown, those with neither a status nor a
// resolution date, and later, those closed in an export after the report
// date, are every one.
func backlogUnknown(unknown, later, all any) bool {
	u, _ := num(unknown)
	l, _ := num(later)
	n, _ := num(all)
	return n > 0 && u+l == n
}

// ratio formats part/whole as a percentage, "n/a" when whole is 0.
func ratio(part, whole any) string {
	a, ok1 := num(part)
	b, ok2 := num(whole)
	if !ok1 || !ok2 || b == 0 {
		return "n/a"
	}
	return pct(a / b)
}

// linkColumn links every cell of a column to href.
func linkColumn(t *table, res *result, colName, href string) {
	ci := res.col(colName)
	for i := range t.Rows {
		t.Rows[i][ci].Href = href
	}
}

// dueNote explains the links and rows of the acknowledgement and
// resolution tables by period: a list per period and count was too many
// files, so each links the list of every period (QA took it for the
// period's).
const dueNote = "Due counts link to every complaint due, of every period, with its period (the period column) and whether it met the target (the met column: a period's met are its rows that did); missed counts to those that did not, of every period too: a period's are the rows of its period. Periods with no complaint due are not listed. A period's met % is n/a while some of its complaints are still open within the target (open, not yet due): of those due so far, the fastest handled, it would read high until the rest are due."

// auditCopy creates rpt_audit_rows (sql/rpt_audit.sql), the scope's ID
// columns and flags in ID order, and its view rpt_audit, which the ID
// lists read without sorting again (keepsOrder).
func (r *run) auditCopy(ctx context.Context) error {
	// With one source (or none) in the warehouse, and so in the scope, the
	// order by ID alone is the order by source and ID, and cheaper to sort.
	// The count reads the source column's dictionary: 0.01 s on 10M.
	var sources int64
	if err := r.conn.QueryRowContext(ctx, `SELECT count(DISTINCT source) FROM complaints`).Scan(&sources); err != nil {
		return fmt.Errorf("audit lists: %w", err)
	}
	order := "source, complaint_id"
	if sources <= 1 {
		order = "complaint_id"
	}
	if _, err := r.conn.ExecContext(ctx, strings.Replace(query("rpt_audit"), "{{ORDER}}", order, 1)); err != nil {
		return fmt.Errorf("audit lists: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, r.viewSQL("audit_view")); err != nil {
		return fmt.Errorf("audit lists: %w", err)
	}
	if err := r.judged(ctx, "rpt_audit", "rpt_audit_flags"); err != nil {
		return fmt.Errorf("audit lists: %w", err)
	}
	return r.keepsOrder(ctx, "rpt_audit")
}

// judged creates the view named view of the complaints of the view from
// (whose columns are the scope's) as the audit judges them against the
// targets (sql/audit_judged.sql): the summary's queries read the scope's
// (rpt_audited of rpt_complaints), the ID lists the sorted copy's.
func (r *run) judged(ctx context.Context, view, from string) error {
	q := strings.NewReplacer("{{VIEW}}", view, "{{FROM}}", from).Replace(query("audit_judged"))
	if _, err := r.conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("audit_judged %s: %w", view, err)
	}
	return nil
}

// sourceFlag says whose figure a flag of the source's own is (timely,
// disputed: col, audit_summary.sql's count of the known values): the
// sources of sum's rows that record it, and, as those are in a CFPB
// export, its column (what).
func sourceFlag(sum *result, col, what string) string {
	var sources []string
	for _, row := range sum.rows {
		if n, _ := num(row[sum.col(col)]); n > 0 {
			sources = append(sources, text(row[sum.col("source")]))
		}
	}
	if len(sources) == 0 {
		return "the source's own flag, recorded by no source here (a CFPB export's " + what + ")"
	}
	return "the source's own flag, recorded by " + sourcesWithWhy(sources, nil) + " (a CFPB export's " + what + ")"
}

// completenessBySource is each source's complete % of each field
// (sql/audit_completeness_by_source.sql), a column per source in the
// order of the rows, n/a where the source does not record the field.
func (r *run) completenessBySource(ctx context.Context) (*result, error) {
	long, err := r.rows(ctx, "audit_completeness_by_source")
	if err != nil {
		return nil, err
	}
	fi, si, pi := long.col("field"), long.col("source"), long.col("complete %")
	res := &result{cols: []string{"field"}, counts: true}
	at := map[string]int{} // a source's column
	for _, row := range long.rows {
		src := text(row[si])
		if _, ok := at[src]; !ok {
			at[src] = len(res.cols)
			res.cols = append(res.cols, src)
		}
	}
	for _, row := range long.rows {
		if n := len(res.rows); n == 0 || res.rows[n-1][0] != row[fi] {
			res.rows = append(res.rows, append([]any{row[fi]}, make([]any, len(res.cols)-1)...))
		}
		res.rows[len(res.rows)-1][at[text(row[si])]] = row[pi]
	}
	return res, nil
}
