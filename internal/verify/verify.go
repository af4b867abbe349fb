// Package verify re-checks a submission package (申报材料包) the way a 市/省 督导 office would:
// it opens the package, compares every file with the manifest, evaluates the packaged data again
// with the packaged profile and compares the packaged results — evaluation.json, the appendix
// workbooks and CSVs — value by value with the recomputation. Nothing in the package is trusted:
// a tamperer who rewrote the manifest too is still caught by the recomputation.
//
// Verification is a list of independent checks (Check), each adding findings to one Report.
// The default list is DefaultChecks; other checks (the PDF's text, the numbers quoted in the
// chapters, the consistency audit) are added to it as further Check values.
package verify

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/sheet"
)

// Kind says what a finding is about; the report groups findings by it.
type Kind string

const (
	KindPackage    Kind = "package"    // the package as a whole: its site cannot be evaluated
	KindManifest   Kind = "manifest"   // a file changed, added or removed after packing
	KindInputs     Kind = "inputs"     // evaluation.json's provenance: inputs[], result_sha256
	KindEvaluation Kind = "evaluation" // a value of evaluation.json
	KindSheet      Kind = "xlsx"       // a cell of an appendix workbook
	KindCSV        Kind = "csv"        // a cell of an appendix CSV
	KindPDF        Kind = "pdf"        // a number in the PDF's text
	KindDOCX       Kind = "docx"       // a number in the Word document's text
	KindChapter    Kind = "chapter"    // a number typed in a chapter
	KindAudit      Kind = "audit"      // the consistency audit: hints, never discrepancies
)

// Chinese is the kind's name in the report.
func (k Kind) Chinese() string {
	switch k {
	case KindPackage:
		return "材料包"
	case KindManifest:
		return "文件清单"
	case KindInputs:
		return "输入摘要"
	case KindEvaluation:
		return "评估结果"
	case KindSheet:
		return "附表（Excel）"
	case KindCSV:
		return "附表（CSV）"
	case KindPDF:
		return "PDF 文本"
	case KindDOCX:
		return "Word 文档文本"
	case KindChapter:
		return "报告正文"
	case KindAudit:
		return "一致性核查"
	}
	return string(k)
}

// Finding is one discrepancy, or, with Warning set, one thing worth a look that is no
// discrepancy (another youjun version, an audit's flag).
type Finding struct {
	Kind    Kind
	File    string // the file in the package, slashes, relative to its root folder
	Where   string // where in the file: a JSON path, a sheet and cell, a row and column, a line
	Want    string // what it should be: the recomputed value, the manifest's digest
	Got     string // what the package holds
	Message string // in Chinese
	Warning bool
}

// Context is what every check reads: the package, and what verify recomputed from its site.
type Context struct {
	Package *pack.Package
	// Prepared is the packaged site loaded, evaluated and with its chapters resolved, by this
	// youjun with the packaged profile; nil when it could not be (Problems says why).
	Prepared *build.Prepared
	// Recomputed are the files build makes from Prepared, by their path in the output folder
	// (the package's html/): data/evaluation.json and every data/<table>.csv and .xlsx. The
	// pages and the PDF are not made: the checks compare numbers, and fonts differ by machine.
	Recomputed map[string][]byte
	// Problems are the errors that kept the packaged site from being evaluated.
	Problems diag.List
}

// Check is one independent check: it reads the Context and returns its findings.
type Check struct {
	Name string // in Chinese, for the report: 文件清单, 评估结果, …
	// NeedsRecomputation marks a check that has nothing to compare when the site could not be
	// evaluated; it is then skipped (the report says why, once).
	NeedsRecomputation bool
	Run                func(*Context) []Finding
}

// DefaultChecks are the checks verify runs: the manifest, evaluation.json's provenance and
// values, the appendix tables, the figures of the PDF and of the Word document, the figures typed in the chapters, and
// the consistency audit (hints only). AuditAgainst adds the comparison with last year's package.
func DefaultChecks() []Check {
	return []Check{
		{Name: "文件清单", Run: checkManifest},
		{Name: "输入摘要", NeedsRecomputation: true, Run: checkInputs},
		{Name: "评估结果", NeedsRecomputation: true, Run: checkEvaluation},
		{Name: "附表", NeedsRecomputation: true, Run: checkTables},
		{Name: "PDF 文本", NeedsRecomputation: true, Run: checkPDF},
		{Name: "Word 文档文本", NeedsRecomputation: true, Run: checkDOCX},
		{Name: "报告正文", NeedsRecomputation: true, Run: checkChapters},
		{Name: "一致性核查", NeedsRecomputation: true, Run: checkAudit},
	}
}

