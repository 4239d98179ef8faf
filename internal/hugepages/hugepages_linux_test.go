package hugepages

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// advised reports whether the mapping holding addr carries the kernel's
// VM_HUGEPAGE flag ("hg" in the VmFlags line of /proc/self/smaps).
func advised(t *testing.T, addr uintptr) bool {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	inside := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 { // a mapping's first line: its range
			inside = lo <= addr && addr < hi
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			return slices.Contains(strings.Fields(line)[1:], "hg")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no mapping holds %#x", addr)
	return false
}

// mapAnon maps size bytes of fresh anonymous memory for the test.
func mapAnon(t *testing.T, size int) uintptr {
	t.Helper()
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(b) })
	return uintptr(unsafe.Pointer(&b[0]))
}

// TestAdvise: a mapping made before the call is marked by it, one made
// after is not (until the next call).
func TestAdvise(t *testing.T) {
	before := mapAnon(t, 4<<20)
	if advised(t, before) {
		t.Fatal("a fresh mapping is already advised: the check below would prove nothing")
	}
	if err := Advise(); err != nil {
		t.Fatalf("Advise: %v", err)
	}
	if !advised(t, before) {
		t.Error("the mapping made before Advise is not marked for huge pages")
	}
	after := mapAnon(t, 4<<20)
	if advised(t, after) {
		t.Error("a mapping made after Advise is marked: the check cannot tell")
	}
}

// TestKeep: Keep marks mappings made while it runs, within a few intervals.
func TestKeep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Keep(ctx, 5*time.Millisecond); close(done) }()
	defer func() { cancel(); <-done }()
	addr := mapAnon(t, 4<<20)
	deadline := time.Now().Add(5 * time.Second)
	for !advised(t, addr) {
		if time.Now().After(deadline) {
			t.Fatal("Keep did not mark a new mapping within 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
