package events

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// Event kinds, named as the trend alert kinds they should raise first.
const (
	Spike    = "spike"    // one week multiplied by Magnitude
	Shift    = "shift"    // every week from Start on multiplied by Magnitude (up or down)
	Rise     = "rising"   // the share ramps linearly to Magnitude times between Start and End, then stays
	NewGroup = "emerging" // the group has no complaints before Start
)

// Event is one planted change, in the answer key.
type Event struct {
	Group     string  `json:"group"`
	Kind      string  `json:"kind"`
	Start     int     `json:"start_week"` // index of the first affected week
	End       int     `json:"end_week"`   // last week of the change itself (Start for spikes and steps)
	StartDate string  `json:"start_date"` // Monday of week Start
	Magnitude float64 `json:"magnitude"`  // multiplier of the share (new groups: mean weekly count)
}

// Config sets the shape of a dataset. Zero fields take the defaults.
type Config struct {
	Seed       uint64
	Weeks      int       // default 104
	Groups     int       // default 48
	Events     int       // groups with an event; default 16 (4 of each kind); -1 for none
	Start      time.Time // a Monday; default 2023-01-02
	Volume     float64   // complaints in week 0; default 1200
	Growth     float64   // relative growth of total volume over the whole span; default 0.6
	Season     float64   // yearly amplitude of total volume; default 0.15
	Dispersion float64   // gamma-Poisson size k (Var = mu + mu^2/k); default 25
	// EventsFrom and EventsTo bound the start week of events; default the
	// second year, leaving 8 weeks at the end.
	EventsFrom, EventsTo int
}

// Dataset is a generated panel with its answer key.
type Dataset struct {
	Config Config
	Groups []string
	Counts [][]int // Counts[g][week]
	Events []Event
	Null   []string // groups without an event
	// Seasonal are the null groups whose share follows a yearly season.
	Seasonal []string
}

func (c Config) withDefaults() Config {
	if c.Weeks == 0 {
		c.Weeks = 104
	}
	if c.Groups == 0 {
		c.Groups = 48
	}
	switch {
	case c.Events == 0:
		c.Events = 16
	case c.Events < 0:
		c.Events = 0
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	}
	if c.Volume == 0 {
		c.Volume = 1200
	}
	if c.Growth == 0 {
		c.Growth = 0.6
	}
	if c.Season == 0 {
		c.Season = 0.15
	}
	if c.Dispersion == 0 {
		c.Dispersion = 25
	}
	if c.EventsFrom == 0 {
		c.EventsFrom = c.Weeks/2 + 4
	}
	if c.EventsTo == 0 {
		c.EventsTo = c.Weeks - 9
	}
	if c.Events > c.Groups {
		panic("events: more events than groups")
	}
	return c
}

