// Package site loads a county's site folder: site.toml, the evaluation profile it names (with
// its overrides) and the data/ folder. It is the first step of every command.
package site

import (
	"path/filepath"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Site is a loaded site.
type Site struct {
	Dir     string
	Config  *config.Config
	Profile *standard.Profile
	County  *data.County
}

// Load reads the site at dir. profile, when not empty, replaces the profile site.toml names.
// All problems are returned; the Site is nil when one of them is an error.
func Load(dir, profile string) (*Site, diag.List) {
	cfg, probs := config.Load(dir)
	if probs.Err() != nil {
		return nil, probs
	}
	if profile == "" {
		profile = cfg.Standard.Profile
	}
	p, pp := standard.Open(dir, profile)
	if pp.Err() != nil {
		return nil, append(probs, pp...)
	}
	probs = append(probs, p.Override(config.FileName, cfg.Standard.Override)...)
	if probs.Err() != nil {
		return nil, probs
	}
	county, dp := data.Load(dir, p)
	probs = append(probs, dp...)
	if probs.Err() != nil {
		return nil, probs
	}
	return &Site{Dir: dir, Config: cfg, Profile: p, County: county}, probs
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
	return eval.Evaluate(eval.Input{Profile: s.Profile, County: s.County, Name: s.Config.County, Year: s.Config.Year})
}
