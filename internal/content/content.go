// Package content reads the report's chapters: Markdown files in content/ with TOML front matter
// between +++ lines, and shortcodes ({{< value "…" >}}) that put computed results into the text.
// Parsing yields a goldmark tree that both renderers walk: the HTML site and the PDF. This package
// parses only; it knows nothing of HTML pages or of the evaluation's figures.
package content

import (
	"errors"
	"io/fs"
	"path"
	"unicode"
	"unicode/utf8"

	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/limited"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// Doc is one chapter.
type Doc struct {
	File       string // e.g. content/01-基本情况.md
	Slug       string // its folder in the site, e.g. chapter-1
	Meta       Meta
	Source     []byte // the Markdown body, after the front matter
	bodyLine   int    // line of the body's first byte in the file
	slugLine   int    // line of slug = in the front matter
	newlines   []int  // offsets of the line ends in Source
	Root       ast.Node
	Shortcodes []*Shortcode // in document order
	images     map[*ast.Image]*Image
	// Read is the whole file as read (front matter too), for its digest in evaluation.json's
	// inputs; set by LoadDir.
	Read []byte
}

// Meta is a chapter's front matter.
type Meta struct {
	Title string `toml:"title"`
	Order int    `toml:"order"`
	Draft bool   `toml:"draft"`
	Slug  string `toml:"slug"` // ASCII folder name; default from the file name
}

// Line returns the line in the file of a byte offset into Source. It only reads the Doc: the
// renderers and checks call it from several goroutines at once.
func (d *Doc) Line(offset int) int {
	return d.bodyLine + sort.SearchInts(d.newlines, offset)
}

// lineEnds lists the offsets of the line ends in src.
func lineEnds(src []byte) []int {
	ends := []int{}
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i)
		}
	}
	return ends
}

// NodeLine is the line in the file of a node: of its first line, or of its first text.
func (d *Doc) NodeLine(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return d.Line(n.Lines().At(0).Start)
		}
		for c := n.FirstChild(); c != nil; c = c.FirstChild() {
			if t, ok := c.(*ast.Text); ok {
				return d.Line(t.Segment.Start)
			}
		}
	}
	return d.bodyLine
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

// Parse reads one chapter, returning every problem it finds: encoding, front matter, limits,
// shortcode syntax, nesting and pictures. The problems name the file and line. The chapter is
// returned whenever its body could be parsed, so that its shortcodes can still be checked.
func Parse(file string, src []byte, md goldmark.Markdown) (*Doc, diag.List) {
	if len(src) > MaxChapterBytes {
		return nil, diag.List{{File: file, Message: fmt.Sprintf("章节文件太大（%s，最多 %s）：请拆分为几章", sizeText(len(src)), sizeText(MaxChapterBytes))}}
	}
	src, probs := decode(file, src)
	if len(probs) > 0 {
		return nil, probs
	}
	d := &Doc{File: file, bodyLine: 1, images: map[*ast.Image]*Image{}}
	body := src
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		end := bytes.Index(rest, []byte("\n+++"))
		if bytes.HasPrefix(rest, []byte("+++")) {
			end = -1 // an empty front matter
		} else if end < 0 {
			return nil, diag.List{{File: file, Line: 1, Message: "front matter 没有结束：缺少第二个 +++ 行"}}
		}
		front := rest[:end+1]
		if fp := checkFront(file, front); len(fp) > 0 {
			return nil, fp
		}
		decoded := tomlfile.Decode(file, front, &d.Meta)
		for i := range decoded {
			if decoded[i].Line > 0 {
				decoded[i].Line++ // the opening +++ line
			}
		}
		probs = append(probs, decoded...)
		if d.Meta.Slug != "" {
			d.slugLine = tomlfile.LineOf(string(front), toml.Key{"slug"}) + 1
			if msg := slugError(d.Meta.Slug); msg != "" {
				probs.Add(file, d.slugLine, "slug", d.Meta.Slug, "%s", msg)
			}
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
	d.newlines = lineEnds(body)
	if d.Meta.Title == "" && probs.Err() == nil {
		probs.Add(file, 1, "title", "", "缺少章节标题（front matter 中的 title）")
	}
	if lp := checkLimits(file, body, d.bodyLine); len(lp) > 0 {
		return nil, append(probs, lp...)
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	d.Root = md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	probs = append(probs, d.alignRight()...)
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
	if n, deep := tooDeep(d.Root); n != nil {
		probs.Add(file, d.NodeLine(n), "", "", "引用（>）或列表嵌套太深（%d 层，最多 %d 层）", deep, MaxDepth)
		return nil, probs
	}
	if n := tooMany(d.Root); n != nil {
		probs.Add(file, d.NodeLine(n), "", "", "这一章的段落、标题和列表项太多（超过 %d 个）：请拆分为几章", MaxBlocks)
		return nil, probs
	}
	d.findImages(&probs)
	return d, probs
}

// tooDeep finds the first block quote or list nested more than MaxDepth deep, which the
// renderers would otherwise follow level by level.
func tooDeep(root ast.Node) (ast.Node, int) {
	var found ast.Node
	depth, deepest := 0, 0
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
		default:
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		deepest = max(deepest, depth)
		if depth > MaxDepth && found == nil {
			found = n
		}
		return ast.WalkContinue, nil
	})
	return found, deepest
}

