package content

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/youjun-edu/youjun/internal/cjk"
)

// cjkEmphasisParser is goldmark's emphasis parser with one change to CommonMark's flanking
// rules: a Chinese (or other East Asian wide) character on the outer side of a delimiter counts
// like punctuation or space. CommonMark alone leaves 这是**“重要”**的 unbolded, because the
// opening ** is followed by punctuation and preceded by a letter.
type cjkEmphasisParser struct{}

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (cjkEmphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	c := line[0]
	j := 0
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' '
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct := util.IsPunctRune(before) || cjk.IsWide(before)
	afterPunct := util.IsPunctRune(after) || cjk.IsWide(after)
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	isLeft := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	isRight := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	canOpen, canClose := isLeft, isRight
	if c == '_' {
		canOpen = isLeft && (!isRight || beforePunct)
		canClose = isRight && (!isLeft || afterPunct)
	}
	node := parser.NewDelimiter(canOpen, canClose, j, c, emphasisProcessor{})
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
