package demo

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// The files Write creates, with the canonical column names that the ingest
// canonical profile recognises.
const (
	ComplaintsFile = "synthetic_helpdesk_complaints.csv"
	SurveysFile    = "synthetic_surveys.csv"
	CustomersFile  = "synthetic_customers.csv"
	ReadmeFile     = "README.md"
)

// Source values written into the files, so synthetic rows never pass for real ones.
const (
	ComplaintSource = "synthetic-helpdesk"
	SurveySource    = "synthetic-survey"
)

// DefaultSeed is the seed of the committed files in testdata/demo/synthetic.
const DefaultSeed = 20250106

// Options size the demo. The zero value gives the committed demo.
type Options struct {
	Seed      uint64 // 0 means DefaultSeed
	Customers int    // default 1200
	Start     time.Time
	Weeks     int // default 26, from Start (default Monday 2019-09-16, so the demo overlaps the last months of the CFPB sample)
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Customers <= 0 {
		o.Customers = 1200
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2019, 9, 16, 0, 0, 0, 0, time.UTC)
	}
	if o.Weeks <= 0 {
		o.Weeks = 26
	}
	return o
}

// issue is one kind of complaint: where it routes, how hard it is, and what
// customers write about it.
type issue struct {
	name, product, department string
	weight                    float64 // share of complaints
	medianDays                float64 // median time to resolve
	openShare                 float64 // share never resolved in the window
	texts                     []string
}

var issues = []issue{
	{"Billing error", "Broadband", "Billing", 0.24, 2, 0.03, []string{
		"I was charged twice this month for the same package and nobody has refunded me.",
		"My bill went up without any notice. Please explain the extra charge.",
		"The direct debit took the wrong amount and the app shows a different balance.",
	}},
	{"Slow speed", "Broadband", "Network", 0.20, 6, 0.06, []string{
		"Internet speed is far below what I pay for, especially in the evenings.",
		"Speeds drop to almost nothing every night. Video calls keep freezing.",
		"The speed test shows a tenth of the advertised speed.",
	}},
	{"Outage", "Broadband", "Network", 0.12, 3, 0.04, []string{
		"No internet at all since yesterday morning. The status page says nothing.",
		"Service has been down for two days and I work from home.",
		"Connection drops every hour; the router lights go red.",
	}},
	{"Installation delay", "TV", "Field Service", 0.12, 12, 0.08, []string{
		"The engineer did not turn up for the installation appointment again.",
		"Installation was booked three weeks ago and still nothing.",
		"The technician left without finishing the installation.",
	}},
	{"Mobile coverage", "Mobile", "Network", 0.14, 8, 0.05, []string{
		"No mobile signal at home since the mast work in my area.",
		"Calls drop constantly and texts arrive hours late.",
		"Coverage map says 4G but I get no signal indoors.",
	}},
	{"Rude agent", "Mobile", "Customer Care", 0.10, 1.5, 0.02, []string{
		"The agent on the phone was rude and hung up on me.",
		"I was transferred five times and nobody listened.",
		"Chat support closed my conversation without answering.",
	}},
	{"Contract dispute", "Mobile", "Retention", 0.08, 10, 0.07, []string{
		"I was told the contract had no early exit fee and now I am being charged one.",
		"The price rise breaks the deal I was sold in store.",
		"You renewed my contract without asking me.",
	}},
}

// Phrases some narratives end with: the churn-intent cue the classifier looks for.
var churnPhrases = []string{
	" If this is not fixed I will cancel my contract.",
	" I am switching to another provider.",
	" I want to leave and take my number with me.",
}

var channels = []string{"email", "phone", "chat", "web"}

