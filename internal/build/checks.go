package build

import (
	"bytes"
	"html"
	"iter"
	"maps"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"

	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// RequiredChapters are the parts every 自评报告 has, by a word their titles contain.
var RequiredChapters = []struct{ Word, Title string }{
	{"基本情况", "一、基本情况"},
	{"做法", "二、主要做法与成效"},
	{"自评情况", "三、对照标准自评情况"},
	{"问题", "四、存在问题"},
	{"下一步", "五、下一步工作"},
	{"结论", "自评结论"},
}

// review lists what is not wrong but not finished: warnings about the data, items still
// 待补充, missing or empty chapters and links to pages that do not exist. `build` prints them;
// `build --strict` and `check` fail on them.
func review(p *Prepared, res *eval.Result, files map[string][]byte) diag.List {
	var w diag.List
	w = append(w, p.Warnings...)
	w = append(w, res.TableWarnings()...)
	for _, f := range res.Pending {
		w.Warn(f.Source.File, f.Source.Line, f.Source.Column, "", "待补充：%s", f.Message)
	}
	for _, it := range res.Items {
		if it.Dimension == standard.DimEligibility && it.Status == eval.Pending {
			src := it.Source()
			w.Warn(src.File, src.Line, src.Column, "", "待补充（申报条件）：%s %s：%s", it.ID, it.Short, it.Summary)
		}
		for i, m := range it.Warnings {
			src := it.WarningSource(i)
			w.Warn(src.File, src.Line, src.Column, "", "%s %s：%s", it.ID, it.Short, m)
		}
	}
	w = append(w, chapterProblems(p.Input.Docs)...)
	w = append(w, claimWarnings(p, res)...)
	if _, ok := files["index.html"]; ok {
		chapter := chapterLinks(p.Input.Docs, files)
		w = append(w, chapter...)
		w = append(w, brokenLinks(files, chapter)...)
	}
	return w
}

// chapterLinks finds the links written in the chapters whose target is not in the site, at the
// chapter's file and line: that is where the user mends them.
func chapterLinks(docs []*content.Doc, files map[string][]byte) diag.List {
	var w diag.List
	for _, d := range docs {
		page := d.Slug + "/index.html"
		ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			l, ok := n.(*ast.Link)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			if target := string(l.Destination); !linkFound(page, target, files) {
				w.Warn(d.File, d.NodeLine(l), "", target, "链接指向不存在的页面")
			}
			return ast.WalkContinue, nil
		})
	}
	return w
}

// linkFound reports whether a link on page reaches a file of the site; links that leave the site
// (another scheme, an absolute path) and links within the page are not the site's to check.
func linkFound(page, target string, files map[string][]byte) bool {
	if j := strings.IndexAny(target, "#?"); j >= 0 {
		target = target[:j]
	}
	if target == "" || strings.Contains(target, ":") || strings.HasPrefix(target, "/") {
		return true
	}
	// A picture's address is percent-encoded (images/%E6%A0%A1.png); the file is not.
	if u, err := url.PathUnescape(target); err == nil {
		target = u
	}
	p := path.Join(path.Dir(page), target)
	if strings.HasSuffix(target, "/") {
		p += "/index.html"
	}
	_, ok := files[p]
	return ok
}

// chapterProblems reports the usual chapters that are missing and the chapters without text.
func chapterProblems(docs []*content.Doc) diag.List {
	var w diag.List
	for _, req := range RequiredChapters {
		found := false
		for _, d := range docs {
			found = found || strings.Contains(d.Meta.Title, req.Word)
		}
		if !found {
			w.Warn("content/", 0, "", "", "缺少章节「%s」（标题中含“%s”的章节）", req.Title, req.Word)
		}
	}
	for _, d := range docs {
		text := false
		for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
			if _, comment := n.(*ast.HTMLBlock); !comment {
				text = true
			}
		}
		if !text {
			w.Warn(d.File, 1, "", "", "章节「%s」还没有正文", d.Meta.Title)
			continue
		}
		w = append(w, placeholders(d)...)
	}
	return w
}

// placeholderMarks are what the scaffold writes where the county's own text goes.
var placeholderMarks = []string{"……", "（请在此"}

