package build

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// Word refuses a document whose elements come out of the order its schema (ECMA-376)
// prescribes, where LibreOffice reads on. schemaOrder lists, for every element the document
// writes children into, its children in the schema's order (an excerpt of each sequence:
// the children youjun writes); the test checks that each such element holds only these, in
// this order. Names are prefix:local with w for WordprocessingML and c for charts.
var schemaOrder = map[string][]string{
	"w:pPr": {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr", "w:shd", "w:tabs",
		"w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr"},
	"w:rPr": {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:snapToGrid", "w:color", "w:spacing", "w:w", "w:kern", "w:sz", "w:szCs",
		"w:u", "w:bdr", "w:shd", "w:vertAlign", "w:lang"},
	"w:sectPr":      {"w:headerReference|w:footerReference", "w:footnotePr", "w:type", "w:pgSz", "w:pgMar", "w:pgNumType", "w:cols", "w:titlePg", "w:docGrid"},
	"w:tbl":         {"w:tblPr", "w:tblGrid", "w:tr"},
	"w:tblPr":       {"w:tblStyle", "w:tblW", "w:jc", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"},
	"w:tr":          {"w:trPr", "w:tc"},
	"w:trPr":        {"w:cantSplit|w:tblHeader"},
	"w:tc":          {"w:tcPr", "w:p"},
	"w:tcPr":        {"w:tcW", "w:shd", "w:vAlign"},
	"w:style":       {"w:name", "w:aliases", "w:basedOn", "w:next", "w:qFormat", "w:pPr", "w:rPr", "w:tblPr"},
	"w:styles":      {"w:docDefaults", "w:style"},
	"w:docDefaults": {"w:rPrDefault", "w:pPrDefault"},
	"w:font":        {"w:altName", "w:charset", "w:family", "w:pitch"},
	"w:settings": {"w:zoom", "w:mirrorMargins", "w:defaultTabStop", "w:evenAndOddHeaders", "w:drawingGridHorizontalSpacing",
		"w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
		"w:characterSpacingControl", "w:updateFields", "w:footnotePr", "w:compat", "w:themeFontLang", "w:decimalSymbol", "w:listSeparator"},
	"w:compat": {"w:spaceForUL", "w:balanceSingleByteDoubleByteWidth", "w:doNotLeaveBackslashAlone", "w:ulTrailSpace",
		"w:doNotExpandShiftReturn", "w:adjustLineHeightInTable", "w:useFELayout", "w:compatSetting"},
	"wp:inline":    {"wp:extent", "wp:effectExtent", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"},
	"c:chartSpace": {"c:date1904", "c:lang", "c:roundedCorners", "c:chart", "c:spPr", "c:txPr", "c:externalData"},
	"c:chart":      {"c:title", "c:autoTitleDeleted", "c:plotArea", "c:legend", "c:plotVisOnly", "c:dispBlanksAs"},
	"c:plotArea":   {"c:layout", "c:barChart|c:lineChart|c:radarChart", "c:catAx|c:valAx"},
	"c:barChart":   {"c:barDir", "c:grouping", "c:varyColors", "c:ser", "c:dLbls", "c:gapWidth", "c:overlap", "c:axId"},
	"c:lineChart":  {"c:grouping", "c:varyColors", "c:ser", "c:dLbls", "c:marker", "c:axId"},
	"c:radarChart": {"c:radarStyle", "c:varyColors", "c:ser", "c:dLbls", "c:axId"},
	// The series of the three kinds, merged: no two of them order these differently.
	"c:ser": {"c:idx", "c:order", "c:tx", "c:spPr", "c:invertIfNegative", "c:marker", "c:dPt", "c:dLbls", "c:cat", "c:val", "c:smooth"},
	"c:dPt": {"c:idx", "c:invertIfNegative", "c:marker", "c:bubble3D", "c:spPr"},
	"c:dLbls": {"c:dLbl", "c:numFmt", "c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey", "c:showVal", "c:showCatName",
		"c:showSerName", "c:showPercent", "c:showBubbleSize"},
	"c:dLbl": {"c:idx", "c:layout", "c:tx", "c:numFmt", "c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey", "c:showVal",
		"c:showCatName", "c:showSerName", "c:showPercent", "c:showBubbleSize"},
	"c:catAx": {"c:axId", "c:scaling", "c:delete", "c:axPos", "c:majorGridlines", "c:title", "c:numFmt", "c:majorTickMark",
		"c:minorTickMark", "c:tickLblPos", "c:spPr", "c:txPr", "c:crossAx", "c:crosses", "c:auto", "c:lblAlgn", "c:lblOffset",
		"c:tickLblSkip", "c:noMultiLvlLbl"},
	"c:valAx": {"c:axId", "c:scaling", "c:delete", "c:axPos", "c:majorGridlines", "c:title", "c:numFmt", "c:majorTickMark",
		"c:minorTickMark", "c:tickLblPos", "c:spPr", "c:txPr", "c:crossAx", "c:crosses", "c:crossBetween", "c:majorUnit"},
	"c:scaling":  {"c:orientation", "c:max", "c:min"},
	"c:legend":   {"c:legendPos", "c:layout", "c:overlay"},
	"c:title":    {"c:tx", "c:layout", "c:overlay"},
	"c:strRef":   {"c:f", "c:strCache"},
	"c:numRef":   {"c:f", "c:numCache"},
	"c:strCache": {"c:ptCount", "c:pt"},
	"c:numCache": {"c:formatCode", "c:ptCount", "c:pt"},
}

var prefixes = map[string]string{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":           "w",
	"http://schemas.openxmlformats.org/drawingml/2006/chart":                 "c",
	"http://schemas.openxmlformats.org/drawingml/2006/main":                  "a",
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":    "r",
}

// rank is the place of child among parent's children in the schema; -1 when it may not be there.
func rank(order []string, child string) int {
	for i, alts := range order {
		if slices.Contains(strings.Split(alts, "|"), child) {
			return i
		}
	}
	return -1
}

// checkOrder reports every element of doc whose children break schemaOrder.
func checkOrder(t *testing.T, name string, doc []byte) {
	t.Helper()
	type open struct {
		name string
		last int
	}
	var stack []open
	d := xml.NewDecoder(bytes.NewReader(doc))
	errs := 0
	for errs < 10 {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := prefixes[tok.Name.Space] + ":" + tok.Name.Local
			if n := len(stack); n > 0 {
				if order, ok := schemaOrder[stack[n-1].name]; ok {
					r := rank(order, el)
					switch {
					case r < 0:
						t.Errorf("%s: %s holds %s, which its schema does not allow (or this test does not know)", name, stack[n-1].name, el)
						errs++
					case r < stack[n-1].last:
						t.Errorf("%s: in %s, %s comes after %s", name, stack[n-1].name, el, order[stack[n-1].last])
						errs++
					default:
						stack[n-1].last = r
					}
				}
			}
			stack = append(stack, open{name: el})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// Every part's elements are in the order of the OOXML schema, for the elements youjun writes
// into: paragraph, run, section, table and style properties, settings, drawings and charts.
func TestDOCXSchemaOrder(t *testing.T) {
	for name, dir := range docxTestSites(t) {
		t.Run(name, func(t *testing.T) {
			_, b := buildDOCX(t, dir)
			for _, p := range unzipDOCX(t, b) {
				if strings.HasPrefix(p.name, "word/") && strings.HasSuffix(p.name, ".xml") {
					checkOrder(t, p.name, p.body)
				}
			}
		})
	}
}
