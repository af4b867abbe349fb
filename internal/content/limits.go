package content

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Limits on chapters. goldmark takes time that grows with the square of a line's or a
// paragraph's length for some malformed input (e.g. "[a](" repeated: 64 KB in one line takes 2 s)
// and with the product of nesting depth and length for nested block quotes and lists (50,000
// nested ">" took 79 s). Real chapters stay far below these limits; within them, any chapter is
// parsed and typeset in a few seconds.
const (
	MaxChapterBytes = 512 << 10 // one chapter file (about 170,000 Chinese characters)
	MaxContentBytes = 1 << 20   // all chapters together
	MaxLineBytes    = 8 << 10   // one line (about 2,700 Chinese characters)
	MaxBlockBytes   = 64 << 10  // lines without an empty line between them: a paragraph or table
	MaxDepth        = 32        // block quotes and lists inside one another
	MaxFrontBytes   = 8 << 10   // the front matter: a title, an order, a slug
	MaxFrontDepth   = 8         // [ and { inside one another in the front matter
	MaxBlocks       = 5000      // headings, paragraphs, list items, table rows… of one chapter: each is a line or more of the PDF
)

// maxLimitProblems caps the lines reported for one limit.
const maxLimitProblems = 5

// checkLimits scans the text (after the front matter; its first line is line first) for what
// would make parsing slow: long lines, long paragraphs and deep nesting. It runs before goldmark
// sees the text.
func checkLimits(file string, src []byte, first int) diag.List {
	var probs diag.List
	counts := map[string]int{}
	report := func(kind string, line int, format string, args ...any) {
		counts[kind]++
		if counts[kind] <= maxLimitProblems {
			probs.Add(file, line, "", "", format, args...)
		}
	}
	blockStart, blockBytes := 0, 0
	line := first
	for rest := src; len(rest) > 0; line++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if len(l) > MaxLineBytes {
			report("line", line, "这一行太长（%s，最多 %s）：请在句号后换行或分段", sizeText(len(l)), sizeText(MaxLineBytes))
		}
		if len(bytes.TrimSpace(l)) == 0 {
			blockBytes = 0
		} else {
			if blockBytes == 0 {
				blockStart = line
			}
			blockBytes += len(l) + 1
			if blockBytes > MaxBlockBytes && blockBytes-len(l)-1 <= MaxBlockBytes {
				report("block", blockStart, "从这一行起的段落（或表格）太长（超过 %s）：请用空行分段", sizeText(MaxBlockBytes))
			}
		}
		if d := markers(l); d > MaxDepth {
			report("depth", line, "引用（>）或列表嵌套太深（%d 层，最多 %d 层）", d, MaxDepth)
		}
	}
	for _, k := range []struct{ kind, what string }{{"line", "行太长"}, {"block", "段落太长"}, {"depth", "嵌套太深"}} {
		if n := counts[k.kind]; n > maxLimitProblems {
			probs = append(probs, diag.Problem{File: file, Summary: true, Message: fmt.Sprintf("另有 %d 处%s", n-maxLimitProblems, k.what)})
		}
	}
	return probs
}

// markers counts the block quote and list markers that open a line: "> > - 1. text" has four.
// Each is a level of nesting that goldmark opens on this line.
func markers(l []byte) int {
	n := 0
	for {
		l = bytes.TrimLeft(l, " \t")
		switch {
		case len(l) == 0:
			return n
		case l[0] == '>':
			l = l[1:]
		case (l[0] == '-' || l[0] == '*' || l[0] == '+') && (len(l) == 1 || l[1] == ' ' || l[1] == '\t'):
			l = l[1:]
		default:
			i := 0
			for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
				i++
			}
			if i == 0 || i == len(l) || (l[i] != '.' && l[i] != ')') || (i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t') {
				return n
			}
			l = l[i+1:]
		}
		n++
	}
}

// tooMany finds the block after the first MaxBlocks headings, paragraphs and list items: 512 KB
// of "# a" would otherwise make 100,000 headings and a PDF of 25,000 pages.
func tooMany(root ast.Node) ast.Node {
	var found ast.Node
	n := 0
	ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock || c.Kind() == ast.KindDocument || c.Kind() == east.KindTableCell {
			return ast.WalkContinue, nil
		}
		if n++; n > MaxBlocks {
			found = c
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// checkFront refuses a front matter that would take the TOML decoder long: 4,000 nested inline
// tables took 28 s. A real front matter is a few lines without brackets.
func checkFront(file string, front []byte) diag.List {
	if len(front) > MaxFrontBytes {
		return diag.List{{File: file, Line: 2, Message: fmt.Sprintf("front matter 太长（%s，最多 %s）", sizeText(len(front)), sizeText(MaxFrontBytes))}}
	}
	depth, line := 0, 2
	var quote byte
	for i, c := range front {
		switch {
		case c == '\n':
			line++
			quote = 0 // TOML's basic strings end with their line
		case quote != 0:
			if c == quote && (quote == '\'' || i == 0 || front[i-1] != '\\') {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			if depth++; depth > MaxFrontDepth {
				return diag.List{{File: file, Line: line, Message: fmt.Sprintf("front matter 中的括号嵌套太深（最多 %d 层）", MaxFrontDepth)}}
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
