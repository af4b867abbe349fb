// Package rollpdf typesets a rollup as a compact A4 PDF.
package rollpdf

import (
	"time"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/rollup"
)

// Render typesets r.
func Render(r *rollup.Rollup, set fonts.Set, created time.Time) ([]byte, error) { return nil, nil }
