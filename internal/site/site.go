// Package site loads a county's site folder: site.toml, the evaluation profile it names (with
// its overrides) and the data/ folder. It is the first step of every command.
package site

import (
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// Site is a loaded site.
type Site struct {
	Dir     string
	Config  *config.Config
	Profile *standard.Profile
	County  *data.County
	// Inputs are site.toml, the profile and the data files the site was loaded from, with
	// their digests, sorted by path; the chapters are build's (they are read later).
	Inputs []Input
}

// Load reads the site at dir. profile, when not empty, replaces the profile site.toml names.
// All problems are returned; the Site is nil when one of them is an error. The data are
// checked even when site.toml has errors, as long as the profile is known, so that the user
// sees the problems of every file in one run.
func Load(dir, profile string) (*Site, diag.List) {
	// The inputs are digested before and after they are read: equal digests mean the bytes
	// evaluated are the bytes digested.
	before := readInputs(dir)
	cfg, probs := config.Load(dir)
	if profile == "" {
		if cfg == nil {
			return nil, probs
		}
		profile = cfg.Standard.Profile
	}
	before = appendProfile(before, dir, profile)
	p, pp := standard.Open(dir, profile)
	if pp.Err() != nil {
		return nil, append(probs, pp...)
	}
	probs = append(probs, pp...)
	if cfg != nil {
		sp := p.Override(config.FileName, cfg.Standard.Override)
		sp = append(sp, checkLocalTargets(p, cfg.LocalTargets)...)
		for i := range sp {
			if sp[i].File == config.FileName && sp[i].Line == 0 && sp[i].Column != "" {
				sp[i].Line = cfg.Line(sp[i].Column)
			}
		}
		probs = append(probs, sp...)
		// The relaxations of 工作规程 apply by the report's date (config has checked it; none
		// gives the zero date, and the year decides).
		date, _ := time.Parse(time.DateOnly, cfg.Date)
		p.SetEvaluationDate(date, cfg.Year)
	}
	county, dp := data.Load(dir, p)
	probs = append(probs, dp...)
	if probs.Err() != nil {
		return nil, probs
	}
	inputs := appendProfile(readInputs(dir), dir, profile)
	if file := changedInput(before, inputs); file != "" {
		return nil, append(probs, diag.Problem{File: file, Message: "读取期间文件被修改，无法确定报告依据的数据：请在文件保存完毕后重新生成"})
	}
	SortInputs(inputs)
	return &Site{Dir: dir, Config: cfg, Profile: p, County: county, Inputs: inputs}, probs
}

// LoadTable evaluates a lone school table (youjun eval --data): there is no site.toml and no
// county-level data, so those items are 待补充.
func LoadTable(path, profile string) (*Site, diag.List) {
	if profile == "" {
		profile = standard.Default
	}
	p, err := standard.Load(profile)
	if err != nil {
		return nil, diag.List{{Column: "--profile", Message: err.Error()}}
	}
	t, probs := data.LoadTable(path, filepath.ToSlash(path))
	if probs.Err() != nil {
		return nil, probs
	}
	return &Site{Dir: filepath.Dir(path), Config: &config.Config{}, Profile: p, County: &data.County{Table: t}}, probs
}

// Evaluate evaluates the site's county.
func (s *Site) Evaluate() *eval.Result {
	return eval.Evaluate(eval.Input{Profile: s.Profile, County: s.County, Name: s.Config.County, Year: s.Config.Year,
		LocalTargets: s.Config.LocalTargets})
}

// checkLocalTargets accepts only numbers a local target can tighten: indicator thresholds and
// numeric checks of the profile, each within the values that make sense for it.
func checkLocalTargets(p *standard.Profile, targets map[string]float64) diag.List {
	var probs diag.List
	paths := eval.LocalTargetPaths(p)
	for _, path := range slices.Sorted(maps.Keys(targets)) {
		col := "local_targets." + path
		if !slices.Contains(paths, path) {
			msg := "评估标准中没有可设本地目标的这一项（可设各项资源配置指标的标准值和县级数值类指标）"
			if len(probs) < tomlfile.MaxProblems { // past the listed problems, a suggestion is not worth its cost
				msg += suggest.Hint(path, paths)
			}
			probs.Add(config.FileName, 0, col, "", "%s", msg)
			continue
		}
		if n, ok := p.Number(path); ok {
			v := targets[path]
			if msg := n.Bounds.Check(v); msg != "" {
				probs.Add(config.FileName, 0, col, num.Exact(v), "%s", msg)
			}
		}
	}
	return tomlfile.Truncate(config.FileName, probs)
}
