// Package build runs a whole build: load the site, evaluate, read the chapters, resolve their
// shortcodes, render the site into a temporary folder and swap it in place of the old output.
// A build that fails leaves the previous output as it was.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/html"
	"github.com/youjun-edu/youjun/internal/pdf"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/safefile"
	"github.com/youjun-edu/youjun/internal/sheet"
	"github.com/youjun-edu/youjun/internal/site"
)

// Options say what to build.
type Options struct {
	Site    string // the site folder
	Out     string // the output folder; default <site>/output
	Profile string // replaces site.toml's profile when not empty
	Only    string // "html", "pdf" or "docx"; "" builds all three
	Strict  bool   // fail on warnings, 待补充 items, missing or empty chapters and broken links
	DryRun  bool   // check only: build in memory, write nothing
	// Progress, when set, hears each stage as it ends.
	Progress func(Stage)
	// SystemFonts, when set, replaces site.toml's pdf.system_fonts (tests turn it off so that
	// the PDF does not depend on the fonts of the machine).
	SystemFonts *bool

	// fonts, when set, loads the PDF's fonts in the background (Render starts it).
	fonts *fontJob
	// early, when set, is handed the pages, the downloads and evaluation.json as soon as they
	// are made, before the PDF is done (Run writes them meanwhile; see earlyWrite).
	early func(files map[string][]byte)
}

// Stage is one timed step of a build.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result tells what a build did.
type Result struct {
	Out      string
	Pages    int // HTML pages
	Files    int
	PDF      string // the PDF's path, when one was made
	PDFPages int
	pdfName  string
	DOCX     string // the Word document's path, when one was made
	docxName string
	Headings []pdf.Heading
	Stages   []Stage
	Warnings diag.List
	Notes    []string // said once, never failing a strict build (the PDF's missing fonts)
	// Audit holds the consistency audit's findings (audit.go): hints, which never fail.
	Audit []audit.Finding
	// Evidence is what `check` says of the 佐证材料 (evidence/): never failing a check.
	Evidence []string
}

// Prepared is a site loaded, evaluated and with its chapters resolved: everything the renderers
// need, in memory.
type Prepared struct {
	Site     *site.Site
	Input    html.Input
	JSON     []byte // data/evaluation.json: the result as written by eval, with the provenance
	Warnings diag.List
	Audit    []audit.Finding // the consistency audit's findings (audit.go)
	// evalJSON is the result as eval writes it, without the provenance fields: result_sha256 is
	// its digest; withChapters adds the fields, with the chapters' digests, to make JSON.
	evalJSON []byte
	// dataProbs is what loading and evaluating the data found, before the chapters' problems:
	// a Prepared with other chapters (withChapters) starts from it.
	dataProbs diag.List
}

// Prepare loads and checks everything; it writes nothing. It reports every problem it can find
// in one run: when the data has errors, the chapters are still read and their shortcodes checked
// as far as that is possible without the evaluation.
func Prepare(opts Options, timed func(string, func())) (*Prepared, diag.List) {
	var s *site.Site
	var probs diag.List
	timed("读取数据", func() { s, probs = site.Load(opts.Site, opts.Profile) })
	contentDir := filepath.Join(opts.Site, "content")
	if probs.Err() != nil || s == nil {
		timed("读取正文", func() {
			docs, cp := content.LoadDir(contentDir, "content")
			probs = append(probs, cp...)
			probs = append(probs, resolve.Check(docs)...)
		})
		return nil, probs
	}
	if msg := report.TooManyCampuses(len(s.County.Table.Schools)); msg != "" {
		return nil, append(probs, diag.Problem{File: s.County.Table.File, Message: msg})
	}
	var in html.Input
	var evalJSON []byte
	var evaluated *eval.Result
	timed("评估", func() {
		res := s.Evaluate()
		evaluated = res
		rep := newReport(s, res)
		in = html.Input{SiteDir: opts.Site, Report: rep, Charts: chart.All(rep)}
		var err error
		if evalJSON, err = res.JSON(); err != nil {
			// Only a number of the profile or site.toml that is not finite can get here; the
			// loaders refuse those, so this is a fault of youjun's, not of the input.
			probs.Add("data/evaluation.json", 0, "", "", "无法生成 evaluation.json：评估结果中有无法表示的数值，请把此信息报告给开发者")
		}
		rep.Provenance = report.Provenance{Version: site.Version(), ResultSHA256: site.ResultDigest(evalJSON)}
	})
	var findings []audit.Finding
	timed("一致性核查", func() {
		var ap diag.List
		findings, ap = consistency(s, evaluated)
		probs = append(probs, ap...)
	})
	p := &Prepared{Site: s, Input: in, evalJSON: evalJSON, dataProbs: probs, Audit: findings}
	return p.withChapters(opts, timed)
}

