package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// AuditTitle heads the audit's findings wherever they are listed.
const AuditTitle = "一致性核查（提示，不影响结论）"

// consistency runs the consistency audit of a loaded and evaluated site: against the school
// table of the latest earlier year in data/history/<year>/ when there is one, and the teacher
// rosters of data/事业统计/ (rosters.go). Its findings are hints: they never fail `check` or a
// strict build. Only a wrong key of site.toml's [audit] is an error. The earlier table is an
// input of the report like the others, and is digested into s.Inputs.
func consistency(s *site.Site, res *eval.Result) ([]audit.Finding, diag.List) {
	cfg := s.Config
	probs := auditKeys(s)
	if probs.Err() != nil {
		return nil, probs
	}
	in := audit.Input{Profile: s.Profile, County: s.County, Result: res, Year: cfg.Year,
		Options: audit.Options{MaxChange: cfg.Audit.MaxChange, MaxChangeBy: cfg.Audit.MaxChangeBy, MinStudents: cfg.Audit.MinStudents}}
	var notes []audit.Finding
	prev, pp := data.LoadPrevious(s.Dir, cfg.Year)
	if name, _ := data.PreviousFile(s.Dir, cfg.Year); name != "" {
		if src, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name))); err == nil {
			s.Inputs = append(s.Inputs, site.NewInput(name, src))
			site.SortInputs(s.Inputs)
		}
	}
	if errs := pp.Errors(); len(errs) > 0 {
		// Last year's table is no verdict of this year's: its errors do not stop the build,
		// they keep the comparison from being made.
		notes = append(notes, audit.Finding{Kind: audit.Change, File: errs[0].File,
			Message: "上一年度的学校数据表有错误（见下），未做逐年比对"})
		for _, e := range errs {
			notes = append(notes, audit.Finding{Kind: audit.Change, File: e.File, Row: e.Line, Column: e.Column, Value: e.Value, Message: e.Message})
		}
	} else if prev != nil {
		in.Previous, in.PreviousYear = &data.County{Table: prev.Table}, prev.Year
	}
	in.Roster = readRosters(s.Dir, cfg)
	fs := append(notes, audit.Run(in)...)
	audit.Sort(fs, s.County.Table.File)
	return fs, probs
}

// auditKeys checks the keys of [audit] max_change_by against the profile's indicators.
func auditKeys(s *site.Site) diag.List {
	var probs diag.List
	keys := audit.Keys(s.Profile)
	for _, k := range slices.Sorted(maps.Keys(s.Config.Audit.MaxChangeBy)) {
		if !slices.Contains(keys, k) {
			col := "audit.max_change_by." + k
			probs.Add(config.FileName, s.Config.Line(col), col, "", "评估标准中没有这项指标（可填各项资源配置指标的编号，或 students 表示在校生数）%s", suggest.Hint(k, keys))
		}
	}
	return probs
}
