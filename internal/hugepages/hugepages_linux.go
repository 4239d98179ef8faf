package hugepages

import "golang.org/x/sys/unix"

// lowest and highest bound the user address space of x86-64 and arm64
// with 4-level page tables (47 bits); mappings above it (5-level tables,
// only when a program asks for them) are left alone.
const (
	lowest  = 1 << 12
	highest = 1 << 47
)

// Advise marks every mapping of the process for transparent huge pages
// (MADV_HUGEPAGE). Memory already faulted in is collapsed into huge pages
// later by the kernel's khugepaged; memory touched after the call is
// faulted in huge pages where the kernel has them.
func Advise() error {
	_, _, errno := unix.Syscall(unix.SYS_MADVISE, lowest, highest-lowest, unix.MADV_HUGEPAGE)
	if errno != 0 && errno != unix.ENOMEM { // ENOMEM: the range has unmapped holes, advised around them
		return errno
	}
	return nil
}
