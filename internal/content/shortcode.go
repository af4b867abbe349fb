package content

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Shortcode is {{< name "arg" … >}} in the text: a computed value, table, chart or list.
type Shortcode struct {
	ast.BaseInline
	Name   string
	Args   []string
	Raw    string // as written
	Offset int    // byte offset in Doc.Source
	Line   int    // line in the file
	Err    string // a syntax error, reported by Parse
}

// KindShortcode is the node kind of a Shortcode.
var KindShortcode = ast.NewNodeKind("Shortcode")

func (n *Shortcode) Kind() ast.NodeKind { return KindShortcode }

func (n *Shortcode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Args": strings.Join(n.Args, " ")}, nil)
}

// Block reports whether the shortcode stands alone in its paragraph, so that a renderer may put a
// table or chart there instead of inside the paragraph.
func (n *Shortcode) Block() bool {
	p, ok := n.Parent().(*ast.Paragraph)
	return ok && p.ChildCount() == 1
}

type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{<")) {
		return nil
	}
	end := bytes.Index(line, []byte(">}}"))
	n := &Shortcode{Offset: seg.Start}
	if end < 0 {
		n.Raw = string(bytes.TrimRight(line, "\n"))
		n.Err = "短代码没有结束：缺少 >}}（短代码须写在一行内）"
		block.Advance(len(line))
		return n
	}
	n.Raw = string(line[:end+3])
	block.Advance(end + 3)
	fields, err := splitArgs(string(line[3:end]))
	switch {
	case err != "":
		n.Err = err
	case len(fields) == 0:
		n.Err = "短代码缺少名称"
	default:
		n.Name, n.Args = fields[0], fields[1:]
	}
	return n
}

// splitArgs splits `value "resource.primary.R1.cv"` into words; quoted words may hold spaces.
// Chinese quotation marks, which an input method slips in, are an error with a hint.
func splitArgs(s string) ([]string, string) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, "引号不成对"
			}
			v, _ := strconv.Unquote(q)
			out = append(out, v)
			s = strings.TrimSpace(s[len(q):])
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		if strings.ContainsAny(word, "“”") {
			return nil, "请用英文双引号 \" 括住参数，不要用中文引号 “”"
		}
		out = append(out, word)
		s = strings.TrimSpace(rest)
	}
	return out, ""
}
