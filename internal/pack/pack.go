// Package pack reads the submission package (申报材料包): the one zip file a county hands to the
// 市/省 督导 office, holding its report, the data and chapters the report was made from, the
// 佐证材料 and a manifest of every file's SHA-256. A reviewer's tools (verify, rollup) open it
// with Open and re-check it; nothing in it is trusted.
//
// A package is one root folder, zipped (or left as a folder):
//
//	<县名>优质均衡申报材料-<date>/
//	  manifest.json                           Manifest: every other file with its SHA-256
//	  <县名>义务教育优质均衡发展自评报告.pdf      the report as submitted
//	  evaluation.json                         the evaluation with its provenance
//	  site/                                   the site the report was built from: site.toml,
//	                                          data/, content/, templates/, evidence/ …
//	  html/                                   the report's website as build wrote it
//
// Everything besides manifest.json, site/ and html/ sits at the root, so that a reviewer who
// unzips the package sees the documents first.
package pack

import "github.com/youjun-edu/youjun/internal/site"

// Format names the layout above in a manifest; a reader refuses other formats.
const Format = "youjun-package/1"

// The names of the layout.
const (
	ManifestName   = "manifest.json"
	EvaluationName = "evaluation.json"
	SiteFolder     = "site"
	HTMLFolder     = "html"
)

// Manifest is manifest.json: what the package is and every file in it but the manifest.
type Manifest struct {
	Format   string `json:"format"`
	County   string `json:"county"`
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	Year     int    `json:"year"`
	Date     string `json:"date"`
	Version  string `json:"youjun_version"`
	Profile  string `json:"profile"`
	// ResultSHA256 is evaluation.json's result_sha256: the digest of the evaluation itself.
	ResultSHA256 string `json:"result_sha256"`
	// Files are every file of the package but manifest.json, by path (slashes, relative to
	// the root folder), in byte order of the paths.
	Files []site.Input `json:"files"`
}
