package build

import (
	"path/filepath"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/docx"
)

// makes reports whether a build with opts makes the output what ("html", "pdf" or "docx"):
// every one without --only, else the one named.
func (o Options) makes(what string) bool { return o.Only == "" || o.Only == what }

// docxName is the Word document's file name: the PDF's, ending in .docx.
func docxName(p *Prepared) string {
	return strings.TrimSuffix(p.Site.Config.PDFName(), ".pdf") + ".docx"
}

// makeDOCX writes the Word document of p with draft, when not "", in the header of every page.
func makeDOCX(p *Prepared, draft string) (*docx.Output, error) {
	cfg := p.Site.Config
	return docx.Render(docx.Input{Report: p.Input.Report, Docs: p.Input.Docs, Resolved: p.Input.Resolved,
		Created: created(cfg.Date), Draft: draft, ThousandsSeparators: cfg.PDF.ThousandsSeparators})
}

// addDOCX writes the Word document into files, marked as the review found, when the build
// makes it.
func addDOCX(p *Prepared, opts Options, res *Result, files map[string][]byte) diag.List {
	if !opts.makes("docx") {
		return nil
	}
	name := docxName(p)
	if err := checkName(name); err != nil {
		return outProblem(opts.Out, err)
	}
	var out *docx.Output
	var err error
	timed(res, opts, "生成 Word 文档", func() { out, err = makeDOCX(p, draftMark(p, opts, res.Warnings)) })
	if err != nil {
		return diag.List{{File: name, Message: "无法生成 Word 文档：" + err.Error()}}
	}
	files[name] = out.DOCX
	res.DOCX, res.docxName = filepath.Join(opts.Out, name), name
	res.Files = len(files)
	return nil
}

// DOCX writes the Word document of p alone, the same bytes as Render with Only "docx" makes
// unless only the pages find something unfinished: its file name and the file. It is for
// `youjun serve`, which does not offer the document yet.
func (p *Prepared) DOCX(opts Options) (name string, b []byte, probs diag.List) {
	name = docxName(p)
	if err := checkName(name); err != nil {
		return "", nil, outProblem(opts.Out, err)
	}
	out, err := makeDOCX(p, draftMark(p, opts, nil))
	if err != nil {
		return "", nil, diag.List{{File: name, Message: "无法生成 Word 文档：" + err.Error()}}
	}
	return name, out.DOCX, nil
}
