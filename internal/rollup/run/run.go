package run

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/rollup/rollhtml"
	"github.com/youjun-edu/youjun/internal/rollup/rollpdf"
	"github.com/youjun-edu/youjun/internal/rollup/rollsheet"
	"github.com/youjun-edu/youjun/internal/site"
)

// DefaultOut is the output folder when --out is not given.
const DefaultOut = "rollup-output"

// The names of the files in the output besides the pages.
const (
	JSONName = "rollup.json"
	XLSXName = "汇总.xlsx"
	PDFName  = "汇总报告.pdf"
)

// Options say what to roll up.
type Options struct {
	Inputs   []string
	Out      string // default DefaultOut
	Previous string // a previous rollup: its output folder or its rollup.json
	Title    string // default from the counties' province and city
	Workers  int    // 0: every core
	// Date is the rollup's date (the PDF's and the workbook's); default SOURCE_DATE_EPOCH's
	// day, else the latest report date of the counties, so that the same inputs give the same
	// bytes.
	Date string
	// SystemFonts lets the PDF use official fonts of this machine (default true).
	SystemFonts *bool
	Progress    func(done, total int)
}

// Result tells what a rollup did.
type Result struct {
	Out    string
	Rollup *rollup.Rollup
	Files  int
	PDF    string
	Stages []Stage
	// PDFPages is the PDF's page count; Warnings are said once, never failing the rollup.
	PDFPages int
	Warnings []string
}

// Stage is one timed step.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Run rolls up the inputs into opts.Out. Problems with the command line (an input that is no
// county, a refused --out, an unreadable --previous) are all reported before anything is
// evaluated; a county that fails is listed in the rollup, never a reason to stop.
func Run(opts Options) (*Result, diag.List) {
	if opts.Out == "" {
		opts.Out = DefaultOut
	}
	res := &Result{Out: opts.Out}
	timed := func(name string, f func()) {
		start := time.Now()
		f()
		res.Stages = append(res.Stages, Stage{name, time.Since(start)})
	}
	inputs, probs := Discover(opts.Inputs)
	probs = append(probs, build.CheckOutput(opts.Out, opts.Inputs)...)
	var prev *rollup.Rollup
	if opts.Previous != "" {
		var err error
		if prev, err = readPrevious(opts.Previous); err != nil {
			probs.Add(opts.Previous, 0, "--previous", "", "%s", err.Error())
		}
	}
	if probs.Err() != nil {
		return nil, probs
	}
	od, err := build.NewOutputDir(opts.Out)
	if err != nil {
		return nil, build.OutputProblem(opts.Out, err)
	}
	ok := false
	defer func() {
		if !ok {
			od.Abort()
		}
	}()
	var counties []rollup.County
	var band float64
	timed("评估各县", func() { counties, band = Collect(inputs, opts.Workers, sites{od}, opts.Progress) })
	if opts.Date == "" {
		opts.Date = latestDate(counties)
	}
	r := rollup.Make(title(opts.Title, counties), site.Version(), counties, band)
	r.Date = opts.Date
	if prev != nil {
		r.Compare(prev)
	}
	res.Rollup = r
	files := map[string][]byte{}
	timed("汇总数据", func() {
		if files[JSONName], err = r.JSON(); err == nil {
			files[XLSXName], err = rollsheet.XLSX(r, opts.Date)
		}
	})
	if err != nil {
		return nil, diag.List{{File: opts.Out, Message: "无法生成汇总数据：" + err.Error()}}
	}
	timed("网页", func() {
		var pages map[string][]byte
		if pages, err = rollhtml.Render(r); err == nil {
			maps.Copy(files, pages)
		}
	})
	if err != nil {
		return nil, diag.List{{File: opts.Out, Message: "无法生成网页：" + err.Error()}}
	}
	timed("PDF", func() {
		var set fonts.Set
		system := true
		if opts.SystemFonts != nil {
			system = *opts.SystemFonts
		}
		if set, err = fonts.Find([4]string{}, system, fonts.Dirs()); err == nil {
			var out *rollpdf.Output
			if out, err = rollpdf.Render(r, set, created(opts.Date)); err == nil {
				files[PDFName], res.PDFPages = out.PDF, out.Pages
				if len(out.Missing) > 0 {
					res.Warnings = append(res.Warnings, "PDF 的字体中没有这些字，PDF 中显示为空白（网页和 Excel 中正常）："+strings.Join(out.Missing, " "))
				}
			}
		}
	})
	if err != nil {
		return nil, diag.List{{File: PDFName, Message: "无法生成 PDF：" + err.Error()}}
	}
	var refused diag.List
	timed("写入文件", func() {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err = od.Write(name, files[name]); err != nil {
				return
			}
		}
		// Again: the folder may have changed while the counties were evaluated.
		if refused = build.CheckOutput(opts.Out, opts.Inputs); refused == nil {
			err = od.Commit()
		}
	})
	if refused != nil {
		return nil, refused
	}
	if err != nil {
		return nil, build.OutputProblem(opts.Out, err)
	}
	ok = true
	res.Files = len(files)
	res.PDF = filepath.Join(opts.Out, PDFName)
	return res, nil
}

// sites copies each county's own site into the output under sites/<n>/.
type sites struct{ od *build.OutputDir }

func (s sites) CopySite(n int, dir string) (string, error) {
	rel := fmt.Sprintf("sites/%04d", n+1)
	dst, err := s.od.Local(rel)
	if err != nil {
		return "", err
	}
	if err := copyTree(dir, dst); err != nil {
		return "", err
	}
	return rel + "/index.html", nil
}

// readPrevious reads a previous rollup: its rollup.json, or the output folder holding it.
func readPrevious(p string) (*rollup.Rollup, error) {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		p = filepath.Join(p, JSONName)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("无法读取上次的汇总：%s", diag.SysError(err))
	}
	return rollup.Parse(src)
}

// title is the rollup's title: given, or named after the province and city every county shares.
func title(given string, counties []rollup.County) string {
	if given != "" {
		return given
	}
	province, city := "", ""
	for i, c := range counties {
		if i == 0 {
			province, city = c.Province, c.City
		}
		if c.Province != province {
			province, city = "", ""
			break
		}
		if c.City != city {
			city = ""
		}
	}
	return province + city + "县域义务教育优质均衡发展督导评估汇总"
}

// latestDate is the default date of a rollup: SOURCE_DATE_EPOCH's day when set (reproducible
// builds), else the latest report date among the counties, else 2017-01-01 (the standard's year).
func latestDate(counties []rollup.County) string {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Format(time.DateOnly)
		}
	}
	latest := "2017-01-01"
	for _, c := range counties {
		if _, err := time.Parse(time.DateOnly, c.Date); err == nil && c.Date > latest {
			latest = c.Date
		}
	}
	return latest
}

// created is the PDF's creation time, from the date.
func created(given string) time.Time {
	t, _ := time.Parse(time.DateOnly, given)
	return t.UTC()
}
