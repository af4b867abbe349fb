package verify

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/claims"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/site"
)

// checkChapters lists the figures typed in the packaged chapters that contradict the
// recomputation (正文写“巩固率达到98.2%”，county.toml 为 97.5): what a reviewer reads as
// 弄虚作假. Figures of shortcodes are computed, and never listed.
func checkChapters(c *Context) []Finding {
	p := c.Prepared
	chapters := make([]claims.Chapter, len(p.Input.Docs))
	for i, d := range p.Input.Docs {
		chapters[i] = claims.FromDoc(d)
	}
	var out []Finding
	for _, f := range claims.Check(chapters, claims.Facts(p.Input.Report.Result(), p.Site.County)) {
		out = append(out, Finding{Kind: KindChapter, File: sitePath(f.File), Where: fmt.Sprintf("第 %d 行第 %d 列", f.Line, f.Column),
			Got: f.Quoted, Want: f.Computed, Message: f.Detail})
	}
	return out
}

// checkAudit lists the consistency audit's findings on the packaged data (against the
// packaged data/history/ when there is one): hints, never discrepancies.
func checkAudit(c *Context) []Finding { return auditFindings(c.Prepared.Audit, "") }

// AuditAgainst is the consistency audit of the packaged data against the previous year's
// package prev (opened by pack.Open): schools that appear or vanish, rows copied from last
// year, jumps beyond the configured ratios. Its findings are hints.
func AuditAgainst(prev *pack.Package) Check {
	return Check{Name: "逐年比对", NeedsRecomputation: true, Run: func(c *Context) []Finding {
		ps, probs := site.Load(prev.SiteDir(), "")
		if probs.Err() != nil {
			e := probs.Errors()[0]
			return []Finding{{Kind: KindAudit, File: prev.Name + "/" + sitePath(e.File), Where: lineColumn(e.Line, e.Column), Got: e.Value,
				Message: "上一年度的材料包无法读取，未做逐年比对：" + e.Message, Warning: true}}
		}
		s := c.Prepared.Site
		table := *ps.County.Table
		// The findings name last year's table by its place in its own package.
		table.File = prev.Name + "/" + sitePath(table.File)
		cfg := s.Config
		fs := audit.Run(audit.Input{Profile: s.Profile, County: s.County, Result: c.Prepared.Input.Report.Result(), Year: cfg.Year,
			Previous: &data.County{Table: &table}, PreviousYear: ps.Config.Year,
			Options: audit.Options{MaxChange: cfg.Audit.MaxChange, MaxChangeBy: cfg.Audit.MaxChangeBy, MinStudents: cfg.Audit.MinStudents}})
		var change []audit.Finding
		for _, f := range fs {
			if f.Kind == audit.Change {
				change = append(change, f)
			}
		}
		return auditFindings(change, prev.Name+"/")
	}}
}

// auditFindings are the audit's findings as verify's: warnings, in the audit's order. Files
// are the packaged site's, but for those under other (the previous year's package).
func auditFindings(fs []audit.Finding, other string) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		msg := f.Message
		if f.School != "" {
			msg = f.School + "：" + msg
		}
		file := f.File
		if other == "" || !strings.HasPrefix(file, other) {
			file = sitePath(file)
		}
		out = append(out, Finding{Kind: KindAudit, File: file, Where: lineColumn(f.Row, f.Column), Got: f.Value,
			Message: f.Kind.String() + "：" + msg, Warning: true})
	}
	return out
}
