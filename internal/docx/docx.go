// Package docx writes the report as a Word document (.docx, Office Open XML) that opens in Word
// and WPS: the same chapters, numbered 表/图 captions, 附表, 落款 and draft mark as the PDF, set
// with named paragraph styles after GB/T 9704-2012 (page, margins, a 22 × 28 document grid, page
// numbers — 1 — alternating sides), a 目录 that Word updates on opening and that reads correctly
// before, tables as Word tables (wide ones on landscape pages) and figures as native Word charts
// with their data embedded, so that a clerk can edit both. It reads only the presentation model:
// report, chart, content and resolve. The package is written with archive/zip and fixed dates:
// the same input gives the same bytes.
package docx

import (
	"time"

	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// Input is what the document is made from.
type Input struct {
	Report   *report.Report // the report's title, bureau and date are its Site
	Docs     []*content.Doc
	Resolved resolve.Map
	Created  time.Time // the document's date: from the data, never the clock
	Draft    string    // the draft mark for the header of every page; "" for a final report
	// ThousandsSeparators keeps the separators of computed numbers in running text, as the PDF.
	ThousandsSeparators bool
}

// Output is the written document.
type Output struct {
	DOCX   []byte
	Charts int // native charts, each with its workbook
	Tables int
	// Landscape is the number of landscape sections (wide tables).
	Landscape int
}

// Render writes the document.
func Render(in Input) (*Output, error) {
	d := newDocument(in)
	d.body()
	return d.pack()
}
