// Package theme is youjun's default theme, embedded in the binary: the HTML layouts, the style
// sheet and script, and vendored third-party files (vendor/, each with its licence). A site
// overrides a layout by putting a file of the same name in its templates/ folder.
package theme

import "embed"

// FS holds layouts/, assets/, vendor/ and fonts/ (the free CJK font the PDF falls back to).
//
//go:embed layouts assets vendor fonts
var FS embed.FS
