// Package trend detects changes in complaint series that quality managers
// can trust: spikes, emerging groups, rising and falling trends and level
// shifts, each with a p-value and a Benjamini-Hochberg q-value.
//
// The model is a count series per group (a value of a dimension such as
// product or topic) and period (day, ISO week or month), with the period's
// total as denominator, so that growth of overall volume is not taken for a
// change in any group. Baselines are quasi-Poisson log-linear models with
// weekday and yearly terms where history allows; tail probabilities use the
// negative binomial with the baseline's mean and prediction variance.
//
// Detect judges the latest complete period, or with Since replays itself at
// the end of every period using only data received up to then.
package trend
