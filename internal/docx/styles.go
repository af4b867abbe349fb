package docx

// Page setup after GB/T 9704-2012 §5.2, in twips (1/20 pt, 1440 to the inch; 1 mm = 56.693 twips):
//
//	A4 page 210 × 297 mm                 = 11906 × 16838
//	天头 (top margin) 37 mm              = 2098
//	订口 (inner margin) 28 mm            = 1587
//	版心 (text block) 156 × 225 mm       = 8844 × 12756
//	outer margin 11906 − 1587 − 8844     = 1475  (26 mm)
//	bottom margin 16838 − 2098 − 12756   = 1984  (35 mm)
//
// The document grid (w:docGrid w:type="linesAndChars") makes Word show 22 lines of 28
// characters, as the PDF sets them:
//
//	line pitch  12756 / 22 = 579.8 → 579 twips (28.95 pt; 22 × 579 = 12738 ≤ 12756, so 22 fit)
//	char pitch  8844 / 28 = 315.86 twips = 15.793 pt
//
// Word's character pitch is the default font size (三号, 16 pt) plus w:charSpace/4096 pt, so
// w:charSpace = (15.793 − 16) × 4096 = −848.3, taken down to −849 (15.7927 pt × 28 =
// 442.20 pt ≤ 442.2 pt: rounding up would leave room for 27 characters only).
//
// A 三号 character (16 pt) is wider than its grid cell (15.793 pt). Word and WPS close the gap;
// LibreOffice instead lays such a character over two cells, 14 to a line. The text on the grid
// is therefore set at 98% width (w:w; 15.68 pt, no visible difference), which fits one cell in
// all three; text off the grid (title, tables, captions, notes, header and footer) keeps 100%.
//
// The page number (四号, 14 pt) sits 7 mm below the text block: its line's top at 35 − 7 =
// 28 mm above the page's bottom edge, its bottom about 23 mm above it (w:footer = 1304).
const (
	pageW, pageH         = 11906, 16838
	marginTop            = 2098
	marginInner          = 1587
	textW, textH         = 8844, 12756
	marginOuter          = pageW - marginInner - textW
	marginBottom         = pageH - marginTop - textH
	linesPerPage         = 22
	charsPerLine         = 28
	linePitch            = textH / linesPerPage // 579
	bodyHalfPoints       = 32                   // 三号 16 pt
	charSpace            = -849
	headerDist           = 851                  // 15 mm: the draft mark above the text block
	footerDist           = 1304                 // 23 mm
	charPitch            = textW / charsPerLine // 315 twips: two characters of first-line indent and 落款
	gridScale            = 98                   // percent width of text on the grid
	emuPerTwip           = 635
	landscapeMarginTop   = (pageW - textW) / 2 // the text block turned a quarter turn, centred
	landscapeMarginSide  = (pageH - textH) / 2
	landscapeLinesOnPage = textW / linePitch
)

// Type sizes in half-points.
const (
	szTitle = 44 // 二号
	// The cover's title is a fifth larger than the body's (一号 26 pt), as the PDF's.
	szCoverTitle   = 52
	coverTitleLine = 840
	szBody         = 32 // 三号
	szNum          = 28 // 四号, page numbers
	szCap          = 28 // 四号, captions (the PDF's 14 pt)
	szTable        = 21 // 五号
	szNote         = 21 // 五号
)

// Fonts. Windows names the official fonts 仿宋_GB2312 and 楷体_GB2312 on older systems and 仿宋,
// 楷体 on newer ones; fontTable.xml names the second as the first's alternative (w:altName), which
// Word and WPS use when the first is missing. The title's 方正小标宋简体 falls back to 宋体.
const (
	fFang  = "仿宋_GB2312"
	fKai   = "楷体_GB2312"
	fHei   = "黑体"
	fTitle = "方正小标宋简体"
	fSong  = "宋体"
	fLatin = "Times New Roman"
)

// rFonts names a font for Chinese (w:eastAsia) and Times New Roman for Latin letters and digits.
func rFonts(ea string) string {
	return `<w:rFonts w:ascii="` + fLatin + `" w:hAnsi="` + fLatin + `" w:eastAsia="` + ea + `" w:cs="` + fLatin + `" w:hint="eastAsia"/>`
}

// scaleW is the character width in percent (w:w), which goes after the fonts and before the size.
func scaleW(pct int) string { return `<w:w w:val="` + itoa(pct) + `"/>` }

