// Package build runs a whole build: load the site, evaluate, read the chapters, resolve their
// shortcodes, render the site into a temporary folder and swap it in place of the old output.
// A build that fails leaves the previous output as it was.
package build

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/html"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/site"
)

// Options say what to build.
type Options struct {
	Site    string // the site folder
	Out     string // the output folder; default <site>/output
	Profile string // replaces site.toml's profile when not empty
}

// Stage is one timed step of a build.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result tells what a build did.
type Result struct {
	Out      string
	Pages    int
	Files    int
	Stages   []Stage
	Warnings diag.List
}

// Prepared is a site loaded, evaluated and with its chapters resolved: everything the renderers
// need, in memory.
type Prepared struct {
	Site     *site.Site
	Input    html.Input
	Warnings diag.List
}

// Prepare loads and checks everything; it writes nothing.
func Prepare(opts Options, timed func(string, func())) (*Prepared, diag.List) {
	var s *site.Site
	var probs diag.List
	timed("读取数据", func() { s, probs = site.Load(opts.Site, opts.Profile) })
	if probs.Err() != nil {
		return nil, probs
	}
	var in html.Input
	timed("评估", func() {
		res := s.Evaluate()
		rep := report.New(res, s.Profile, s.County)
		in = html.Input{SiteDir: opts.Site, Config: s.Config, Report: rep, Charts: chart.All(res)}
		in.JSON, _ = res.JSON()
	})
	timed("读取正文", func() {
		docs, cp := content.LoadDir(filepath.Join(opts.Site, "content"), "content")
		probs = append(probs, cp...)
		in.Docs = docs
		resolved, rp := resolve.Docs(docs, in.Report, in.Charts)
		probs = append(probs, rp...)
		in.Resolved = resolved
	})
	if probs.Err() != nil {
		return nil, probs
	}
	return &Prepared{Site: s, Input: in, Warnings: probs.Warnings()}, nil
}

// Run builds the site. On any error the output folder is left untouched.
func Run(opts Options) (*Result, diag.List) {
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Site, "output")
	}
	res := &Result{Out: opts.Out}
	timed := func(name string, f func()) {
		start := time.Now()
		f()
		res.Stages = append(res.Stages, Stage{Name: name, Duration: time.Since(start)})
	}
	p, probs := Prepare(opts, timed)
	if probs.Err() != nil {
		return nil, probs
	}
	res.Warnings = p.Warnings
	var files map[string][]byte
	var err error
	timed("生成网页", func() { files, res.Pages, err = html.Build(p.Input) })
	if err != nil {
		return nil, diag.List{{File: opts.Out, Message: err.Error()}}
	}
	res.Files = len(files)
	timed("写入文件", func() { err = write(opts.Out, files) })
	if err != nil {
		return nil, diag.List{{File: opts.Out, Message: "无法写入输出目录：" + err.Error()}}
	}
	return res, nil
}

// write puts files into a fresh folder beside out and then swaps it in, so that readers never
// see a half-written site and a failure keeps the old one.
func write(out string, files map[string][]byte) error {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	for name, b := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = filepath.Join(parent, fmt.Sprintf(".%s.old-%d", filepath.Base(out), os.Getpid()))
		os.RemoveAll(old)
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return err
	}
	ok = true
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
