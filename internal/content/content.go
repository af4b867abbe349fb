// Package content reads the report's chapters: Markdown files in content/ with TOML front matter
// between +++ lines, and shortcodes ({{< value "…" >}}) that put computed results into the text.
// Parsing yields a goldmark tree that both renderers walk: the HTML site and the PDF. This package
// parses only; it knows nothing of HTML pages or of the evaluation's figures.
package content

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// Doc is one chapter.
type Doc struct {
	File       string // e.g. content/01-基本情况.md
	Slug       string // its folder in the site, e.g. chapter-1
	Meta       Meta
	Source     []byte // the Markdown body, after the front matter
	bodyLine   int    // line of the body's first byte in the file
	Root       ast.Node
	Shortcodes []*Shortcode // in document order
}

// Meta is a chapter's front matter.
type Meta struct {
	Title string `toml:"title"`
	Order int    `toml:"order"`
	Draft bool   `toml:"draft"`
	Slug  string `toml:"slug"` // ASCII folder name; default from the file name
}

// Line returns the line in the file of a byte offset into Source.
func (d *Doc) Line(offset int) int {
	if offset > len(d.Source) {
		offset = len(d.Source)
	}
	return d.bodyLine + bytes.Count(d.Source[:offset], []byte{'\n'})
}

// Markdown returns the goldmark instance the content is parsed with: GFM, footnotes, CJK line
// breaks, heading IDs that keep Chinese, emphasis that works next to Chinese punctuation, and
// shortcodes. Raw HTML is not passed through.
func Markdown() goldmark.Markdown {
	// goldmark's default inline parsers, with its emphasis parser replaced, plus shortcodes.
	inline := []util.PrioritizedValue{
		util.Prioritized(shortcodeParser{}, 90),
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(parser.NewLinkParser(), 200),
		util.Prioritized(parser.NewAutoLinkParser(), 300),
		util.Prioritized(parser.NewRawHTMLParser(), 400),
		util.Prioritized(cjkEmphasisParser{}, 500),
	}
	p := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(inline...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithAutoHeadingID(),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK),
	)
}

// Parse reads one chapter. The problems name the file and line.
func Parse(file string, src []byte, md goldmark.Markdown) (*Doc, diag.List) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	d := &Doc{File: file, bodyLine: 1}
	body := src
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		end := bytes.Index(rest, []byte("\n+++"))
		if end < 0 {
			return nil, diag.List{{File: file, Line: 1, Message: "front matter 没有结束：缺少第二个 +++ 行"}}
		}
		front := rest[:end+1]
		if probs := tomlfile.Decode(file, front, &d.Meta); len(probs) > 0 {
			for i := range probs {
				if probs[i].Line > 0 {
					probs[i].Line++ // the opening +++ line
				}
			}
			return nil, probs
		}
		body = rest[end+len("\n+++"):]
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			body = body[i+1:]
		} else {
			body = nil
		}
		d.bodyLine = bytes.Count(src[:len(src)-len(body)], []byte{'\n'}) + 1
	}
	d.Source = body
	if d.Meta.Title == "" {
		return nil, diag.List{{File: file, Line: 1, Column: "title", Message: "缺少章节标题（front matter 中的 title）"}}
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	d.Root = md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	var probs diag.List
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if sc, ok := n.(*Shortcode); ok && entering {
			sc.Line = d.Line(sc.Offset)
			if sc.Err != "" {
				probs.Add(file, sc.Line, "", sc.Raw, "%s", sc.Err)
			}
			d.Shortcodes = append(d.Shortcodes, sc)
		}
		return ast.WalkContinue, nil
	})
	if len(probs) > 0 {
		return nil, probs
	}
	return d, nil
}

// LoadDir reads every .md file of dir (content/) and returns the chapters that are not drafts,
// sorted by order, then file name. Slugs are made unique.
func LoadDir(dir, prefix string) ([]*Doc, diag.List) {
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, diag.List{{File: prefix, Message: err.Error()}}
	}
	sort.Strings(files)
	md := Markdown()
	var docs []*Doc
	var probs diag.List
	for _, f := range files {
		name := prefix + "/" + filepath.Base(f)
		src, err := os.ReadFile(f)
		if err != nil {
			probs.Add(name, 0, "", "", "无法读取：%v", err)
			continue
		}
		d, p := Parse(name, src, md)
		probs = append(probs, p...)
		if d != nil && !d.Meta.Draft {
			docs = append(docs, d)
		}
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Meta.Order < docs[j].Meta.Order })
	used := map[string]bool{}
	for i, d := range docs {
		slug := d.Meta.Slug
		if slug == "" {
			slug = asciiSlug(strings.TrimSuffix(filepath.Base(d.File), ".md"))
		}
		if slug == "" || used[slug] || reserved[slug] {
			slug = fmt.Sprintf("chapter-%d", i+1)
		}
		used[slug] = true
		d.Slug = slug
	}
	return docs, probs
}

// reserved are the site's own folders, which a chapter may not take.
var reserved = map[string]bool{"assets": true, "data": true, "schools": true, "indicators": true, "tables": true}

// asciiSlug keeps a file name that is safe in any URL (letters, digits, - and _), else "".
func asciiSlug(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return ""
		}
	}
	return strings.ToLower(s)
}
