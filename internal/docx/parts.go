package docx

import (
	"github.com/youjun-edu/youjun/internal/chart"
)

// Figure sizes in EMU (914400 to the inch, 635 to the twip): the text block's width; 68 mm high
// like the PDF's small charts, taller for a distribution chart whose unit names stand upright.
const (
	figureW      = textW * emuPerTwip
	figureH      = 68 * 36000
	figureHMany  = 100 * 36000
	figureManyAt = 12 // categories from which the names stand upright
)

// figure writes a chart as an inline Word chart with its caption below.
func (d *document) figure(b block) {
	d.charts = append(d.charts, b.chart)
	n := len(d.charts)
	h := figureH
	if len(b.chart.Categories) > figureManyAt && b.chart.Kind != chart.Radar {
		h = figureHMany
	}
	w := d.w
	d.pages.keep(int(float64(h)/float64(linePitch*emuPerTwip)) + 2)
	w.raw(`<w:p><w:pPr><w:pStyle w:val="Figure"/>` + d.pageBreak() + `</w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="`)
	w.int(figureW)
	w.raw(`" cy="`)
	w.int(h)
	w.raw(`"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="`)
	w.int(n)
	w.raw(`" name="图表 `)
	w.int(n)
	w.raw(`" descr="`)
	w.attr(b.chart.Alt)
	w.raw(`"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart`)
	w.int(n)
	w.raw(`"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
	d.para("FigureCaption", "", []run{{Text: b.caption}})
	d.pages.add(float64(h)/float64(linePitch*emuPerTwip) + 1.5)
}

func footnotesXML(notes []footnote, d *document) []byte {
	front := d.w
	d.w = newXW(2048)
	w := d.w
	w.raw(`<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.raw(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	w.raw(`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for _, n := range notes {
		w.raw(`<w:footnote w:id="`)
		w.int(n.id)
		w.raw(`"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`)
		d.runs(n.runs, "")
		w.raw(`</w:p></w:footnote>`)
	}
	w.raw(`</w:footnotes>`)
	d.w = front
	return w.Bytes()
}

// headerXML is the draft mark in a box at the right of the header.
func headerXML(draft string) []byte {
	w := newXW(1024)
	w.raw(`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>`)
	if draft != "" {
		w.raw(`<w:r><w:rPr><w:bdr w:val="single" w:sz="8" w:space="2" w:color="000000"/></w:rPr><w:t xml:space="preserve">`)
		w.text(draft)
		w.raw(`</w:t></w:r>`)
	}
	w.raw(`</w:p></w:hdr>`)
	return w.Bytes()
}

// footerXML is the page number — n — one character in from the outer edge: on the right of
// odd pages, on the left of even ones; side "" is the front matter's empty footer.
func footerXML(side string) []byte {
	w := newXW(1024)
	w.raw(`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:pStyle w:val="Footer"/>`)
	if side == "" {
		w.raw(`</w:pPr></w:p></w:ftr>`)
		return w.Bytes()
	}
	// One character of 四号 is 280 twips.
	w.raw(`<w:ind w:` + side + `="280" w:firstLine="0"/><w:jc w:val="` + side + `"/></w:pPr>`)
	w.raw(`<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r>`)
	w.raw(`</w:p></w:ftr>`)
	return w.Bytes()
}

const (
	relNS       = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	wordMain    = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	relsHead    = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	contentHead = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
)

// pack writes the package: every part in a fixed order, dated with the document's date.
func (d *document) pack() (*Output, error) {
	p := &packer{stamp: d.in.Created.UTC()}
	if p.stamp.Year() < 1980 { // the earliest date a zip entry holds
		p.stamp = p.stamp.AddDate(1980-p.stamp.Year(), 0, 0)
	}
	types := newXW(2048)
	types.raw(contentHead + `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>`)
	over := func(name, typ string) {
		types.raw(`<Override PartName="/` + name + `" ContentType="` + typ + `"/>`)
	}
	over("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	over("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	over("word/document.xml", wordMain+"document.main+xml")
	over("word/styles.xml", wordMain+"styles+xml")
	over("word/settings.xml", wordMain+"settings+xml")
	over("word/fontTable.xml", wordMain+"fontTable+xml")
	over("word/footnotes.xml", wordMain+"footnotes+xml")
	over("word/header1.xml", wordMain+"header+xml")
	for _, f := range []string{"footer1", "footer2", "footer3"} {
		over("word/"+f+".xml", wordMain+"footer+xml")
	}
	for i := range d.charts {
		over("word/charts/chart"+itoa(i+1)+".xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
	}
	types.raw(`</Types>`)

	rels := newXW(2048)
	rels.raw(relsHead)
	rel := func(w *xw, id, typ, target string) {
		w.raw(`<Relationship Id="` + id + `" Type="` + relNS + typ + `" Target="` + target + `"/>`)
	}
	for _, r := range [][3]string{
		{"rIdStyles", "styles", "styles.xml"}, {"rIdSettings", "settings", "settings.xml"},
		{"rIdFonts", "fontTable", "fontTable.xml"}, {"rIdFootnotes", "footnotes", "footnotes.xml"},
		{"rIdHeader", "header", "header1.xml"}, {"rIdFooterOdd", "footer", "footer1.xml"},
		{"rIdFooterEven", "footer", "footer2.xml"}, {"rIdFooterNone", "footer", "footer3.xml"},
	} {
		rel(rels, r[0], r[1], r[2])
	}
	for i := range d.charts {
		rel(rels, "rIdChart"+itoa(i+1), "chart", "charts/chart"+itoa(i+1)+".xml")
	}
	rels.raw(`</Relationships>`)

	cfg := &d.in.Report.Site
	core := newXW(1024)
	core.raw(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	core.text(cfg.Title)
	core.raw(`</dc:title><dc:subject>`)
	core.text("县域义务教育优质均衡发展自评报告（" + d.in.Report.Basis() + "）")
	core.raw(`</dc:subject><dc:creator>`)
	core.text(cfg.Bureau)
	stamp := p.stamp.Format("2006-01-02T15:04:05Z")
	core.raw(`</dc:creator><cp:lastModifiedBy>youjun</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`)

	parts := []part{
		{"[Content_Types].xml", types.Bytes()},
		{"_rels/.rels", []byte(xmlDecl + relsHead + `<Relationship Id="rId1" Type="` + relNS + `officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="` + relNS + `extended-properties" Target="docProps/app.xml"/></Relationships>`)},
		{"docProps/core.xml", core.Bytes()},
		{"docProps/app.xml", []byte(xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>youjun</Application><DocSecurity>0</DocSecurity></Properties>`)},
		{"word/document.xml", d.w.Bytes()},
		{"word/_rels/document.xml.rels", rels.Bytes()},
		{"word/styles.xml", stylesXML()},
		{"word/settings.xml", settingsXML()},
		{"word/fontTable.xml", fontTableXML()},
		{"word/footnotes.xml", footnotesXML(d.notes, d)},
		{"word/header1.xml", headerXML(d.in.Draft)},
		{"word/footer1.xml", footerXML("right")},
		{"word/footer2.xml", footerXML("left")},
		{"word/footer3.xml", footerXML("")},
	}
	for i, c := range d.charts {
		n := itoa(i + 1)
		book, err := workbook(c, p)
		if err != nil {
			return nil, err
		}
		parts = append(parts,
			part{"word/charts/chart" + n + ".xml", chartXML(c)},
			part{"word/charts/_rels/chart" + n + ".xml.rels", []byte(xmlDecl + relsHead + `<Relationship Id="rId1" Type="` + relNS + `package" Target="../embeddings/Microsoft_Excel_Worksheet` + n + `.xlsx"/></Relationships>`)},
			part{"word/embeddings/Microsoft_Excel_Worksheet" + n + ".xlsx", book})
	}
	b, err := p.zip(parts)
	if err != nil {
		return nil, err
	}
	return &Output{DOCX: b, Charts: len(d.charts), Tables: d.tables, Landscape: d.sections}, nil
}
