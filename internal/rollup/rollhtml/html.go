// Package rollhtml renders a rollup as a static, offline website.
package rollhtml

import "github.com/youjun-edu/youjun/internal/rollup"

// Render returns the pages and assets by their path in the output.
func Render(r *rollup.Rollup) (map[string][]byte, error) { return map[string][]byte{}, nil }
