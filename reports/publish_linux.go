package reports

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the directories src and dst in one step (renameat2's
// RENAME_EXCHANGE): dst never goes missing, as it does between moving it
// aside and moving src in. swapped is false, with no error, where the file
// system cannot (EINVAL, or a kernel without renameat2).
func exchange(src, dst string) (swapped bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return false, nil
	}
	return err == nil, err
}