// Generate builds the dataset of cfg.
func Generate(cfg Config) Dataset {
	cfg = cfg.withDefaults()
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	d := Dataset{Config: cfg}
	// Shares: log-normal weights. Groups with an event get a share of at
	// least 1.5% so the event is material (the detector's MinCount).
	w := make([]float64, cfg.Groups)
	sum := 0.0
	for g := range w {
		w[g] = math.Exp(0.6 * rng.NormFloat64())
		sum += w[g]
	}
	share := make([]float64, cfg.Groups)
	for g := range w {
		share[g] = w[g] / sum
		d.Groups = append(d.Groups, fmt.Sprintf("P%02d", g+1))
	}
	// Which groups get which event: a random permutation.
	perm := rng.Perm(cfg.Groups)
	effect := make([][]float64, cfg.Groups)
	seasonal := make([]float64, cfg.Groups)
	for g := range effect {
		effect[g] = make([]float64, cfg.Weeks)
		for t := range effect[g] {
			effect[g][t] = 1
		}
	}
	kinds := []string{Spike, Shift, Rise, NewGroup}
	for i := 0; i < cfg.Events; i++ {
		g := perm[i]
		share[g] = math.Max(share[g], 0.015)
		start := cfg.EventsFrom + rng.IntN(cfg.EventsTo-cfg.EventsFrom+1)
		ev := Event{Group: d.Groups[g], Kind: kinds[i%len(kinds)], Start: start, End: start}
		switch ev.Kind {
		case Spike:
			ev.Magnitude = 2.5 + 1.5*rng.Float64()
			effect[g][start] = ev.Magnitude
		case Shift:
			if (i/len(kinds))%2 == 0 {
				ev.Magnitude = 1.8 + 0.6*rng.Float64()
			} else {
				ev.Magnitude = 0.35 + 0.15*rng.Float64()
				share[g] = math.Max(share[g], 0.025) // a fall needs a level to fall from
			}
			for t := start; t < cfg.Weeks; t++ {
				effect[g][t] = ev.Magnitude
			}
		case Rise:
			ev.Magnitude = 2.2 + 0.8*rng.Float64()
			ev.End = min(start+12, cfg.Weeks-1)
			for t := start; t < cfg.Weeks; t++ {
				f := math.Min(1, float64(t-start+1)/float64(ev.End-start+1))
				effect[g][t] = 1 + (ev.Magnitude-1)*f
			}
		case NewGroup:
			ev.Magnitude = 15 + 25*rng.Float64()
			share[g] = ev.Magnitude / cfg.Volume // level at week 0 volume
			for t := 0; t < start; t++ {
				effect[g][t] = 0
			}
		}
		ev.StartDate = cfg.Start.AddDate(0, 0, 7*start).Format("2006-01-02")
		d.Events = append(d.Events, ev)
	}
	for i := cfg.Events; i < cfg.Groups; i++ {
		g := perm[i]
		d.Null = append(d.Null, d.Groups[g])
		if i%4 == 0 {
			seasonal[g] = 0.2 // a null group whose share has its own season
			d.Seasonal = append(d.Seasonal, d.Groups[g])
		}
	}
	d.Counts = make([][]int, cfg.Groups)
	gamma := distuv.Gamma{Alpha: cfg.Dispersion, Beta: cfg.Dispersion, Src: rng}
	for g := range d.Counts {
		d.Counts[g] = make([]int, cfg.Weeks)
		phase := rng.Float64() * 2 * math.Pi
		for t := 0; t < cfg.Weeks; t++ {
			mu := d.Volume(t) * share[g] * effect[g][t] * (1 + seasonal[g]*math.Sin(2*math.Pi*float64(t)/52.18+phase))
			if mu <= 0 {
				continue
			}
			lambda := mu * gamma.Rand()
			d.Counts[g][t] = int(distuv.Poisson{Lambda: lambda, Src: rng}.Rand())
		}
	}
	return d
}

// Volume is the expected total of week t before events: growing linearly
// with a yearly season.
func (d Dataset) Volume(t int) float64 {
	c := d.Config
	return c.Volume * (1 + c.Growth*float64(t)/float64(c.Weeks)) * (1 + c.Season*math.Sin(2*math.Pi*float64(t)/52.18))
}

// WriteCSV writes the dataset as a canonical complaints export: one row per
// complaint with complaint_id, source, received_at, product, channel and
// narrative. Times within a week are spread over its days, weekdays busier.
func (d Dataset) WriteCSV(w io.Writer) error {
	rng := rand.New(rand.NewPCG(d.Config.Seed, 0xc5f))
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"complaint_id", "source", "received_at", "product", "channel", "narrative"}); err != nil {
		return err
	}
	channels := []string{"phone", "web", "email"}
	dayWeight := []float64{0.2, 0.18, 0.17, 0.16, 0.15, 0.08, 0.06}
	id := 0
	for t := 0; t < d.Config.Weeks; t++ {
		week := d.Config.Start.AddDate(0, 0, 7*t)
		for g, name := range d.Groups {
			for k := 0; k < d.Counts[g][t]; k++ {
				id++
				u, day := rng.Float64(), 0
				for day < 6 && u > dayWeight[day] {
					u -= dayWeight[day]
					day++
				}
				at := week.AddDate(0, 0, day).Add(time.Duration(rng.IntN(86400)) * time.Second)
				rec := []string{
					"S" + strconv.FormatUint(d.Config.Seed, 10) + "-" + strconv.Itoa(id),
					"synth",
					at.Format("2006-01-02 15:04:05"),
					name,
					channels[rng.IntN(len(channels))],
					"complaint about " + name,
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
