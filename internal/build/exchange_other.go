//go:build !linux

package build

import "errors"

// exchange is not available here: the caller falls back to two renames, with a short moment
// between them when the output folder does not exist.
func exchange(a, b string) error { return errors.ErrUnsupported }

const exchangeSupported = false