// placeholders reports every line of a chapter whose text still holds a placeholder of the
// scaffold, wherever it stands: in a paragraph, a heading, a list item or a table cell, alone or
// mid-sentence ("测试县位于……，辖……个乡镇"). Comments and code are not text and are skipped.
func placeholders(d *content.Doc) diag.List {
	var w diag.List
	seen := map[int]bool{}
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			text := string(n.Segment.Value(d.Source))
			if !slices.ContainsFunc(placeholderMarks, func(m string) bool { return strings.Contains(text, m) }) {
				break
			}
			if line := d.Line(n.Segment.Start); !seen[line] {
				seen[line] = true
				w.Warn(d.File, line, "", "", "还有待填写的内容：%s", sourceLine(d.Source, n.Segment.Start))
			}
		}
		return ast.WalkContinue, nil
	})
	return w
}

// sourceLine is the trimmed line of src that holds the byte at offset.
func sourceLine(src []byte, offset int) string {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[offset:], '\n'); i >= 0 {
		end = offset + i
	}
	return strings.TrimSpace(string(src[start:end]))
}

// brokenLinks finds relative links in the generated pages whose target is not in the site: the
// links of a site's own templates. Those of the chapters are reported at their source already.
// Whether a link is broken depends only on its folder and its text, and the pages of one folder
// (the schools) share most of their links, so each folder's answers are kept: a large county's
// million links cost a map lookup each. The pages are read on every processor; the warnings
// come in the order of the pages' names whatever the scheduling.
func brokenLinks(files map[string][]byte, chapter diag.List) diag.List {
	known := map[string]bool{}
	for _, p := range chapter {
		known[pathUnescape(p.Value)] = true
	}
	var names []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	found := make([]diag.List, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers := map[string]map[string]bool{} // folder → link as written → broken
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) {
					return
				}
				dir := path.Dir(names[i])
				if answers[dir] == nil {
					answers[dir] = map[string]bool{}
				}
				found[i] = pageLinks(names[i], files, known, answers[dir])
			}
		}()
	}
	wg.Wait()
	var w diag.List
	for _, f := range found {
		w = append(w, f...)
	}
	return w
}

// pageLinks finds the broken links of one page, each once; answer holds what is known of the
// links of the page's folder.
func pageLinks(name string, files map[string][]byte, known map[string]bool, answer map[string]bool) diag.List {
	var w diag.List
	var seen map[string]bool
	for raw := range links(files[name]) {
		bad, ok := answer[string(raw)]
		if !ok {
			target := html.UnescapeString(string(raw))
			bad = !known[pathUnescape(target)] && !linkFound(name, target, files)
			answer[string(raw)] = bad
		}
		if !bad {
			continue
		}
		target := html.UnescapeString(string(raw))
		if seen[target] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[target] = true
		w.Warn("output/"+name, 0, "", target, "链接指向不存在的页面")
	}
	return w
}

// links yields the values of a page's href and src attributes as written (escaped): first
// every href, then every src. An attribute left open ends the scan of its kind.
func links(page []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for _, attr := range [][]byte{[]byte(`href="`), []byte(`src="`)} {
			for rest := page; ; {
				i := bytes.Index(rest, attr)
				if i < 0 {
					break
				}
				rest = rest[i+len(attr):]
				end := bytes.IndexByte(rest, '"')
				if end < 0 {
					break
				}
				if !yield(rest[:end]) {
					return
				}
				rest = rest[end:]
			}
		}
	}
}

// pathUnescape decodes a percent-encoded path, keeping one that is not validly encoded.
func pathUnescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// draftMark is the wording for the header of a PDF that is not final: site.toml's draft mark
// when the review finds anything unfinished (待补充 items, warnings, placeholders), else "". The
// review is the one `check` runs; warnings, when given, are its complete result, else what can be
// known before the pages are made. A --strict build is never marked: it is final or not made.
func draftMark(p *Prepared, opts Options, warnings diag.List) string {
	if opts.Strict {
		return ""
	}
	if warnings == nil {
		warnings = review(p, p.Input.Report.Result(), nil)
	}
	if len(warnings) == 0 {
		return ""
	}
	return p.Site.Config.DraftMarkText()
}
