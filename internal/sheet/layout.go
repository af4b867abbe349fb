package sheet

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/report"
)

// How a table sits on the sheet and on an A4 page. Widths are in Excel's unit, the width of a
// digit of the default font (7 pixels of Calibri 11); a Chinese character takes about two.
// Heights are in points.
const (
	minWidth       = 6  // a column is never narrower: a header of two characters fits
	maxTextWidth   = 40 // a text column wraps beyond this
	maxNumberWidth = 16 // the widest number of the reports, 4,971,270.41, takes 12
	padding        = 2  // the space a program leaves around a cell's text
	headerLines    = 4  // a long header wraps over up to this many lines before its column widens

	lineHeight      = 16 // a line of 11-point text, with the line spacing of the common CJK fonts
	titleLineHeight = 22 // a line of the 14-point title
	titleScale      = 14.0 / 11
	maxRowHeight    = 409 // Excel's limit

	// portraitPixels is the width inside the margins (0.5 inch each side) of A4 portrait, in
	// pixels at 96 dpi: 7.27 inch. A table wider than this prints landscape.
	portraitPixels = 698
)

// layout is what the sheet's shape depends on: the columns' widths and the page's orientation.
type layout struct {
	widths    []int
	total     int // the sum of widths
	landscape bool
}

// newLayout sizes each column to its content: the widest of its cells and its header, the
// header wrapped over a few lines, between minWidth and the cap of its kind.
func newLayout(t *report.Table) layout {
	l := layout{widths: make([]int, len(t.Columns))}
	data := make([]int, len(t.Columns))
	for _, row := range t.Rows {
		for i, c := range row {
			// No character is wider than its UTF-8 bytes: a text of fewer bytes than the
			// widest so far is not measured.
			if i < len(data) && len(c.Text) > data[i] {
				data[i] = max(data[i], textWidth(c.Text))
			}
		}
	}
	pixels := 0
	for i, c := range t.Columns {
		limit := maxTextWidth
		if c.Numeric {
			limit = maxNumberWidth
		}
		w := min(max(data[i], headerWidth(textWidth(c.Header)))+padding, limit)
		w = max(w, minWidth)
		l.widths[i] = w
		l.total += w
		pixels += columnPixels(w)
	}
	l.landscape = pixels > portraitPixels
	return l
}

// headerWidth is the width a header of w units asks of its column: half of it (two lines) when
// that is narrow, else enough for headerLines lines, so that a long header like
// "R3 每百名学生拥有体育、艺术（美术、音乐）专任教师数（0.9人）" does not widen a column of numbers
// to its length.
func headerWidth(w int) int {
	const narrow = 12
	half := (w + 1) / 2
	if half <= narrow {
		return half
	}
	return max((w+headerLines-1)/headerLines, narrow)
}

// columnPixels is how many pixels wide Excel draws a column of width w.
func columnPixels(w int) int { return 7*w + 5 }

// textWidth is the width of the longest line of s: a wide (Chinese) character counts two.
func textWidth(s string) int {
	widest, n := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			widest, n = max(widest, n), 0
		case r < 0x1100: // nothing below the Hangul Jamo is wide
			n++
		case 0x4e00 <= r && r <= 0x9fff: // the common Han characters, most of the text
			n += 2
		case cjk.IsWide(r):
			n += 2
		default:
			n++
		}
	}
	return max(widest, n)
}

// lines estimates how many lines s takes wrapped in a column w wide.
func lines(s string, w int) int {
	if !strings.Contains(s, "\n") {
		if len(s) < w { // no wider than its bytes: it fits
			return 1
		}
		return wrapped(textWidth(s), w)
	}
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n += wrapped(textWidth(line), w)
	}
	return n
}

// wrapped is how many lines a text u units wide takes in a column w wide, which holds a little
// less than w.
func wrapped(u, w int) int {
	room := max(w-1, 1)
	return max((u+room-1)/room, 1)
}

// rowHeight is the height of a row of n lines of lineHeight points, or 0 for a row of one
// line, which the program sizes to its own font.
func rowHeight(n int, lineHeight float64) float64 {
	if n <= 1 {
		return 0
	}
	return min(float64(n)*lineHeight, maxRowHeight)
}

// The sheet's name when a table has none that is usable.
const defaultSheetName = "附表"

// maxSheetName is Excel's limit on a sheet's name, in UTF-16 code units.
const maxSheetName = 31

// sheetName is the table's short name (资源配置指标全县值与差异系数) as Excel accepts a sheet's
// name: the characters it forbids, : \ / ? * [ ], replaced by their full-width forms, control
// characters dropped, no ' at either end, at most 31 characters. A name that is left empty, or
// is History (which Excel keeps for itself), gives 附表.
func sheetName(t *report.Table) string {
	name := t.Name
	if strings.TrimSpace(name) == "" {
		name = t.Title
	}
	var b strings.Builder
	units := 0
	for _, r := range name {
		switch {
		case r == utf8.RuneError, r < ' ', r == 0x7f:
			continue
		case strings.ContainsRune(`:\/?*[]`, r):
			r += 0xfee0 // the full-width form: ： ＼ ／ ？ ＊ ［ ］
		}
		if units += utf16.RuneLen(r); units > maxSheetName {
			break
		}
		b.WriteRune(r)
	}
	s := strings.TrimFunc(b.String(), func(r rune) bool { return r == '\'' || unicode.IsSpace(r) })
	if s == "" || strings.EqualFold(s, "History") {
		return defaultSheetName
	}
	return s
}

// quoteSheet quotes a sheet's name for a reference: 'name', each ' doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
