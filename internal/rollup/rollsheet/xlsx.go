// Package rollsheet writes a rollup as an Excel workbook.
package rollsheet

import "github.com/youjun-edu/youjun/internal/rollup"

// XLSX writes the workbook.
func XLSX(r *rollup.Rollup, date string) ([]byte, error) { return nil, nil }
