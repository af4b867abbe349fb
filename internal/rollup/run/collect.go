// Package run runs `youjun rollup`: it finds the counties among the inputs, re-evaluates each
// from its own data under its own profile on every core, compares the result with what the
// county packaged, and hands the summaries, in input order, to the model and its renderers.
// A county's data are dropped as soon as it is summed up, so that memory stays bounded
// whatever the number of counties.
package run

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/rollup/assess"
	"github.com/youjun-edu/youjun/internal/safefile"
	"github.com/youjun-edu/youjun/internal/site"
)

// Input kinds.
const (
	KindPackage = "package"
	KindSite    = "site"
)

// Input is one county to evaluate.
type Input struct {
	Path string // as given, or joined to the folder it was found in
	Kind string // KindPackage (zip or folder) or KindSite
}

// Discover lists the counties among inputs: a package (a .zip, or a folder with manifest.json),
// a site folder (with site.toml), or a folder holding any of these one level down, in name
// order. Every input that is none of these is a problem; all are reported at once.
func Discover(inputs []string) ([]Input, diag.List) {
	var out []Input
	var probs diag.List
	for _, in := range inputs {
		if k := kindOf(in); k != "" {
			out = append(out, Input{Path: in, Kind: k})
			continue
		}
		st, err := os.Stat(in)
		if err != nil {
			probs.Add(in, 0, "", "", "%s", diag.SysError(err))
			continue
		}
		if !st.IsDir() {
			probs.Add(in, 0, "", "", "不是县的申报材料包（.zip）、站点目录或存放它们的目录")
			continue
		}
		entries, err := os.ReadDir(in)
		if err != nil {
			probs.Add(in, 0, "", "", "无法读取目录：%s", diag.SysError(err))
			continue
		}
		found := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			p := filepath.Join(in, e.Name())
			if k := kindOf(p); k != "" {
				out = append(out, Input{Path: p, Kind: k})
				found++
			}
		}
		if found == 0 {
			probs.Add(in, 0, "", "", "目录中没有县的申报材料包（.zip 或含 manifest.json 的目录）或站点目录（含 site.toml）")
		}
	}
	return out, probs
}

// kindOf says what p is: a package, a site or neither (""). Links are not followed into.
func kindOf(p string) string {
	st, err := os.Lstat(p)
	if err != nil {
		return ""
	}
	switch {
	case st.Mode().IsRegular() && strings.EqualFold(filepath.Ext(p), ".zip"):
		return KindPackage
	case !st.IsDir():
		return ""
	case regular(filepath.Join(p, pack.ManifestName)):
		return KindPackage
	case regular(filepath.Join(p, "site.toml")):
		return KindSite
	}
	return ""
}

func regular(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.Mode().IsRegular()
}

// Sink receives what evaluating a county leaves besides its summary: the county's own site
// (the package's html/ folder), which the output copies under sites/<n>/.
type Sink interface {
	// CopySite copies the folder dir (the package's html/) as the n-th county's site and returns
	// its index page's path in the output; "" when it copied nothing.
	CopySite(n int, dir string) (string, error)
}