// withChapters reads the chapters and resolves their shortcodes against p's evaluation: a new
// Prepared with the chapters as they are now and p's data. It is the second half of Prepare, and
// what `youjun serve` does again after an edit of a chapter.
func (p *Prepared) withChapters(opts Options, timed func(string, func())) (*Prepared, diag.List) {
	probs := slices.Clone(p.dataProbs)
	in := p.Input
	timed("读取正文", func() {
		docs, cp := content.LoadDir(filepath.Join(opts.Site, "content"), "content")
		probs = append(probs, cp...)
		in.Docs = docs
		resolved, rp := resolve.Docs(docs, in.Report, in.Charts)
		probs = append(probs, rp...)
		in.Resolved = resolved
	})
	if probs.Err() != nil {
		return nil, probs
	}
	return &Prepared{Site: p.Site, Input: in, JSON: provenanceJSON(p.evalJSON, p.Site, in), Warnings: probs.Warnings(),
		evalJSON: p.evalJSON, dataProbs: p.dataProbs, Audit: p.Audit}, nil
}

// provenanceJSON is evaluation.json: the result as eval wrote it, followed by youjun's version,
// the digests of every input (site.toml, the profile, the data files, the chapters and their
// pictures, by path) and result_sha256, the digest of the result alone.
func provenanceJSON(evalJSON []byte, s *site.Site, in html.Input) []byte {
	inputs := slices.Clone(s.Inputs)
	pictures := map[string][]byte{} // a picture two chapters show is listed once
	for _, d := range in.Docs {
		inputs = append(inputs, site.NewInput(d.File, d.Read))
		maps.Copy(pictures, d.Pictures())
	}
	for path, b := range pictures {
		inputs = append(inputs, site.NewInput("content/"+path, b))
	}
	site.SortInputs(inputs)
	pv := in.Report.Provenance
	return site.WithProvenance(evalJSON, pv.Version, inputs, pv.ResultSHA256)
}

// newReport builds the report the renderers read, with what site.toml says about the report
// itself: they read neither the configuration nor the evaluation.
func newReport(s *site.Site, res *eval.Result) *report.Report {
	rep := report.New(res, s.Profile, s.County)
	rep.SetPlan(s.Plan(res))
	cfg := s.Config
	rep.Site = report.Site{Title: cfg.ReportTitle(), County: cfg.County, Bureau: cfg.Bureau, Date: cfg.Date, Year: cfg.Year,
		Signature: cfg.Signature()}
	return rep
}

// Run builds the site. On any error the output folder is left untouched. An --out that youjun
// must not replace is refused before anything is rendered.
func Run(opts Options) (*Result, diag.List) {
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Site, "output")
	}
	// A --site that is no folder (--site site.toml) is answered by loading the site, not by
	// the output folder inside it.
	if st, err := os.Stat(opts.Site); !opts.DryRun && err == nil && st.IsDir() {
		if err := checkOut(opts.Site, opts.Out); err != nil {
			return nil, outProblem(opts.Out, err)
		}
	}
	var early *earlyWrite
	if !opts.DryRun && opts.makes("html") {
		out := opts.Out
		opts.early = func(files map[string][]byte) { early = startWrite(out, files) }
	}
	res, files, probs := Render(opts)
	if probs.Err() != nil || opts.DryRun {
		if early != nil {
			early.abort()
		}
		return res, probs
	}
	var err error
	timed(res, opts, "写入文件", func() {
		// Again: the folder may have changed while the site was rendered.
		if err = checkOut(opts.Site, res.Out); err != nil {
			if early != nil {
				early.abort()
			}
			return
		}
		if opts.Only == "pdf" || opts.Only == "docx" {
			err = writePDF(res.Out, files)
			return
		}
		if opts.Only == "html" {
			// Keep the PDF and the Word document of an earlier build (regular files: never
			// follow a link out).
			for _, name := range []string{res.pdfName, res.docxName} {
				prev := filepath.Join(res.Out, name)
				if st, lerr := os.Lstat(prev); lerr == nil && st.Mode().IsRegular() {
					if old, rerr := os.ReadFile(prev); rerr == nil {
						files[name] = old
					}
				}
			}
		}
		if early != nil {
			err = early.finish(res.Out, files)
			return
		}
		err = write(res.Out, files)
	})
	if err != nil {
		return nil, outProblem(res.Out, err)
	}
	return res, nil
}