func sz(hp int) string {
	s := itoa(hp)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

// exact is fixed line spacing of pt points.
func exact(twips int) string {
	return `<w:spacing w:line="` + itoa(twips) + `" w:lineRule="exact" w:before="0" w:after="0"/>`
}

// style is one paragraph or character style of styles.xml.
type style struct {
	id, name, kind, basedOn, next string
	pPr, rPr                      string
	outline                       int // 1–9: the heading level in the 目录 and the navigation pane; 0 none
	builtin                       bool
}

// styles lists every style the document uses. Chinese Word shows the built-in ones by their
// Chinese names (Normal 正文, Title 标题, toc 1 目录 1, …); the others are named in Chinese.
var styles = []style{
	{id: "Normal", name: "Normal", kind: "paragraph", builtin: true,
		pPr: `<w:widowControl/><w:adjustRightInd/>` + exact(560) + `<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`,
		rPr: rFonts(fFang) + scaleW(gridScale) + `<w:kern w:val="0"/>` + sz(szBody)},
	{id: "Title", name: "Title", kind: "paragraph", basedOn: "Normal", next: "Normal", builtin: true,
		// Off the grid: a character larger than a grid cell would take two.
		pPr: `<w:keepNext/><w:snapToGrid w:val="0"/>` + exact(700) + `<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`,
		rPr: rFonts(fTitle) + scaleW(100) + sz(szTitle)},
	{id: "CoverTitle", name: "封面标题", kind: "paragraph", basedOn: "Title", next: "Cover",
		pPr: exact(coverTitleLine), rPr: sz(szCoverTitle)},
	{id: "Cover", name: "封面", kind: "paragraph", basedOn: "Normal",
		pPr: `<w:snapToGrid w:val="0"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`, rPr: scaleW(100)},
	{id: "Heading1", name: "一级标题", kind: "paragraph", basedOn: "Normal", next: "Normal", outline: 1,
		pPr: `<w:keepNext/><w:keepLines/>`, rPr: rFonts(fHei)},
	{id: "Heading2", name: "二级标题", kind: "paragraph", basedOn: "Normal", next: "Normal", outline: 2,
		pPr: `<w:keepNext/><w:keepLines/>`, rPr: rFonts(fKai)},
	{id: "Heading3", name: "三级标题", kind: "paragraph", basedOn: "Normal", next: "Normal", outline: 3,
		pPr: `<w:keepNext/><w:keepLines/>`, rPr: `<w:b/><w:bCs/>`},
	{id: "Heading4", name: "四级标题", kind: "paragraph", basedOn: "Normal", next: "Normal", outline: 4,
		pPr: `<w:keepNext/><w:keepLines/>`},
	{id: "TableText", name: "表格", kind: "paragraph", basedOn: "Normal",
		pPr: `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto" w:before="20" w:after="20"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>`,
		rPr: scaleW(100) + sz(szTable)},
	{id: "TableHead", name: "表头", kind: "paragraph", basedOn: "TableText",
		pPr: `<w:keepNext/><w:jc w:val="center"/>`, rPr: rFonts(fHei)},
	{id: "TableCaption", name: "表题", kind: "paragraph", basedOn: "Normal", next: "Normal",
		pPr: `<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:line="360" w:lineRule="auto" w:before="120" w:after="60"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`,
		rPr: rFonts(fHei) + scaleW(100) + sz(szCap)},
	{id: "FigureCaption", name: "图题", kind: "paragraph", basedOn: "TableCaption", next: "Normal",
		pPr: `<w:keepNext w:val="0"/><w:spacing w:before="60" w:after="200"/>`},
	{id: "Figure", name: "图", kind: "paragraph", basedOn: "Normal", next: "FigureCaption",
		pPr: `<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto" w:before="120" w:after="0"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`},
	{id: "Note", name: "表注", kind: "paragraph", basedOn: "Normal",
		pPr: `<w:snapToGrid w:val="0"/><w:spacing w:line="300" w:lineRule="auto" w:before="0" w:after="0"/><w:ind w:firstLineChars="0" w:firstLine="0"/>`,
		rPr: scaleW(100) + sz(szNote)},
	{id: "Signature", name: "落款", kind: "paragraph", basedOn: "Normal",
		pPr: `<w:keepNext/><w:keepLines/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>`},
	{id: "TOCHeading", name: "目录标题", kind: "paragraph", basedOn: "Title", next: "TOC1",
		pPr: `<w:spacing w:after="280"/>`},
	{id: "TOC1", name: "toc 1", kind: "paragraph", basedOn: "Normal", next: "Normal", builtin: true,
		pPr: `<w:tabs><w:tab w:val="right" w:leader="middleDot" w:pos="` + itoa(textW) + `"/></w:tabs><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>`,
		rPr: rFonts(fHei)},
	{id: "TOC2", name: "toc 2", kind: "paragraph", basedOn: "Normal", next: "Normal", builtin: true,
		pPr: `<w:tabs><w:tab w:val="right" w:leader="middleDot" w:pos="` + itoa(textW) + `"/></w:tabs><w:ind w:left="` + itoa(2*charPitch) + `" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>`},
	{id: "Header", name: "header", kind: "paragraph", basedOn: "Normal", builtin: true,
		pPr: `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>`,
		rPr: rFonts(fHei) + scaleW(100)},
	{id: "Footer", name: "footer", kind: "paragraph", basedOn: "Normal", builtin: true,
		pPr: `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>`,
		rPr: rFonts(fSong) + scaleW(100) + sz(szNum)},
	{id: "FootnoteText", name: "footnote text", kind: "paragraph", basedOn: "Normal", builtin: true,
		pPr: `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>`,
		rPr: scaleW(100) + sz(szNote)},
	{id: "FootnoteReference", name: "footnote reference", kind: "character", builtin: true,
		rPr: `<w:vertAlign w:val="superscript"/>`},
	{id: "Strong", name: "Strong", kind: "character", builtin: true, rPr: rFonts(fHei)},
	{id: "Emphasis", name: "Emphasis", kind: "character", builtin: true, rPr: rFonts(fKai)},
	{id: "FailMark", name: "未达标标记", kind: "character",
		rPr: `<w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol" w:eastAsia="Segoe UI Symbol" w:cs="Segoe UI Symbol"/><w:b/>`},
}

func stylesXML() []byte {
	w := newXW(8192)
	w.raw(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	w.raw(`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(fFang) + sz(bodyHalfPoints) + `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	w.raw(`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range styles {
		w.raw(`<w:style w:type="` + s.kind + `" w:styleId="` + s.id + `"`)
		if s.id == "Normal" {
			w.raw(` w:default="1"`)
		}
		if !s.builtin {
			w.raw(` w:customStyle="1"`)
		}
		w.raw(`><w:name w:val="`)
		w.attr(s.name)
		w.raw(`"/>`)
		if s.basedOn != "" {
			w.raw(`<w:basedOn w:val="` + s.basedOn + `"/>`)
		}
		if s.next != "" {
			w.raw(`<w:next w:val="` + s.next + `"/>`)
		}
		w.raw(`<w:qFormat/>`)
		if s.pPr != "" || s.outline > 0 {
			w.raw(`<w:pPr>` + s.pPr)
			if s.outline > 0 {
				w.raw(`<w:outlineLvl w:val="` + itoa(s.outline-1) + `"/>`)
			}
			w.raw(`</w:pPr>`)
		}
		if s.rPr != "" {
			w.raw(`<w:rPr>` + s.rPr + `</w:rPr>`)
		}
		w.raw(`</w:style>`)
	}
	// The table style: every cell ruled, a little padding.
	w.raw(`<w:style w:type="table" w:styleId="ReportTable" w:customStyle="1"><w:name w:val="报告表格"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>`)
	for _, b := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		w.raw(`<w:` + b + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	w.raw(`</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	w.raw(`</w:styles>`)
	return w.Bytes()
}

// fontTable names the fonts and their alternatives.
func fontTableXML() []byte {
	w := newXW(2048)
	w.raw(`<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	for _, f := range []struct{ name, alt, family, charset string }{
		{fLatin, "", "roman", "00"},
		{fFang, "仿宋", "modern", "86"},
		{"仿宋", "FangSong", "modern", "86"},
		{fKai, "楷体", "modern", "86"},
		{"楷体", "KaiTi", "modern", "86"},
		{fHei, "SimHei", "modern", "86"},
		{fTitle, fSong, "script", "86"},
		{fSong, "SimSun", "auto", "86"},
		{"Segoe UI Symbol", "", "swiss", "00"},
	} {
		w.raw(`<w:font w:name="`)
		w.attr(f.name)
		w.raw(`">`)
		if f.alt != "" {
			w.raw(`<w:altName w:val="`)
			w.attr(f.alt)
			w.raw(`"/>`)
		}
		w.raw(`<w:charset w:val="` + f.charset + `"/><w:family w:val="` + f.family + `"/><w:pitch w:val="variable"/></w:font>`)
	}
	w.raw(`</w:fonts>`)
	return w.Bytes()
}

// settingsXML: odd and even footers (page numbers alternate sides), mirrored margins (the
// binding margin inside), fields updated on open (the 目录 gets Word's page numbers), and the
// grid's punctuation not compressed.
func settingsXML() []byte {
	return []byte(xmlDecl + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:zoom w:percent="100"/><w:mirrorMargins/><w:defaultTabStop w:val="` + itoa(2*charPitch) + `"/>` +
		`<w:evenAndOddHeaders/><w:drawingGridHorizontalSpacing w:val="158"/><w:drawingGridVerticalSpacing w:val="` + itoa(linePitch) + `"/>` +
		`<w:displayHorizontalDrawingGridEvery w:val="0"/><w:displayVerticalDrawingGridEvery w:val="1"/><w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>` +
		`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>` +
		`<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>` +
		`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`)
}