// Report is the result of a verification.
type Report struct {
	Package  string // the package's name: 示例县优质均衡申报材料-2025-10-15
	Manifest pack.Manifest
	Checks   []string // the names of the checks that ran
	Skipped  []string // the names of the checks that had nothing to compare
	Findings []Finding
}

// Discrepancies counts the findings that are not warnings.
func (r *Report) Discrepancies() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Warning {
			n++
		}
	}
	return n
}

// OK reports whether everything agrees: no finding but warnings.
func (r *Report) OK() bool { return r.Discrepancies() == 0 }

// Open opens the package at name (a zip or a folder) and recomputes its site: the Context the
// checks read. The error, in Chinese, means the input is no usable package at all. Close the
// Context's Package when done.
func Open(name string) (*Context, error) {
	p, err := pack.Open(name)
	if err != nil {
		return nil, err
	}
	return Recompute(p), nil
}

// Recompute evaluates the site of an opened package again, in memory.
func Recompute(p *pack.Package) *Context {
	c := &Context{Package: p}
	if prob := foreignProfile(p.SiteDir()); prob != nil {
		c.Problems = diag.List{*prob}
		return c
	}
	prep, probs := build.Prepare(build.Options{Site: p.SiteDir()}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		c.Problems = probs.Errors()
		return c
	}
	files, err := sheet.Files(prep.Input.Report.Tables(), prep.Site.Config.Date)
	if err != nil {
		c.Problems = diag.List{{File: "site/", Message: "无法复算附表：" + err.Error()}}
		return c
	}
	files["data/evaluation.json"] = prep.JSON
	c.Prepared, c.Recomputed = prep, files
	return c
}

// foreignProfile refuses a packaged site.toml whose profile is a file outside the package: the
// package is someone else's, and verify reads nothing of the reviewer's machine on its say.
func foreignProfile(dir string) *diag.Problem {
	var cfg struct {
		Standard struct {
			Profile string `toml:"profile"`
		} `toml:"standard"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "site.toml"), &cfg); err != nil {
		return nil // Prepare reports it
	}
	prof := cfg.Standard.Profile
	if _, ok := pack.LocalPath(prof); strings.HasSuffix(prof, ".toml") && !ok {
		return &diag.Problem{File: "site.toml", Column: "profile", Value: prof,
			Message: "评估标准文件不在材料包中（绝对路径或“..”），已拒绝读取"}
	}
	return nil
}

// Run runs the checks on c and gathers their findings, in the order of the checks.
func Run(c *Context, checks []Check) *Report {
	r := &Report{Package: c.Package.Name, Manifest: c.Package.Manifest}
	if c.Prepared == nil {
		for _, p := range c.Problems {
			r.Findings = append(r.Findings, Finding{Kind: KindPackage, File: sitePath(p.File), Where: lineColumn(p.Line, p.Column),
				Got: p.Value, Message: "无法按材料包内的数据重新评估：" + p.Message})
		}
		if len(c.Problems) == 0 {
			r.Findings = append(r.Findings, Finding{Kind: KindPackage, File: pack.SiteFolder + "/", Message: "无法按材料包内的数据重新评估"})
		}
	}
	// The checks only read the Context: they run side by side (the manifest's digests are
	// mostly reading files, the comparisons mostly computing), their findings kept in order.
	found := make([][]Finding, len(checks))
	var wg sync.WaitGroup
	for i, ch := range checks {
		if ch.NeedsRecomputation && c.Prepared == nil {
			r.Skipped = append(r.Skipped, ch.Name)
			continue
		}
		r.Checks = append(r.Checks, ch.Name)
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[i] = ch.Run(c)
		}()
	}
	wg.Wait()
	for _, f := range found {
		r.Findings = append(r.Findings, f...)
	}
	return r
}

// Verify opens the package at name, runs the default checks and closes it: the whole of
// `youjun verify` but the output. The error means the input is no usable package.
func Verify(name string) (*Report, error) {
	c, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer c.Package.Close()
	return Run(c, DefaultChecks()), nil
}

// sitePath is a path of the packaged site as a path in the package.
func sitePath(p string) string {
	if p == "" {
		return pack.SiteFolder + "/"
	}
	return pack.SiteFolder + "/" + strings.TrimPrefix(p, "./")
}

// htmlPath is a path of the built site as a path in the package.
func htmlPath(p string) string { return pack.HTMLFolder + "/" + p }

// sortFindings orders findings by file, then as they were found.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return strings.Compare(a.File, b.File) })
}

// quote shows a value in a message; an empty one as （空）.
func quote(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// lineColumn names a place in a table or text file: 第 12 行「学生数」.
func lineColumn(line int, column string) string {
	s := ""
	if line > 0 {
		s = fmt.Sprintf("第 %d 行", line)
	}
	if column != "" {
		s += "「" + column + "」"
	}
	return s
}
