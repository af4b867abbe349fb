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
//   - any other edit (data/, site.toml, templates/) loads and evaluates everything and renders
//     every page but the schools' pages whose data did not change (html.Some compares digests
//     of their data), unless templates/ changed.
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
	digests map[string]html.Digest
	pending []string // changes of failed updates, not yet shown
	full    bool     // a failed update needed everything done again
	retmpl  bool     // a failed update could not keep the digests (templates/ may have changed)
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
	// Data is set when the downloads may differ: the data were loaded and evaluated again, or
	// the chapters' digests in evaluation.json changed.
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
	full := v.p == nil || v.full || changed == nil || !v.under("content", all)
	keep := v.p != nil && !v.retmpl && changed != nil && !v.touches("templates", all)
	c, probs := v.update(full, keep)
	if probs.Err() != nil {
		v.pending, v.full, v.retmpl = all, v.full || full, v.retmpl || !keep
		return nil, probs
	}
	v.pending, v.full, v.retmpl = nil, false, false
	return c, probs
}

// under reports whether every path is inside the site's folder dir.
func (v *Preview) under(dir string, paths []string) bool {
	for _, p := range paths {
		if !v.inside(dir, p) {
			return false
		}
	}
	return true
}

// touches reports whether a path is the site's folder dir, inside it, or outside the site (or
// an ancestor of it): anything in dir may have changed.
func (v *Preview) touches(dir string, paths []string) bool {
	for _, p := range paths {
		if v.inside(dir, p) || !v.inside(".", p) || v.isDir(dir, p) {
			return true
		}
	}
	return false
}

func (v *Preview) abs(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(v.opts.Site, p)
	}
	return filepath.Clean(p)
}

// inside reports whether p is strictly inside the site's folder dir ("." for the site).
func (v *Preview) inside(dir, p string) bool {
	rel, err := filepath.Rel(v.abs(dir), v.abs(p))
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (v *Preview) isDir(dir, p string) bool { return v.abs(dir) == v.abs(p) }

// update prepares the site (everything when full, else the chapters again) and renders what
// that can change; keep says that the templates are those of the last good site.
func (v *Preview) update(full, keep bool) (*Change, diag.List) {
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
	var last map[string]html.Digest
	if keep {
		last = v.digests
	}
	got, paths, digests, err := html.Some(p.Input, func(_ string, chapter bool) bool { return everything || chapter }, last)
	if err != nil {
		return nil, htmlProblem(err, v.opts)
	}
	files := make(map[string][]byte, len(got)+len(v.files))
	maps.Copy(files, got)
	rendered := 0
	for _, path := range paths {
		if _, ok := got[path]; ok {
			rendered++
		} else {
			files[path] = v.files[path] // not rendered: not changed
		}
	}
	if err := checkNames(files); err != nil {
		return nil, outProblem(v.opts.Out, err)
	}
	c := &Change{Prepared: p, Files: files, Pages: len(paths), Rendered: rendered,
		Data: full || v.p == nil || !bytes.Equal(p.JSON, v.p.JSON)}
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
	if everything {
		v.digests = digests
	}
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
// name, the file and its page count. Once ctx is done it stops without a PDF, at the next step
// of the typesetter (after the layout, after the drawing).
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
		out, err := typeset(ctx, p, opts, draft)
		if ctx.Err() != nil {
			return "", nil, 0, cancelled()
		}
		if err != nil {
			return "", nil, 0, diag.List{{File: name, Message: "无法生成 PDF：" + err.Error()}}
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
