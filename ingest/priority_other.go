//go:build !linux

package ingest

// lowerPriority does nothing where thread priorities are not set.
func lowerPriority() {}