// Write generates the demo with opts and writes the three CSV files and a
// README into dir, creating it if needed. The same options always give the
// same bytes.
func Write(dir string, opts Options) error {
	d := Generate(opts)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{ComplaintsFile, d.writeComplaints},
		{SurveysFile, d.writeSurveys},
		{CustomersFile, d.writeCustomers},
		{ReadmeFile, d.writeReadme},
	} {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// Complaint is one generated helpdesk ticket.
type Complaint struct {
	ID, CustomerID, Channel, Product, Issue, Status, Assignee, Department, Narrative string
	Received, FirstResponse, Resolved                                                time.Time // zero: none
	Reopened                                                                         int
	ChurnIntent                                                                      bool
}

// Survey is one generated survey response; zero scores are unanswered.
type Survey struct {
	ID, CustomerID, ComplaintID string
	Responded                   time.Time
	CSAT, NPS, CES              int // CSAT 1-5, NPS 0-10 (stored +1 so 0 means none), CES 1-7
	Comment                     string
}

// Customer is one generated customer.
type Customer struct {
	ID, Segment      string
	Since, ChurnedAt time.Time
}

// Demo is a generated data set.
type Demo struct {
	opts       Options
	Customers  []Customer
	Complaints []Complaint
	Surveys    []Survey
}

// Generate builds the demo data in memory. The model, so that the metrics
// have something to find:
//   - complaints arrive on weekdays more than weekends, with a network outage
//     planted in week 11 (50% more complaints, Outage six times as likely);
//   - a fifth of the customers file most repeat complaints;
//   - first responses take a log-normal time (median 5 hours), resolutions a
//     log-normal time around each issue's median; some stay open;
//   - a survey follows about 60% of complaints; satisfaction falls when the
//     complaint is unresolved, slow, reopened or carries churn intent;
//     customers who never complained answer surveys too;
//   - a customer's chance of churning rises with each bad experience, and
//     churn happens 1-6 weeks after the last one.
func Generate(opts Options) *Demo {
	opts = opts.withDefaults()
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	d := &Demo{opts: opts}
	end := opts.Start.AddDate(0, 0, 7*opts.Weeks)

	for i := 0; i < opts.Customers; i++ {
		seg := "consumer"
		if rng.Float64() < 0.3 {
			seg = "business"
		}
		since := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(9*365))
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprintf("CUST-%05d", i+1), Segment: seg, Since: since})
	}
	frequent := opts.Customers / 5

	risk := make([]float64, opts.Customers)
	last := make([]time.Time, opts.Customers)
	n := 0
	for day := opts.Start; day.Before(end); day = day.AddDate(0, 0, 1) {
		rate := 13.0
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			rate = 5
		}
		week := int(day.Sub(opts.Start).Hours()) / (24 * 7)
		if week == 10 {
			rate *= 1.5 // the planted outage week
		}
		for k := poisson(rng, rate); k > 0; k-- {
			is := pickIssue(rng, week == 10)
			var cust int
			if rng.Float64() < 0.45 {
				cust = rng.IntN(frequent)
			} else {
				cust = rng.IntN(opts.Customers)
			}
			n++
			c := Complaint{
				ID:         fmt.Sprintf("HD-%06d", n),
				CustomerID: d.Customers[cust].ID,
				Channel:    channels[rng.IntN(len(channels))],
				Product:    is.product,
				Issue:      is.name,
				Department: is.department,
				Assignee:   fmt.Sprintf("agent-%02d", 1+rng.IntN(14)),
				Received:   day.Add(time.Duration(7*3600+rng.IntN(14*3600)) * time.Second),
				Narrative:  is.texts[rng.IntN(len(is.texts))],
			}
			if rng.Float64() < 0.07 {
				c.Narrative += churnPhrases[rng.IntN(len(churnPhrases))]
				c.ChurnIntent = true
			}
			// first response: log-normal, median 5 h; 8% never answered
			if rng.Float64() < 0.92 {
				c.FirstResponse = c.Received.Add(hours(5 * math.Exp(1.1*rng.NormFloat64())))
			}
			bad := 0.0
			if rng.Float64() >= is.openShare {
				res := c.Received.Add(hours(24 * is.medianDays * math.Exp(0.9*rng.NormFloat64())))
				if c.FirstResponse.IsZero() || c.FirstResponse.After(res) {
					c.FirstResponse = time.Time{}
				}
				if res.Before(end) {
					c.Resolved = res
				}
			}
			c.Status = "closed"
			if c.Resolved.IsZero() {
				c.Status = "open"
				bad += 0.12
			} else if c.Resolved.Sub(c.Received) > 8*7*24*time.Hour {
				bad += 0.08
			}
			switch r := rng.Float64(); {
			case r < 0.02:
				c.Reopened = 2
			case r < 0.10:
				c.Reopened = 1
			}
			if c.Reopened > 0 {
				bad += 0.08
			}
			if c.ChurnIntent {
				bad += 0.25
			}
			if !last[cust].IsZero() && c.Received.Sub(last[cust]) < 90*24*time.Hour {
				bad += 0.04
			}
			risk[cust] += bad
			last[cust] = c.Received
			d.Complaints = append(d.Complaints, c)
			if s, ok := surveyAfter(rng, c, end, len(d.Surveys)+1); ok {
				if s.NPS > 0 && s.NPS-1 <= 6 {
					risk[cust] += 0.10
				}
				d.Surveys = append(d.Surveys, s)
			}
		}
	}
	// Relationship surveys from customers at random times.
	for i := 0; i < opts.Customers/3; i++ {
		cust := frequent + rng.IntN(opts.Customers-frequent)
		t := opts.Start.Add(time.Duration(rng.Int64N(int64(end.Sub(opts.Start)))))
		s := Survey{ID: fmt.Sprintf("SV-%06d", len(d.Surveys)+1), CustomerID: d.Customers[cust].ID, Responded: t}
		score(rng, &s, 0.8)
		d.Surveys = append(d.Surveys, s)
	}
	slices.SortStableFunc(d.Surveys, func(a, b Survey) int { return a.Responded.Compare(b.Responded) })
	for i := range d.Surveys {
		d.Surveys[i].ID = fmt.Sprintf("SV-%06d", i+1)
	}
	for i := range d.Customers {
		if last[i].IsZero() {
			if rng.Float64() < 0.02 {
				d.Customers[i].ChurnedAt = opts.Start.Add(time.Duration(rng.Int64N(int64(end.Sub(opts.Start)))))
			}
			continue
		}
		if rng.Float64() < math.Min(0.9, 0.03+risk[i]) {
			t := last[i].Add(time.Duration(7+rng.IntN(35)) * 24 * time.Hour)
			if t.Before(end) {
				d.Customers[i].ChurnedAt = t.Truncate(24 * time.Hour)
			}
		}
	}
	return d
}