// outProblem reports an output folder youjun refused or could not write, in Chinese.
func outProblem(out string, err error) diag.List {
	var r *refusal
	if errors.As(err, &r) {
		return diag.List{{File: r.path, Message: r.msg}}
	}
	return diag.List{{File: out, Message: "无法写入输出目录：" + diag.SysError(err)}}
}

func timed(res *Result, opts Options, name string, f func()) {
	start := time.Now()
	f()
	st := Stage{Name: name, Duration: time.Since(start)}
	res.Stages = append(res.Stages, st)
	if opts.Progress != nil {
		opts.Progress(st)
	}
}

// Render builds everything in memory and returns the files by their path in the output folder;
// it writes nothing.
func Render(opts Options) (*Result, map[string][]byte, diag.List) {
	res, probs := newResult(&opts)
	if probs != nil {
		return nil, nil, probs
	}
	if opts.Only != "html" {
		opts.fonts = startFonts(opts)
	}
	p, probs := Prepare(opts, func(name string, f func()) { timed(res, opts, name, f) })
	if probs.Err() != nil {
		return nil, nil, probs
	}
	return render(p, opts, res)
}

// RenderPrepared is Render from a site that Prepare has already loaded and evaluated. `youjun
// serve` prepares once per save and renders the pages, then the PDF in the background, from the
// same Prepared: the PDF shows the very save the pages show, and the site is read once.
// Renderers only read a Prepared, so it may be rendered more than once, also concurrently.
func RenderPrepared(p *Prepared, opts Options) (*Result, map[string][]byte, diag.List) {
	res, probs := newResult(&opts)
	if probs != nil {
		return nil, nil, probs
	}
	return render(p, opts, res)
}

// newResult fills in the default output folder and checks --only.
func newResult(opts *Options) (*Result, diag.List) {
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Site, "output")
	}
	switch opts.Only {
	case "", "html", "pdf", "docx":
	default:
		return nil, diag.List{{Column: "--only", Value: opts.Only, Message: "只能是 html、pdf 或 docx"}}
	}
	return &Result{Out: opts.Out}, nil
}

