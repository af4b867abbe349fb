package docx

import (
	"math"
	"strconv"

	"github.com/youjun-edu/youjun/internal/chart"
)

// Charts are native Word charts (DrawingML, word/charts/chartN.xml) holding their data twice,
// as Word does: cached in the chart part (c:strCache, c:numCache), which Word and WPS draw
// from, and in an embedded workbook (word/embeddings/), which they open when a clerk chooses
// 编辑数据. The data are those of internal/chart, which the HTML and PDF figures draw.
//
// The workbook's layout: column A the categories from row 2, then one column per series and one
// per reference line (threshold, floor, limit), their names in row 1.
//
// A reference line is a line series of equal values across the categories. Word cannot set a
// line series across a bar chart whose bars run sideways, so a distribution chart, which the
// PDF and HTML draw sideways, is drawn here with upright columns: the same units, values and
// lines.

// Grey levels that stay apart in black-and-white print, as the PDF's.
const (
	greyBar   = "8C8C8C"
	greyFail  = "1A1A1A"
	greyWarn  = "D9D9D9"
	greyBelow = "000000"
)

var stackGreys = []string{greyBar, "CCCCCC", greyFail}

// chartXML writes the chart part of c; its data come from the workbook of relationship rId1.
func chartXML(c *chart.Chart) []byte {
	w := newXW(4096 + 200*len(c.Categories)*(len(c.Series)+len(c.Lines)))
	w.raw(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.raw(`<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>`)
	n := len(c.Categories)
	if c.Kind == chart.Radar {
		w.raw(`<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>`)
		for i, s := range c.Series {
			dash := ""
			if i > 0 {
				dash = `<a:prstDash val="dash"/>`
			}
			seriesHead(w, i, s.Name)
			w.raw(`<c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>` + dash + `</a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`)
			categories(w, c.Categories)
			values(w, i+1, s.Values, n, c.Decimals)
			w.raw(`</c:ser>`)
		}
		w.raw(`<c:axId val="1"/><c:axId val="2"/></c:radarChart>`)
		catAx(w, c, "b")
		top := 0.0
		for _, m := range c.RadarMax {
			top = max(top, m)
		}
		valAx(w, c, "l", top, 50, `0"%"`)
	} else {
		stacked := false
		for _, s := range c.Series {
			stacked = stacked || s.Stack != ""
		}
		w.raw(`<c:barChart><c:barDir val="col"/><c:grouping val="`)
		if stacked {
			w.raw(`stacked`)
		} else {
			w.raw(`clustered`)
		}
		w.raw(`"/><c:varyColors val="0"/>`)
		for i, s := range c.Series {
			fill := greyBar
			if s.Stack != "" {
				fill = stackGreys[i%len(stackGreys)]
			}
			seriesHead(w, i, s.Name)
			w.raw(`<c:spPr><a:solidFill><a:srgbClr val="` + fill + `"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr><c:invertIfNegative val="0"/>`)
			if s.Stack == "" {
				points(w, s)
				marks(w, s)
			}
			categories(w, c.Categories)
			values(w, i+1, s.Values, n, c.Decimals)
			w.raw(`</c:ser>`)
		}
		w.raw(`<c:gapWidth val="60"/>`)
		if stacked {
			w.raw(`<c:overlap val="100"/>`)
		}
		w.raw(`<c:axId val="1"/><c:axId val="2"/></c:barChart>`)
		if len(c.Lines) > 0 {
			w.raw(`<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`)
			for j, l := range c.Lines {
				i := len(c.Series) + j
				dash := ""
				if l.Dashed {
					dash = `<a:prstDash val="dash"/>`
				}
				seriesHead(w, i, l.Name)
				w.raw(`<c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>` + dash + `</a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`)
				categories(w, c.Categories)
				vs := make([]float64, n)
				for k := range vs {
					vs[k] = l.Value
				}
				values(w, i+1, vs, n, c.Decimals)
				w.raw(`<c:smooth val="0"/></c:ser>`)
			}
			w.raw(`<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>`)
		}
		catAx(w, c, "b")
		step, axisMax := chart.Axis(c.Top(), 1.05)
		valAx(w, c, "l", axisMax, step, numFormat(c.Decimals))
	}
	w.raw(`</c:plotArea>`)
	if len(c.Series)+len(c.Lines) > 1 {
		w.raw(`<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`)
	}
	w.raw(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	w.raw(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	w.raw(`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`)
	w.raw(`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`)
	return w.Bytes()
}

// seriesHead opens series i: its index and its name, cell i+1 of row 1.
func seriesHead(w *xw, i int, name string) {
	w.raw(`<c:ser><c:idx val="`)
	w.int(i)
	w.raw(`"/><c:order val="`)
	w.int(i)
	w.raw(`"/><c:tx><c:strRef><c:f>Sheet1!$`)
	w.raw(colName(i + 1))
	w.raw(`$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>`)
	w.text(name)
	w.raw(`</c:v></c:pt></c:strCache></c:strRef></c:tx>`)
}

// points shades the bars that fail darker and those close to failing (临界) lighter and outlined,
// as the PDF does, so that they read apart without colour.
func points(w *xw, s chart.Series) {
	for i := range s.Values {
		fill := ""
		switch {
		case i < len(s.Below) && s.Below[i]:
			fill = greyBelow
		case i < len(s.Fail) && s.Fail[i]:
			fill = greyFail
		case i < len(s.Warn) && s.Warn[i]:
			fill = greyWarn
		default:
			continue
		}
		w.raw(`<c:dPt><c:idx val="`)
		w.int(i)
		w.raw(`"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="` + fill + `"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr></c:dPt>`)
	}
}

// pointMark is what the PDF writes by a bar: ✗✗ below the floor, ✗ below the standard (or over
// a limit), 临界 close to failing; "" for none.
func pointMark(s chart.Series, i int) string {
	switch {
	case i < len(s.Below) && s.Below[i]:
		return "✗✗"
	case i < len(s.Fail) && s.Fail[i]:
		return "✗"
	case i < len(s.Warn) && s.Warn[i]:
		return "临界"
	}
	return ""
}

// marks labels the marked bars of a series above their ends, as editable data labels.
func marks(w *xw, s chart.Series) {
	any := false
	for i := range s.Values {
		m := pointMark(s, i)
		if m == "" {
			continue
		}
		if !any {
			w.raw(`<c:dLbls>`)
			any = true
		}
		w.raw(`<c:dLbl><c:idx val="`)
		w.int(i)
		w.raw(`"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN" sz="900" b="1"/><a:t>`)
		w.text(m)
		w.raw(`</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>`)
	}
	if any {
		w.raw(`<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
	}
}

func categories(w *xw, cats []string) {
	w.raw(`<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$`)
	w.int(len(cats) + 1)
	w.raw(`</c:f><c:strCache><c:ptCount val="`)
	w.int(len(cats))
	w.raw(`"/>`)
	for i, c := range cats {
		w.raw(`<c:pt idx="`)
		w.int(i)
		w.raw(`"><c:v>`)
		w.text(c)
		w.raw(`</c:v></c:pt>`)
	}
	w.raw(`</c:strCache></c:strRef></c:cat>`)
}

// values writes a series' numbers, column col of the workbook, n points.
func values(w *xw, col int, vs []float64, n, decimals int) {
	name := colName(col)
	w.raw(`<c:val><c:numRef><c:f>Sheet1!$` + name + `$2:$` + name + `$`)
	w.int(n + 1)
	w.raw(`</c:f><c:numCache><c:formatCode>` + numFormat(decimals) + `</c:formatCode><c:ptCount val="`)
	w.int(n)
	w.raw(`"/>`)
	for i, v := range vs {
		if i >= n {
			break
		}
		w.raw(`<c:pt idx="`)
		w.int(i)
		w.raw(`"><c:v>`)
		w.raw(number(v))
		w.raw(`</c:v></c:pt>`)
	}
	w.raw(`</c:numCache></c:numRef></c:val>`)
}

func catAx(w *xw, c *chart.Chart, pos string) {
	w.raw(`<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="` + pos + `"/>`)
	w.raw(`<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	if len(c.Categories) > 12 && c.Kind != chart.Radar {
		// Many units: their names stand upright under the columns.
		w.raw(`<c:txPr><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`)
	}
	w.raw(`<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
}

// valAx writes the value axis from 0 to top in steps, named after the chart's YName.
func valAx(w *xw, c *chart.Chart, pos string, top, step float64, format string) {
	w.raw(`<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:max val="` + number(top) + `"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="` + pos + `"/>`)
	w.raw(`<c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill><a:prstDash val="sysDot"/></a:ln></c:spPr></c:majorGridlines>`)
	if c.YName != "" {
		w.raw(`<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="900" b="0"/><a:t>`)
		w.text(c.YName)
		w.raw(`</a:t></a:r></a:p></c:rich></c:tx><c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0.01"/><c:y val="0.01"/></c:manualLayout></c:layout><c:overlay val="0"/></c:title>`)
	}
	w.raw(`<c:numFmt formatCode="`)
	w.attr(format)
	w.raw(`" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	w.raw(`<c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="` + number(step) + `"/></c:valAx>`)
}

// numFormat is the number format of values with the given decimals: 0, 0.0, 0.00 …
func numFormat(decimals int) string {
	if decimals <= 0 {
		return "0"
	}
	f := "0."
	for range min(decimals, 10) {
		f += "0"
	}
	return f
}

// number writes v as the shortest decimal that reads back as v (no exponent below 1e21),
// which Word, WPS and spreadsheets read alike.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// colName is the spreadsheet name of column i, 0-based: A, B, … Z, AA …
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