func pickIssue(rng *rand.Rand, outageWeek bool) issue {
	total := 0.0
	w := make([]float64, len(issues))
	for i, is := range issues {
		w[i] = is.weight
		if outageWeek && is.name == "Outage" {
			w[i] *= 6
		}
		total += w[i]
	}
	r := rng.Float64() * total
	for i, x := range w {
		if r < x {
			return issues[i]
		}
		r -= x
	}
	return issues[len(issues)-1]
}

// surveyAfter draws the survey (if any) that follows complaint c.
func surveyAfter(rng *rand.Rand, c Complaint, end time.Time, id int) (Survey, bool) {
	if rng.Float64() > 0.6 {
		return Survey{}, false
	}
	at := c.Received.Add(10 * 24 * time.Hour)
	if !c.Resolved.IsZero() {
		at = c.Resolved.Add(time.Duration(2+rng.IntN(70)) * time.Hour)
	}
	if !at.Before(end) {
		return Survey{}, false
	}
	s := Survey{ID: fmt.Sprintf("SV-%06d", id), CustomerID: c.CustomerID, Responded: at}
	if rng.Float64() < 0.8 { // the rest link through the customer and the time window
		s.ComplaintID = c.ID
	}
	mood := 0.68
	if c.Resolved.IsZero() || c.Resolved.After(at) {
		mood -= 0.35
	} else if c.Resolved.Sub(c.Received) > 14*24*time.Hour {
		mood -= 0.15
	}
	if c.Reopened > 0 {
		mood -= 0.15
	}
	if c.ChurnIntent {
		mood -= 0.2
	}
	if c.Issue == "Rude agent" {
		mood -= 0.1
	}
	score(rng, &s, mood)
	return s, true
}

