package pdf

import (
	"math"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

const mm = 72 / 25.4 // points per millimetre

// Style is the page and type geometry in points, after GB/T 9704-2012 unless site.toml says otherwise.
type Style struct {
	PageW, PageH        float64
	Top, Binding        float64 // 天头, 订口
	TextW, TextH        float64 // 版心
	Body, Title, Table  float64 // type sizes
	PageNum, PageNumGap float64
	Lines, Chars        int // lines per page, characters per line of body text
}

// Settings are the site's page and type settings ([pdf.style] of site.toml), 0 for the default;
// config.PDFStyle converts to it.
type Settings struct {
	TopMarginMM     float64 // 天头 37
	BindingMarginMM float64 // 订口 28
	TextWidthMM     float64 // 版心宽 156
	TextHeightMM    float64 // 版心高 225
	BodySize        float64 // 正文 16 pt（三号）
	TitleSize       float64 // 标题 22 pt（二号）
	TableSize       float64 // 表格 10.5 pt（五号）
	LinesPerPage    int     // 每页 22 行
	CharsPerLine    int     // 每行 28 字
	PageNumberSize  float64 // 页码 14 pt（四号）
	PageNumberGapMM float64 // 页码距版心下边缘 7
}

// StyleFrom fills the defaults into the site's settings.
func StyleFrom(c Settings) Style {
	or := func(v, def float64) float64 {
		if v == 0 {
			return def
		}
		return v
	}
	ori := func(v, def int) int {
		if v == 0 {
			return def
		}
		return v
	}
	return Style{
		PageW: 210 * mm, PageH: 297 * mm,
		Top: or(c.TopMarginMM, 37) * mm, Binding: or(c.BindingMarginMM, 28) * mm,
		TextW: or(c.TextWidthMM, 156) * mm, TextH: or(c.TextHeightMM, 225) * mm,
		Body: or(c.BodySize, 16), Title: or(c.TitleSize, 22), Table: or(c.TableSize, 10.5),
		PageNum: or(c.PageNumberSize, 14), PageNumGap: or(c.PageNumberGapMM, 7) * mm,
		Lines: ori(c.LinesPerPage, 22), Chars: ori(c.CharsPerLine, 28),
	}
}

// pitch is the distance between body lines: the text block's height over the lines per page.
func (s Style) pitch() float64 { return s.TextH / float64(s.Lines) }

// gridRatio is the advance of a Chinese character over the type size, so that chars_per_line
// characters fill the line exactly, as the 公文 document grid does.
func (s Style) gridRatio() float64 { return s.TextW / float64(s.Chars) / s.Body }

// left is the text block's left edge on a page: the binding margin is on the left of odd pages
// and on the right of even ones.
func (s Style) left(number int) float64 {
	if number > 0 && number%2 == 0 {
		return s.PageW - s.Binding - s.TextW
	}
	return s.Binding
}

func (s Style) bottom() float64 { return s.Top + s.TextH }

// landscape is the geometry of a landscape page: the portrait text block turned a quarter
// turn about its centre, with as many lines and characters as keep the pitch and the grid.
func (s Style) landscape() Style {
	l := s
	l.TextW, l.TextH = s.TextH, s.TextW
	l.Top = s.Top + (s.TextH-s.TextW)/2
	l.Lines = max(1, int(math.Round(float64(s.Lines)*s.TextW/s.TextH)))
	l.Chars = max(1, int(math.Round(float64(s.Chars)*s.TextH/s.TextW)))
	return l
}

// textStyle is a font role at a size.
type textStyle struct {
	role fonts.Role
	size float64
	grid bool    // Chinese characters advance on the document grid
	rise float64 // raised above the baseline (superscripts)
}

// Text styles, indexes into typesetter.styles.
const (
	sBody = iota
	sStrong
	sEm
	sH1
	sH2
	sH3
	sTitle
	sCoverTitle
	sTable
	sTableHead
	sCaption
	sNote
	sPageNum
	sChart
	sSup // a footnote's number
	numStyles
)

func (s Style) textStyles() []textStyle {
	ts := make([]textStyle, numStyles)
	ts[sBody] = textStyle{fonts.Body, s.Body, true, 0}
	ts[sStrong] = textStyle{fonts.Heading, s.Body, true, 0}
	ts[sEm] = textStyle{fonts.Kai, s.Body, true, 0}
	ts[sH1] = textStyle{fonts.Heading, s.Body, true, 0}
	ts[sH2] = textStyle{fonts.Kai, s.Body, true, 0}
	ts[sH3] = textStyle{fonts.Body, s.Body, true, 0}
	ts[sTitle] = textStyle{fonts.Title, s.Title, false, 0}
	ts[sCoverTitle] = textStyle{fonts.Title, s.Title * 1.2, false, 0}
	ts[sTable] = textStyle{fonts.Body, s.Table, false, 0}
	ts[sTableHead] = textStyle{fonts.Heading, s.Table, false, 0}
	ts[sCaption] = textStyle{fonts.Heading, s.Body * 0.875, false, 0}
	ts[sNote] = textStyle{fonts.Body, s.Table, false, 0}
	ts[sPageNum] = textStyle{fonts.Body, s.PageNum, false, 0}
	ts[sChart] = textStyle{fonts.Body, s.Table * 0.85, false, 0}
	ts[sSup] = textStyle{fonts.Body, s.Body * 0.6, false, s.Body * 0.38}
	return ts
}
