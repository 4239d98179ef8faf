//go:build duckdb_arrow

package classify

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// reusedMemory is an Arrow allocator that keeps the buffers released to
// it and hands them out again, so that the classifications Run writes (a
// record batch of 16,384 rows, about 20 MB, 60 times per million
// complaints) fill the same memory again instead of new memory the
// garbage collector later frees. On these virtual machines the first touch
// of a page costs about 10 µs; the batches' buffers were two thirds of the
// bytes Run allocated.
//
// Buffers come in powers of two from 64 bytes, 64-byte aligned as Arrow
// wants, zeroed as Go's allocator gives them; at most max bytes are kept.
type reusedMemory struct {
	mu   sync.Mutex
	free [64][][]byte // by log2 of capacity
	kept int
	max  int
}

var _ memory.Allocator = (*reusedMemory)(nil)

func newReusedMemory(max int) *reusedMemory { return &reusedMemory{max: max} }

func (m *reusedMemory) Allocate(size int) []byte {
	class := 6 // the smallest buffer, 64 bytes
	if size > 64 {
		class = bits.Len(uint(size - 1)) // 1<<class >= size
	}
	m.mu.Lock()
	if n := len(m.free[class]); n > 0 {
		b := m.free[class][n-1]
		m.free[class] = m.free[class][:n-1]
		m.kept -= cap(b)
		m.mu.Unlock()
		b = b[:cap(b)]
		clear(b)
		return b[:size]
	}
	m.mu.Unlock()
	const align = 64
	raw := make([]byte, 1<<class+align)
	shift := int(-uintptr(unsafe.Pointer(unsafe.SliceData(raw))) & (align - 1))
	return raw[shift : shift+size : shift+1<<class]
}

func (m *reusedMemory) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size]
	}
	nb := m.Allocate(size)
	copy(nb, b)
	m.Free(b)
	return nb
}

// Free keeps b for reuse; a buffer this allocator did not make (its
// capacity is no power of two of 64 bytes or more) is left to the garbage
// collector.
func (m *reusedMemory) Free(b []byte) {
	c := cap(b)
	if c < 64 || c&(c-1) != 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.kept+c > m.max {
		return
	}
	class := bits.Len(uint(c)) - 1
	m.free[class] = append(m.free[class], b[:0])
	m.kept += c
}
