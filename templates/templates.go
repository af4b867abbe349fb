// Package templates holds youjun's default page templates, embedded in the binary: baseof.html
// (the page frame and its partials) and one file per kind of page. A site overrides one by
// putting a file of the same name in its own templates/ folder. The repository's root is also
// the example site, so this folder is the example's templates/ too: the site loader reads only
// the template names it knows, and ignores this file.
package templates

import "embed"

// FS holds the *.html templates.
//
//go:embed *.html
var FS embed.FS
