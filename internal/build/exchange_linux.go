package build

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b in one step (renameat2 with RENAME_EXCHANGE, Linux 3.15+),
// so that a reader of b never finds it missing. It fails on file systems without support (some
// network and FUSE file systems); the caller then falls back to two renames.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// exchangeSupported tells the tests that exchange works here.
const exchangeSupported = true
