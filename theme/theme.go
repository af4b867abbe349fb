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

// Asset is a file of the theme that a generated website carries: Src in FS, Out in the site.
type Asset struct{ Out, Src string }

// SiteAssets are the files every website youjun makes carries (the county's report and the
// rollup): the style sheet, the scripts and the vendored ECharts with its licence and notice.
var SiteAssets = []Asset{
	{"assets/style.css", "assets/style.css"},
	{"assets/site.js", "assets/site.js"},
	{"assets/sort.js", "assets/sort.js"},
	{"assets/echarts.min.js", "vendor/echarts-5.6.0/echarts.min.js"},
	{"assets/LICENSE-echarts.txt", "vendor/echarts-5.6.0/LICENSE"},
	{"assets/NOTICE-echarts.txt", "vendor/echarts-5.6.0/NOTICE"},
}