// LoadDir reads every .md file of dir (content/) and returns the chapters that are not drafts,
// sorted by order, then file name, each with its folder in the site. It reports the problems of
// every chapter at once; chapters with errors are returned too when their text could be parsed,
// so that a caller can check their shortcodes in the same run.
func LoadDir(dir, prefix string) ([]*Doc, diag.List) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no chapters yet: `check` lists the missing ones
	}
	if err != nil {
		return nil, diag.List{{File: prefix, Message: "无法读取目录：" + diag.SysError(err)}}
	}
	md := Markdown()
	var docs []*Doc
	var probs diag.List
	total := 0
	for _, e := range entries {
		// Files whose names start with a dot are an editor's or macOS's, not chapters.
		if !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := prefix + "/" + displayName(e.Name())
		src, msg := readChapter(filepath.Join(dir, e.Name()))
		if msg != "" {
			probs.Add(name, 0, "", "", "%s", msg)
			continue
		}
		if total += len(src); total > MaxContentBytes {
			probs.Add(prefix, 0, "", "", "全部章节合计超过 %s：报告正文不应这么长，请检查是否误放了其他文件", sizeText(MaxContentBytes))
			break
		}
		d, p := Parse(name, src, md)
		probs = append(probs, p...)
		if d != nil && !d.Meta.Draft {
			d.Read = src
			d.readImages(dir, &probs)
			docs = append(docs, d)
		}
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Meta.Order < docs[j].Meta.Order })
	probs = append(probs, assignSlugs(docs, prefix)...)
	return docs, probs
}

// readChapter reads a chapter file, refusing what is not a plain file (a symbolic link could
// publish a file from outside the site) and what is too large to be a chapter.
func readChapter(name string) ([]byte, string) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, "无法读取：" + diag.SysError(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, "不是普通文件（不接受符号链接和目录），请把章节文件本身放在 content/ 目录中"
	}
	if fi.Size() > MaxChapterBytes {
		return nil, fmt.Sprintf("章节文件太大（%s，最多 %s）：请拆分为几章", sizeText(int(min(fi.Size(), 1<<40))), sizeText(MaxChapterBytes))
	}
	src, err := limited.ReadFile(name, MaxChapterBytes)
	if err != nil {
		return nil, "无法读取：" + diag.SysError(err)
	}
	return src, ""
}

// displayName makes a file name safe to print: invalid UTF-8 and control characters become �.
func displayName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// assignSlugs gives every chapter its folder: the slug of its front matter, else its file name
// when that is a safe ASCII name, else chapter-N. Two chapters with the same slug are an error.
func assignSlugs(docs []*Doc, prefix string) diag.List {
	var probs diag.List
	used := map[string]string{} // lower-case slug → the file that took it
	for _, d := range docs {
		s := d.Meta.Slug
		if s == "" || slugError(s) != "" {
			continue
		}
		if other, dup := used[strings.ToLower(s)]; dup {
			probs.Add(d.File, d.slugLine, "slug", s, "与 %s 的 slug 相同：每章须有不同的 slug", other)
			continue
		}
		used[strings.ToLower(s)] = d.File
		d.Slug = s
	}
	for i, d := range docs {
		if d.Slug != "" {
			continue
		}
		slug := asciiSlug(strings.TrimSuffix(path.Base(d.File), ".md"))
		for n := i + 1; slug == "" || used[slug] != ""; n++ {
			slug = fmt.Sprintf("chapter-%d", n)
		}
		used[slug] = d.File
		d.Slug = slug
	}
	return probs
}
