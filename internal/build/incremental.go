package build

import (
	"bytes"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/html"
	"github.com/youjun-edu/youjun/internal/sheet"
)

// Preview is the site that `youjun serve` shows, kept in memory between saves so that a save
// renders again only what it can change:
//
//   - an edit in content/ reads the chapters again against the evaluation kept from the last
//     save and renders the chapters' pages (a few; the numbering of tables and figures runs across
//     chapters, so all of them), and every page only when a chapter's title or folder, or their
//     order, changed: those are all that the other pages read of the chapters;
//   - any other edit (data/, site.toml, templates/) loads, evaluates and renders everything.
//
// Either way the files are those a fresh Render of the same site gives, byte for byte; Update
// reports which of them differ from the last good ones, so that the caller replaces only those.
// A failed update keeps the last good site and is remembered: the next update does at least what
// the failed one had to do.
type Preview struct {
	opts    Options
	p       *Prepared         // the last good site
	files   map[string][]byte // html.Build's files of p: pages, the chapters' pictures, assets
	frame   string            // html.ChapterFrame of p's chapters
	pending []string          // changes of failed updates, not yet shown
	full    bool              // a failed update needed everything done again
}

// Change is what an update made.
type Change struct {
	Prepared *Prepared
	// Files are the site's pages, the chapters' pictures and the assets: all that Render gives
	// with Only "html" but the downloads (Downloads) and the PDF. The caller must not change them.
	Files    map[string][]byte
	Changed  []string // files of Files that are new or differ from the last good ones, sorted
	Removed  []string // files of the last good site that are gone, sorted
	Pages    int      // pages of the site
	Rendered int      // pages rendered by this update
	// Data is set when the data were loaded and evaluated again: the downloads may differ.
	Data bool
}

// NewPreview returns the preview of the site in dir; the first Update builds it.
func NewPreview(dir string) *Preview {
	return &Preview{opts: Options{Site: dir, Out: filepath.Join(dir, "output"), Only: "html"}}
}

// Update brings the preview up to date after changes to the files named by changed: paths in
// the site's folder, absolute or relative to it. nil, or a path outside the site, means anything
// may have changed.
func (v *Preview) Update(changed []string) (*Change, diag.List) {
	all := append(slices.Clone(v.pending), changed...)
	full := v.p == nil || v.full || changed == nil || !v.chaptersOnly(all)
	c, probs := v.update(full)
	if probs.Err() != nil {
		v.pending, v.full = all, v.full || full
		return nil, probs
	}
	v.pending, v.full = nil, false
	return c, probs
}

// chaptersOnly reports whether every path is in content/.
func (v *Preview) chaptersOnly(paths []string) bool {
	content := filepath.Join(filepath.Clean(v.opts.Site), "content")
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(v.opts.Site, p)
		}
		rel, err := filepath.Rel(content, filepath.Clean(p))
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return false
		}
	}
	return true
}

func (v *Preview) update(full bool) (*Change, diag.List) {
	untimed := func(_ string, f func()) { f() }
	var p *Prepared
	var probs diag.List
	if full {
		p, probs = Prepare(v.opts, untimed)
	} else {
		p, probs = v.p.withChapters(v.opts, untimed)
	}
	if probs.Err() != nil {
		return nil, probs
	}
	frame := html.ChapterFrame(p.Input.Docs)
	everything := full || frame != v.frame
	rendered := 0
	got, paths, err := html.Some(p.Input, func(_ string, chapter bool) bool {
		if everything || chapter {
			rendered++
			return true
		}
		return false
	})
	if err != nil {
		return nil, htmlProblem(err, v.opts)
	}
	files := got
	if !everything {
		files = make(map[string][]byte, len(v.files))
		maps.Copy(files, got)
		for _, path := range paths {
			if _, ok := got[path]; !ok {
				files[path] = v.files[path]
			}
		}
	}
	if err := checkNames(files); err != nil {
		return nil, outProblem(v.opts.Out, err)
	}
	c := &Change{Prepared: p, Files: files, Pages: len(paths), Rendered: rendered, Data: full}
	for name, b := range files {
		if old, ok := v.files[name]; !ok || !bytes.Equal(old, b) {
			c.Changed = append(c.Changed, name)
		}
	}
	for name := range v.files {
		if _, ok := files[name]; !ok {
			c.Removed = append(c.Removed, name)
		}
	}
	slices.Sort(c.Changed)
	slices.Sort(c.Removed)
	v.p, v.files, v.frame = p, files, frame
	return c, probs
}

// Downloads are the files of data/ that every build writes beside the pages: the CSV and XLSX
// tables and evaluation.json.
func (p *Prepared) Downloads() (map[string][]byte, diag.List) {
	files, err := sheet.Files(p.Input.Report.Tables(), p.Site.Config.Date)
	if err != nil {
		return nil, diag.List{{File: "output", Message: "无法生成下载表格：" + err.Error()}}
	}
	files["data/evaluation.json"] = p.JSON
	return files, nil
}

// PDF typesets the PDF of p alone, the same bytes as Render with Only "pdf" makes: its file
// name, the file and its page count. When ctx ends it returns ctx's error without a PDF, at the
// latest when the typesetting in progress is done (the typesetter itself does not stop halfway).
func (p *Prepared) PDF(ctx context.Context, opts Options) (name string, pdf []byte, pages int, probs diag.List) {
	name = p.Site.Config.PDFName()
	if err := checkName(name); err != nil {
		return "", nil, 0, outProblem(opts.Out, err)
	}
	cancelled := func() diag.List {
		return diag.List{{File: name, Message: "PDF 的生成已取消：又有文件保存"}}
	}
	draft := draftMark(p, opts, nil)
	for {
		if ctx.Err() != nil {
			return "", nil, 0, cancelled()
		}
		out, err := makeMarkedPDF(p, opts, draft)
		if err != nil {
			return "", nil, 0, diag.List{{File: name, Message: "无法生成 PDF：" + err.Error()}}
		}
		if ctx.Err() != nil {
			return "", nil, 0, cancelled()
		}
		// As render does: a PDF that itself found something unfinished is typeset again, marked.
		if draft == "" && len(out.Warnings) > 0 {
			if draft = draftMark(p, opts, diag.List{{Message: out.Warnings[0]}}); draft != "" {
				continue
			}
		}
		return name, out.PDF, out.Pages, nil
	}
}
