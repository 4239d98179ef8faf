// Package events generates seeded synthetic complaint exports with planted
// events and their answer key, for backtesting trend detection.
//
// A Dataset is a weekly panel of groups (products) whose counts are
// over-dispersed (gamma-Poisson, i.e. negative binomial) around a share of
// a total volume that grows and has a yearly season. Some groups carry one
// planted event — a one-week spike, a lasting level shift up or down, a
// gradual rise, or a new group appearing — and the rest are null series
// whose share never changes (some with a seasonal share). The same seed
// always gives the same bytes.
package events
