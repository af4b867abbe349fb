// Package theme is youjun's default theme, embedded in the binary: the style sheet and script,
// the free CJK font and vendored third-party files (vendor/, each with its licence). The page
// templates are in the top-level templates/ package. A site replaces style.css or site.js by
// putting a file of the same name in its templates/ folder.
package theme

import "embed"

// FS holds assets/, vendor/ and fonts/ (the free CJK font the PDF falls back to).
//
//go:embed assets vendor fonts
var FS embed.FS
