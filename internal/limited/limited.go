// Package limited reads input files with a ceiling on memory: an input many times larger than
// any real one is refused after reading just past its limit, not loaded whole.
package limited

import (
	"io"
	"os"
)

// ReadFile reads the file at path, or its first max+1 bytes when it is larger: the caller
// tells a file that is too large by len(b) > max.
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}