// score fills CSAT, NPS and CES from a mood in 0..1 plus noise.
func score(rng *rand.Rand, s *Survey, mood float64) {
	m := math.Max(0, math.Min(1, mood+0.2*rng.NormFloat64()))
	if rng.Float64() < 0.85 {
		s.CSAT = 1 + int(math.Round(4*m))
	}
	if rng.Float64() < 0.8 {
		s.NPS = 1 + int(math.Round(math.Min(10, math.Max(0, 10*m+0.8*rng.NormFloat64()))))
	}
	if rng.Float64() < 0.5 {
		s.CES = 1 + int(math.Round(6*(1-m)))
	}
	switch {
	case s.NPS == 0:
	case s.NPS-1 >= 9:
		s.Comment = []string{"Sorted quickly, thank you.", "Helpful and friendly.", "Great service this time."}[rng.IntN(3)]
	case s.NPS-1 <= 6:
		s.Comment = []string{"Took far too long.", "Still not fixed.", "Had to chase you several times."}[rng.IntN(3)]
	}
}

func hours(h float64) time.Duration {
	return time.Duration(h * float64(time.Hour)).Truncate(time.Minute)
}

func poisson(rng *rand.Rand, lambda float64) int {
	// Knuth's method; lambda is small.
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04:05")
}

func num(i int) string {
	if i == 0 {
		return ""
	}
	return strconv.Itoa(i)
}

func (d *Demo) writeComplaints(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"complaint_id", "source", "received_at", "channel", "customer_id", "product", "issue",
		"status", "first_response_at", "resolved_at", "reopened_count", "assignee", "department", "narrative"})
	for _, c := range d.Complaints {
		cw.Write([]string{c.ID, ComplaintSource, ts(c.Received), c.Channel, c.CustomerID, c.Product, c.Issue,
			c.Status, ts(c.FirstResponse), ts(c.Resolved), strconv.Itoa(c.Reopened), c.Assignee, c.Department, c.Narrative})
	}
	cw.Flush()
	return cw.Error()
}

func (d *Demo) writeSurveys(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"response_id", "source", "customer_id", "complaint_id", "responded_at", "csat", "nps", "ces", "comment"})
	for _, s := range d.Surveys {
		nps := ""
		if s.NPS > 0 {
			nps = strconv.Itoa(s.NPS - 1)
		}
		cw.Write([]string{s.ID, SurveySource, s.CustomerID, s.ComplaintID, ts(s.Responded), num(s.CSAT), nps, num(s.CES), s.Comment})
	}
	cw.Flush()
	return cw.Error()
}

func (d *Demo) writeCustomers(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"customer_id", "segment", "since", "churned_at"})
	for _, c := range d.Customers {
		cw.Write([]string{c.ID, c.Segment, c.Since.Format(time.DateOnly), ts(c.ChurnedAt)})
	}
	cw.Flush()
	return cw.Error()
}

func (d *Demo) writeReadme(w io.Writer) error {
	churned := 0
	for _, c := range d.Customers {
		if !c.ChurnedAt.IsZero() {
			churned++
		}
	}
	_, err := fmt.Fprintf(w, `# SYNTHETIC demo data: not real customers, complaints or surveys

Generated by internal/synth/demo (seed %d) for the demo (make run): a
helpdesk, its customer surveys and its customer list, so the reports have
response times, SLA, CSAT, NPS and churn to show. Every value is made up;
the source columns say %q and %q.
Regenerate with: go generate ./internal/synth/demo

| file | rows | columns (canonical names) |
|---|---|---|
| %s | %d | complaint_id, source, received_at, channel, customer_id, product, issue, status, first_response_at, resolved_at, reopened_count, assignee, department, narrative |
| %s | %d | response_id, source, customer_id, complaint_id, responded_at, csat (1-5), nps (0-10), ces (1-7, 7 = most effort), comment |
| %s | %d (%d churned) | customer_id, segment, since, churned_at |

Period: %d weeks from %s. Planted: a network outage in week 11 (50%% more
complaints, Outage six times as likely); satisfaction falls when a complaint is unresolved, slow,
reopened or carries churn intent; churn risk rises with each bad experience.
About a fifth of the post-complaint responses name no complaint and link
through the customer's latest complaint; relationship surveys (one per three
customers, at random times) come partly from customers who never complained.
`, d.opts.Seed, ComplaintSource, SurveySource,
		ComplaintsFile, len(d.Complaints), SurveysFile, len(d.Surveys), CustomersFile, len(d.Customers), churned,
		d.opts.Weeks, d.opts.Start.Format(time.DateOnly))
	return err
}
