//go:build !linux

package hugepages

// Advise does nothing outside Linux.
func Advise() error { return nil }