// render renders the pages and the PDF of a prepared site side by side, then reviews them.
func render(p *Prepared, opts Options, res *Result) (*Result, map[string][]byte, diag.List) {
	stage := func(name string, f func()) { timed(res, opts, name, f) }
	var pdfWarnings diag.List
	files := map[string][]byte{}
	var err error
	// The PDF is typeset beside the pages: both only read what Prepare made, and together they
	// keep two processors busy. A panic is handed back to this goroutine, where serve recovers.
	var out *pdf.Output
	var pdfErr error
	var pdfStage Stage
	var pdfPanic any
	pdfDone := make(chan struct{})
	draft := draftMark(p, opts, nil)
	go func() {
		defer close(pdfDone)
		defer func() { pdfPanic = recover() }()
		if opts.makes("pdf") {
			start := time.Now()
			out, pdfErr = makeMarkedPDF(p, opts, draft)
			pdfStage = Stage{Name: "生成 PDF", Duration: time.Since(start)}
		}
	}()
	// The result and the downloads belong to no renderer: every build writes them, --only pdf
	// included, into data/. They are made beside the pages too, which keeps both processors
	// busy while the last pages render.
	var sheets map[string][]byte
	var sheetErr error
	var sheetStage Stage
	var sheetPanic any
	sheetsDone := make(chan struct{})
	go func() {
		defer close(sheetsDone)
		defer func() { sheetPanic = recover() }()
		start := time.Now()
		sheets, sheetErr = sheet.Files(p.Input.Report.Tables(), p.Site.Config.Date)
		sheetStage = Stage{Name: "生成下载表格", Duration: time.Since(start)}
	}()
	if opts.makes("html") {
		stage("生成网页", func() { files, res.Pages, err = html.Build(p.Input) })
	}
	<-sheetsDone
	if sheetPanic != nil {
		panic(sheetPanic)
	}
	if err == nil && sheetErr == nil && opts.early != nil {
		early := make(map[string][]byte, len(files)+len(sheets)+1)
		maps.Copy(early, files)
		maps.Copy(early, sheets)
		early["data/evaluation.json"] = p.JSON
		opts.early(early)
	}
	if err == nil {
		res.Stages = append(res.Stages, sheetStage)
		if opts.Progress != nil {
			opts.Progress(sheetStage)
		}
	}
	<-pdfDone
	if pdfPanic != nil {
		panic(pdfPanic)
	}
	if err != nil {
		return nil, nil, htmlProblem(err, opts)
	}
	if sheetErr != nil {
		return nil, nil, diag.List{{File: opts.Out, Message: "无法生成下载表格：" + sheetErr.Error()}}
	}
	maps.Copy(files, sheets)
	files["data/evaluation.json"] = p.JSON
	pdfName := p.Site.Config.PDFName()
	res.pdfName = pdfName
	res.docxName = docxName(p)
	if err := checkName(pdfName); err != nil {
		return nil, nil, outProblem(opts.Out, err)
	}
	if opts.makes("pdf") {
		err = pdfErr
		res.Stages = append(res.Stages, pdfStage)
		if opts.Progress != nil {
			opts.Progress(pdfStage)
		}
		if err != nil {
			return nil, nil, diag.List{{File: pdfName, Message: "无法生成 PDF：" + err.Error()}}
		}
		for _, w := range out.Warnings {
			pdfWarnings.Warn(pdfName, 0, "", "", "%s", w)
		}
		files[pdfName] = out.PDF
		res.PDF, res.PDFPages, res.Headings = filepath.Join(opts.Out, pdfName), out.Pages, out.Headings
		res.Notes = out.Notes
	}
	if err := checkNames(files); err != nil {
		return nil, nil, outProblem(opts.Out, err)
	}
	res.Files = len(files)
	res.Audit = p.Audit
	stage("检查", func() { res.Warnings = append(review(p, p.Input.Report.Result(), files), pdfWarnings...) })
	res.Evidence = evidenceReview(p, &res.Warnings)
	if mark := draftMark(p, opts, res.Warnings); out != nil && draft == "" && mark != "" {
		// Only the pages or the PDF itself found something unfinished: typeset it again, marked.
		if out, err = makeMarkedPDF(p, opts, mark); err != nil {
			return nil, nil, diag.List{{File: pdfName, Message: "无法生成 PDF：" + err.Error()}}
		}
		files[pdfName] = out.PDF
		res.PDFPages = out.Pages
	}
	if opts.Strict && len(res.Warnings) > 0 {
		strict := make(diag.List, len(res.Warnings))
		for i, w := range res.Warnings {
			w.Warning = false
			strict[i] = w
		}
		return nil, nil, strict
	}
	if probs := addDOCX(p, opts, res, files); probs != nil {
		return nil, nil, probs
	}
	return res, files, nil
}

// htmlProblem reports an error of the HTML renderer: a template's at its file and line.
func htmlProblem(err error, opts Options) diag.List {
	var te *html.TemplateError
	if errors.As(err, &te) {
		return diag.List{{File: te.File, Line: te.Line, Message: te.Message}}
	}
	return diag.List{{File: opts.Out, Message: err.Error()}}
}