// Collect evaluates every input on workers goroutines (all cores when 0) and returns the
// summaries in input order, with the largest 临界 band of the profiles met. At most 2×workers
// evaluated counties wait for an earlier one to finish, whatever the number of inputs.
func Collect(inputs []Input, workers int, sink Sink, progress func(done, total int)) ([]rollup.County, float64) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type done struct {
		i    int
		c    rollup.County
		band float64
	}
	jobs := make(chan int)
	results := make(chan done, workers)
	tokens := make(chan struct{}, 2*workers) // bounds the counties evaluated ahead of the next in order
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				c, band := Evaluate(inputs[i], i, sink)
				results <- done{i, c, band}
			}
		}()
	}
	go func() {
		for i := range inputs {
			tokens <- struct{}{}
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	out := make([]rollup.County, 0, len(inputs))
	waiting := map[int]done{}
	band := 0.0
	for d := range results {
		waiting[d.i] = d
		for {
			next, ok := waiting[len(out)]
			if !ok {
				break
			}
			delete(waiting, len(out))
			out = append(out, next.c)
			band = max(band, next.band)
			<-tokens
			if progress != nil {
				progress(len(out), len(inputs))
			}
		}
	}
	return out, band
}

// Evaluate evaluates the n-th input: a county that cannot be opened, verified or evaluated is
// returned with the reason (Verdict 无法评估), never dropped. It also returns the profile's
// 临界 band.
func Evaluate(in Input, n int, sink Sink) (rollup.County, float64) {
	name := filepath.Base(filepath.Clean(in.Path))
	failed := func(c rollup.County, format string, args ...any) (rollup.County, float64) {
		c.Input, c.Kind = in.Path, in.Kind
		if c.Name == "" {
			c.Name = name
		}
		c.Verdict = rollup.Failed
		c.Error = fmt.Sprintf(format, args...)
		c.Verification = rollup.Verification{Status: rollup.Unchecked, Findings: []rollup.Finding{}}
		c.Readiness, c.History, c.Figures, c.Problems = []rollup.Item{}, []rollup.History{}, []rollup.Figure{}, []rollup.Problem{}
		c.Levels = []rollup.Level{}
		return c, 0
	}
	dir := in.Path
	var pkg *pack.Package
	var meta rollup.County
	if in.Kind == KindPackage {
		var err error
		if pkg, err = pack.Open(in.Path); err != nil {
			return failed(meta, "无法打开材料包：%s", strings.TrimPrefix(err.Error(), in.Path+"："))
		}
		defer pkg.Close()
		m := pkg.Manifest
		meta = rollup.County{Name: m.County, Province: m.Province, City: m.City, Year: m.Year, Date: m.Date, Profile: m.Profile}
		dir = pkg.SiteDir()
	}
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		return failed(meta, "数据有误，无法评估：%s", problems(probs.Errors()))
	}
	res := s.Evaluate()
	evalJSON, err := res.JSON()
	if err != nil {
		return failed(meta, "评估结果中有无法表示的数值，无法评估（请把此信息报告给开发者）")
	}
	c := assess.Summarize(res, s.Plan(res))
	cfg := s.Config
	c.Input, c.Kind = in.Path, in.Kind
	c.Code, c.Name, c.Province, c.City, c.Date = cfg.Code, cfg.County, cfg.Province, cfg.City, cfg.Date
	band := s.Profile.Resource.CVCriticalBand
	if pkg == nil {
		c.Verification = rollup.Verification{Status: rollup.Unverified, ResultSHA256: site.ResultDigest(evalJSON), Findings: []rollup.Finding{}}
		return c, band
	}
	packaged, err := os.ReadFile(pkg.Path(pack.EvaluationName))
	if err != nil {
		packaged = nil
	}
	c.Verification = assess.Verify(packaged, evalJSON, pkg.Manifest.ResultSHA256)
	m := pkg.Manifest
	// The manifest may name the profile as site.toml does (a file of a custom profile) or by
	// its id.
	profile := res.Profile
	if m.Profile == cfg.Standard.Profile {
		profile = m.Profile
	}
	for _, d := range []struct{ what, manifest, site string }{
		{"县名", m.County, cfg.County}, {"评估标准", m.Profile, profile},
	} {
		if d.manifest != d.site {
			c.Verification.Findings = append(c.Verification.Findings, rollup.Finding{Kind: "manifest", Path: pack.ManifestName,
				Message: fmt.Sprintf("清单中的%s「%s」与材料包中的数据（%s）不符", d.what, d.manifest, d.site)})
		}
	}
	mism, err := pkg.Check()
	if err != nil {
		c.Verification.Findings = append(c.Verification.Findings, rollup.Finding{Kind: "manifest", Message: err.Error()})
	}
	for _, m := range mism {
		c.Verification.Findings = append(c.Verification.Findings, rollup.Finding{Kind: "manifest", Path: m.Path, Message: m.Message()})
	}
	if len(c.Verification.Findings) > 0 {
		c.Verification.Status = rollup.Mismatch
	}
	// The county's own website is copied only as the manifest lists it: pages changed after
	// packing are not published under the rollup's name.
	htmlChanged := false
	for _, m := range mism {
		htmlChanged = htmlChanged || strings.HasPrefix(m.Path, pack.HTMLFolder+"/")
	}
	if html := pkg.Path(pack.HTMLFolder); htmlChanged {
		c.Verification.Findings = append(c.Verification.Findings, rollup.Finding{Kind: "package", Path: pack.HTMLFolder,
			Message: "本县网站（html/）与清单不符，未复制到汇总中"})
	} else if sink != nil && isDir(html) && regular(filepath.Join(html, "index.html")) {
		if c.Site, err = sink.CopySite(n, html); err != nil {
			c.Verification.Findings = append(c.Verification.Findings, rollup.Finding{Kind: "package", Path: pack.HTMLFolder,
				Message: "无法复制本县的网站：" + diag.SysError(err)})
		}
	}
	return c, band
}

// maxListed is how many of a county's data problems its error quotes.
const maxListed = 5

// problems writes the first problems of a county's data on one line.
func problems(l diag.List) string {
	var parts []string
	for i, p := range l {
		if i == maxListed {
			parts = append(parts, fmt.Sprintf("等共 %d 处", len(l)))
			break
		}
		parts = append(parts, p.String())
	}
	return strings.Join(parts, "；")
}

func isDir(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.IsDir()
}

// copyTree copies the regular files under src into dst; links and other files are skipped (a
// package has none, and a link could reach outside it).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		return safefile.Copy(p, target)
	})
}
