package build

import (
	"bytes"
	"maps"
	"net/url"
	"path"
	"slices"

	"regexp"
	"strings"

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
	w = append(w, brokenLinks(files)...)
	return w
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
		// Placeholders the scaffold leaves (……, （请在此…）) outside comments are unfinished text.
		src := commentRe.ReplaceAllStringFunc(string(d.Source), func(c string) string { return strings.Repeat("\n", strings.Count(c, "\n")) })
		for i, line := range strings.Split(src, "\n") {
			if l := strings.TrimSpace(line); l == "……" || strings.HasSuffix(l, "……") || strings.Contains(l, "（请在此") {
				w.Warn(d.File, d.Line(0)+i, "", "", "还有待填写的内容：%s", l)
			}
		}
	}
	return w
}

var commentRe = regexp.MustCompile(`(?s)<!--.*?-->`)

// brokenLinks finds relative links in the generated pages whose target is not in the site.
func brokenLinks(files map[string][]byte) diag.List {
	var w diag.List
	seen := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := files[name]
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
				target := string(rest[:end])
				rest = rest[end:]
				if j := strings.IndexAny(target, "#?"); j >= 0 {
					target = target[:j]
				}
				if target == "" || strings.Contains(target, ":") || strings.HasPrefix(target, "/") {
					continue
				}
				// A picture's address is percent-encoded (images/%E6%A0%A1.png); the file is not.
				if u, err := url.PathUnescape(target); err == nil {
					target = u
				}
				p := path.Join(path.Dir(name), target)
				if strings.HasSuffix(target, "/") {
					p += "/index.html"
				}
				if _, ok := files[p]; ok || seen[name+" "+target] {
					continue
				}
				seen[name+" "+target] = true
				w.Warn("output/"+name, 0, "", target, "链接指向不存在的页面")
			}
		}
	}
	return w
}
