//go:build duckdb_arrow

package classify

import (
	"testing"
	"unsafe"
)

func TestReusedMemory(t *testing.T) {
	m := newReusedMemory(1 << 20)
	b := m.Allocate(1000)
	if len(b) != 1000 || cap(b) != 1024 || uintptr(unsafe.Pointer(&b[0]))%64 != 0 {
		t.Fatalf("Allocate(1000): len %d cap %d at %p, want 1000, 1024, 64-byte aligned", len(b), cap(b), &b[0])
	}
	for i := range b {
		b[i] = 0xff
	}
	b = m.Reallocate(1024, b) // fits: the same memory
	m.Free(b)
	c := m.Allocate(700)
	if &c[0] != &b[0] {
		t.Error("a freed buffer of the size class was not reused")
	}
	for i, x := range c[:cap(c)] {
		if x != 0 {
			t.Fatalf("reused buffer not zeroed at %d", i)
		}
	}
	d := m.Reallocate(5000, c) // grows: new memory, c kept
	if len(d) != 5000 || cap(d) != 8192 {
		t.Errorf("Reallocate(5000): len %d cap %d, want 5000, 8192", len(d), cap(d))
	}
	if e := m.Allocate(1024); &e[0] != &c[0] {
		t.Error("the buffer Reallocate moved from was not reused")
	}
	m.Free(make([]byte, 100)) // not one of its own: left to the collector
	if m.kept != 0 {
		t.Errorf("kept %d bytes of a foreign buffer", m.kept)
	}
	big := m.Allocate(2 << 20)
	m.Free(big)
	if m.kept != 0 {
		t.Errorf("kept %d bytes, over its limit of %d", m.kept, m.max)
	}
}
