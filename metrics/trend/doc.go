// Package trend detects changes in complaint series that quality managers
// can trust: spikes, emerging groups, rising and falling trends and level
// shifts, each with its method, a p-value and a Benjamini-Hochberg q-value,
// and up to five complaint IDs as evidence.
//
// # Model
//
// A Panel holds, for one dimension (product, topic, the pair topic,product,
// ...), the complaints of every group per period (day, ISO week or month).
// Each group is judged as a rate against a denominator: the period's volume
// estimated by the median-of-ratios method over the groups (Anders and
// Huber 2010), which grows with overall volume, so growth is not an alert,
// but does not move when a few groups surge, so one group's event is not a
// fall in all the others. When the complaints come from two or more
// sources, a group's denominator is what each source's own volume
// predicts from that source's mix (indirect standardisation), and its
// history starts when the last source carrying a tenth of it began: a
// source added to the warehouse brings its own groups and its own ups and
// downs, which are no change in any group. Weekday and yearly seasons of a group's share
// (where the history allows: three weeks of days, about two years of weeks
// or months, and only when their terms are significant) are folded into the
// exposure before any test.
//
// At each period T, reading nothing after T, every group gets:
//
//   - spike: the count of T against a quasi-Poisson log-linear baseline of
//     the share over up to two years (fitted robustly, with a step at a
//     significant changepoint so the baseline is the current regime), the
//     upper tail of the negative binomial with the baseline's mean and
//     prediction variance, studentized for the estimated dispersion; and
//     the same against the group's own recent volume (the last trend window,
//     with a linear trend; weekday terms for days when significant; times
//     the rise of the same periods a year before above their own recent
//     level, when significant: a peak every December), which is how a
//     surge of every group (a storm) shows;
//   - emerging: when the baseline expects under one complaint, the exact
//     conditional binomial test of T's count against the baseline's;
//   - shift: the best single changepoint of the window (quasi-likelihood F
//     test, a one-period spike left out), if it started recently,
//     Bonferroni-adjusted over the recent start periods: observed is the
//     group's complaints a period on average since the start (Since),
//     expected its share before times that volume, and its evidence the
//     complaints since the start; a shift the run of the period before
//     raised too, same group and direction, is continuing (Continuing:
//     that run is replayed when it was not judged, as Since replays);
//   - rising/falling: Mann-Kendall on the recent shares, corrected for
//     autocorrelation (Hamed and Rao 1998), with Sen's slope for the size:
//     observed is the Sen line at T, expected the share before the trend
//     window (of the baseline's current regime), both at T's volume, so
//     that their ratio reads the change, as a shift's does.
//
// A spike's expected is the baseline's share at T times T's volume, the
// median-of-ratios estimate, not T's total. With no trend, step or
// season in the baseline it is, by hand: for each group with a mean of 5
// or more a period over the window to T (T included), its count in a
// period over that mean; the period's volume is the median of those
// ratios times the sum of the means; expected is the group's complaints
// over the periods before T, over their volumes summed, times T's
// volume. The QA pass's cr.duckdb, topic audio_quality in the week of 23
// November 2026: volume 179.87 (not the 200 received: the 20 planted
// complaints raise one topic, not the median), share 0.10377 over the 16
// weeks before, expected 18.666.
//
// Expected is what the period would have held without the change. A shift
// or a trend of a group with no complaint before it expects 0: its ratio
// is null and the alert says new_group. A period of no complaint at all,
// where its like periods (its weekday, for days) have a median of 10 or
// more, is a gap in the data, and a weekday with none throughout the
// window a day the complaints do not come (a helpdesk closed at weekends):
// the volume baseline and its factor of the year before leave both out,
// as the share tests leave out every period of no volume, and so does the
// rising/falling test's series, with any other period of no volume (a
// small helpdesk's quiet day: no volume, no share), whose periods left are
// tested while they are 8 or more (Sen's slope per period, over the
// periods read). A group's zero on a period others had complaints is its
// share, 0.
//
// With Options.Metrics, NPS and CSAT get a level test of the period against
// its baseline and a weighted least squares trend, both from their
// sampling variances, and the median resolution time a Mann-Whitney test.
// A score is compared with the same survey sources' answers only (a change
// of instrument loads as another source): both tests compare the period's
// sources with as many answers of their own in the baseline as a test
// needs, the level test's baseline each at its own baseline score, the
// line through their answers (Alert.SurveySources; the sources each test
// left out, and why, alert or not: Result.SurveySourcesLeftOut; a test
// the sources kept from being made: Result.MetricsNotTested, the sources
// it set aside in Result.SurveySourcesLeftOut too), and an
// alert's evidence is the compared sources' responses.
// A trend's expected is the score pooled over the periods before its
// window (the line's start when they hold too few answers), observed the
// line at the period judged; their ratio is null (an NPS can be 0 or
// negative), their difference the change.
// A survey test is made only with metrics.MinTestResponses answers (or
// MinCount, when more) in the period judged and in the pooled baseline, and
// a trend line goes only through periods of as many, as the executive
// report tests a change only so. CES is not tested.
//
// Benjamini-Hochberg runs over every test of a run (all groups, dimensions,
// kinds and metrics) judging one period; with Since each period replayed
// is a run of its own, its q-values those its report would have had then:
// pooled over the periods replayed, a period's alerts would depend on the
// periods after it (a look-ahead) and on how far back the replay starts.
// The family is the tests of one run, so the dimensions tested (Options.By)
// move every q-value: `complaints trends --metrics` tests all complaints
// only, the weekly page all, topic and product (`trends --metrics --by
// 'all;topic;product'` gives the page's q-values), and an alert's q-value
// differs between them (the QA board pack's CSAT rise of the week of
// 2025-09-08: q 1e-05 from trends, 5.1e-05 on the page, p 2.6e-06 on both).
// With IncludePartial the incomplete period holding AsOf is judged after
// the latest complete one, a run of its own too; its NPS and CSAT get
// their level tests (on the answers so far, with as many as a complete
// period's test needs) and no trend line (Result.MetricsNotTested).
// An alert needs q <= Q, MinCount complaints and an
// observed/expected ratio of at least MinRatio (or its inverse). MinCount
// counts complaints as received: a spike's or an emerging group's in the
// period, a rise's at the period on its line or a period since the shift,
// a fall's a period on the higher side of the change, before it (the mean
// of the recent periods just before its start or trend window) or since
// (a share may fall while the count grows): not the share before at the
// volume since, which a fivefold growth made 7.1 complaints of a group
// that had 0 to 2 a week (TestShiftMinCountBeforeLevel). An alert on a
// grouping read from complaint text (topic, language) whose periods read
// as changed have a share of complaints classified from a narrative
// significantly unlike that of the periods compared with says so
// (Alert.TextCoverage): the topics of complaints without one come from
// their product, and a fall in narratives moves every topic. Emerging
// phrases (EmergingPhrases, Options.Phrases) are a family of their own,
// each term tested against the baseline's complaints of like length
// (strata.go), mined from the narratives classify redacted only: while any narrative of
// the texts compared is not redacted, none is listed
// (Result.PhrasesWithheld). Terms that mostly the same complaints use, or
// that name one problem, are merged into one phrase, without chaining: a
// term joins only if it meets the criterion with every term joined, so
// two problems that share a word ("data cap", "data breach") stay apart.
// A phrase counts the complaints of the term it names, its longest (not
// of its strongest, which may be the shared word: "data").
// A word's forms are tested together too ("crackling" and "crackles",
// formGroups). A term whose rise a stronger phrase's complaints make (on
// the complaints outside them it is not significant) joins that phrase,
// unless it names a kind of the phrase's counted term, whose words its
// complaints use as a noun ("data breach" beside "data"), not as a verb
// or an adjective ("crackling noise" beside "crackling"): then it names
// another problem of that thing. With Since the alerts are replayed, the
// phrases are the last period's only (Result.PhrasesPeriodStart); with
// IncludePartial they are the latest complete period's, and the
// incomplete one is not mined (Result.MetricsNotTested says so).
//
// Detect judges the latest complete period, or with Since replays itself at
// the end of every period using only data received up to then: the
// backtest that shows how often it is right (see TestBacktestSynthetic and
// internal/synth/events).
package trend