// writeAll writes the files under dir, four at a time: most of the time goes to the file system.
func writeAll(dir string, files map[string][]byte) error {
	dirs := map[string]bool{}
	for name := range files {
		dirs[filepath.Dir(filepath.Join(dir, filepath.FromSlash(name)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	names := make(chan string)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range names {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for name := range files {
		names <- name
	}
	close(names)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// makePDF typesets the PDF with the fonts that site.toml and the machine provide.
func makePDF(p *Prepared, opts Options) (*pdf.Output, error) { return makeMarkedPDF(p, opts, "") }

// makeMarkedPDF typesets the PDF with draft, when not "", in the header of every page.
func makeMarkedPDF(p *Prepared, opts Options, draft string) (*pdf.Output, error) {
	return typeset(context.Background(), p, opts, draft)
}

// typeset is makeMarkedPDF that stops early, with ctx's error, once ctx is done.
func typeset(ctx context.Context, p *Prepared, opts Options, draft string) (*pdf.Output, error) {
	cfg := p.Site.Config
	f, err := opts.fonts.get(fontKeyOf(cfg, opts))
	if err != nil {
		return nil, err
	}
	return pdf.Render(pdf.Input{Style: pdf.Settings(cfg.PDF.Style), Report: p.Input.Report, Docs: p.Input.Docs, Resolved: p.Input.Resolved,
		Fonts: f, Created: created(cfg.Date), Draft: draft,
		ThousandsSeparators: cfg.PDF.ThousandsSeparators, Context: ctx})
}

// created is the PDF's creation date: SOURCE_DATE_EPOCH when set (reproducible builds), else the
// report's date, so that the same input always gives the same bytes.
func created(date string) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return t.UTC()
	}
	return time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
}

// writePDF replaces the PDF and data/ (the result and the downloads) alone (--only pdf) in an
// output folder that checkOut accepted, marking the folder as youjun's when it is new or empty.
// The pages of an earlier build stay.
func writePDF(out string, files map[string][]byte) error {
	if err := checkNames(files); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "data"), 0o755); err != nil {
		return err
	}
	if err := adopt(out); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := safefile.Write(filepath.Join(out, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// write puts files into a fresh folder beside out and then swaps it in, so that readers never
// see a half-written site and a failure keeps the old one. The folder is marked as youjun's
// before anything else is written into it, so that a build killed halfway leaves a folder the
// next build knows it may remove.
func write(out string, files map[string][]byte) error {
	tmp, err := newOutput(out, files)
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if _, err := swapIn(tmp, filepath.Clean(out), exchange); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// swapIn puts the folder tmp in place of out and removes the old output. Where the system can
// exchange two folders in one step (Linux) out never disappears; elsewhere there is a short
// moment between two renames. exchange is the system's one-step swap; swapIn reports whether it
// was used.
func swapIn(tmp, out string, exchange func(a, b string) error) (exchanged bool, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return false, os.Rename(tmp, out)
	}
	if err := keepPackages(out, tmp); err != nil {
		return false, err
	}
	// The old output becomes a temporary folder: mark it (an empty or pre-marker output has no
	// marker yet) so that a build killed before removing it leaves something removeStale knows.
	if err := adopt(out); err != nil {
		return false, err
	}
	if exchange(tmp, out) == nil {
		os.RemoveAll(tmp) // now the old output
		return true, nil
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	old := filepath.Join(parent, fmt.Sprintf(".%s.old-%d", base, os.Getpid()))
	if madeByYoujun(old) {
		os.RemoveAll(old)
	}
	if err := os.Rename(out, old); err != nil {
		return false, err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return false, err
	}
	os.RemoveAll(old)
	return false, nil
}

// adopt marks an output folder that checkOut accepted (empty, or made before the marker).
func adopt(out string) error {
	if madeByYoujun(out) {
		return nil
	}
	return writeMarker(out)
}

func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, markerName), []byte(markerText), 0o644)
}

// stale matches the temporary folders of write and swapIn beside an output folder.
var stale = regexp.MustCompile(`^\.(.+)\.(?:new|old)-[0-9]+$`)

// removeStale removes the temporary folders that a build killed halfway (kill -9, power loss)
// left beside the output folder named base: only those named as write names them and holding
// youjun's marker, or empty. A build running at the same moment into the same folder would lose its
// temporary folder and fail with an error; it never loses the user's files.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := stale.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.IsDir() {
			continue
		}
		if p := filepath.Join(parent, e.Name()); madeByYoujun(p) {
			os.RemoveAll(p)
		} else {
			// Killed between making the folder and writing the marker: an empty folder of
			// youjun's name. os.Remove removes a folder only when it is empty.
			os.Remove(p)
		}
	}
}
