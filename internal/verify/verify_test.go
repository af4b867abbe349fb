package verify

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/pdftext"
	"github.com/youjun-edu/youjun/internal/site"
)

// packSite builds the site in dir in memory (without the machine's fonts, so that the PDF is
// the same everywhere) and packs it into out; it returns the zip's path.
func packSite(t testing.TB, dir, out string) string {
	t.Helper()
	no := false
	opts := build.Options{Site: dir, Out: filepath.Join(t.TempDir(), "output"), SystemFonts: &no}
	p, probs := build.Prepare(opts, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	_, files, probs := build.RenderPrepared(p, opts)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	zip, probs := pack.Write(pack.Input{Site: p.Site, Files: files, PDFName: p.Site.Config.PDFName()}, out)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return zip
}

// copySite copies the site parts of dir (not its output) into a new temporary folder.
func copySite(t testing.TB, dir string) string {
	t.Helper()
	dst := t.TempDir()
	files, probs := pack.SiteFiles(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	for _, f := range files {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(f.Rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

var examples = []string{"../..", "../../examples/hunan"}

// Packing an example and verifying it finds nothing; packing it again, from a copy of the site
// elsewhere, gives the same bytes.
func TestPackVerifyExamples(t *testing.T) {
	for _, dir := range examples {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			zip := packSite(t, dir, t.TempDir())
			rep, err := Verify(zip)
			if err != nil {
				t.Fatal(err)
			}
			// The root example has one audit hint (a 教学点 whose 最大班额 exceeds its pupils);
			// hints are no discrepancies.
			if !rep.OK() || len(rep.Findings) > 1 || len(rep.Findings) == 1 && rep.Findings[0].Kind != KindAudit {
				var b bytes.Buffer
				rep.WriteText(&b)
				t.Errorf("verify of a fresh package:\n%s", b.String())
			}
			// The Word document sits beside the PDF at the root (offices ask for both).
			pk, err := pack.Open(zip)
			if err != nil {
				t.Fatal(err)
			}
			pdfs, _ := filepath.Glob(filepath.Join(pk.Root, "*.pdf"))
			docs, _ := filepath.Glob(filepath.Join(pk.Root, "*.docx"))
			if len(pdfs) != 1 || len(docs) != 1 || strings.TrimSuffix(pdfs[0], ".pdf") != strings.TrimSuffix(docs[0], ".docx") {
				t.Errorf("the package's root has %q and %q, want the report as PDF and Word", pdfs, docs)
			}
			pk.Close()
			again := packSite(t, copySite(t, dir), t.TempDir())
			a, _ := os.ReadFile(zip)
			b, _ := os.ReadFile(again)
			if filepath.Base(zip) != filepath.Base(again) || !bytes.Equal(a, b) {
				t.Errorf("two packs differ: %s (%d bytes), %s (%d bytes)", zip, len(a), again, len(b))
			}
		})
	}
}

// The Hunan example has evidence for a few indicators: the catalog lists them with their
// digests and says 无 for the others.
func TestPackCatalog(t *testing.T) {
	zip := packSite(t, "../../examples/hunan", t.TempDir())
	p, err := pack.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Name != "湘水县优质均衡申报材料-2025-09-30" || filepath.Base(zip) != p.Name+".zip" {
		t.Errorf("package %q in %s", p.Name, zip)
	}
	html, err := os.ReadFile(p.Path(pack.CatalogHTML))
	if err != nil {
		t.Fatal(err)
	}
	digests := map[string]string{}
	for _, f := range p.Manifest.Files {
		digests[f.Path] = f.SHA256
	}
	ev := "site/evidence/H9/湘水县中小学布局规划（2021—2035）及批复.txt"
	if digests[ev] == "" || !bytes.Contains(html, []byte(digests[ev])) || !bytes.Contains(html, []byte(ev)) {
		t.Errorf("the catalog lacks %s with its digest %s", ev, digests[ev])
	}
	// H23 has none: its row says 无.
	if !regexp.MustCompile(`H23</td>.*\n?.*<td class="none needed">无</td>`).Match(html) {
		t.Errorf("the catalog does not say 无 for H23")
	}
	x, err := excelize.OpenFile(p.Path(pack.CatalogXLSX))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetList()[0])
	found := false
	for _, r := range rows {
		if len(r) >= 6 && r[0] == "H9" && r[3] == ev && r[5] == digests[ev] {
			found = true
		}
	}
	if !found {
		t.Errorf("the catalog workbook lacks H9's evidence: %q", rows)
	}
	for _, skip := range []string{"site/output/", "site/.git/"} {
		for path := range digests {
			if strings.HasPrefix(path, skip) {
				t.Errorf("the package holds %s", path)
			}
		}
	}
}

// tamper is a change made to an unpacked package.
type tamper struct {
	name   string
	change func(t *testing.T, root string)
	// want are findings that must be reported, as kind|file|where (where: a part of it).
	want []string
}

// replaceIn replaces the first match of re in the file at name by repl.
func replaceIn(t *testing.T, name string, re, repl string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	loc := rx.FindIndex(b)
	if loc == nil {
		t.Fatalf("%s: no %s", name, re)
	}
	out := append(append(bytes.Clone(b[:loc[0]]), rx.ReplaceAll(b[loc[0]:loc[1]], []byte(repl))...), b[loc[1]:]...)
	if err := os.WriteFile(name, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rewriteManifest makes the manifest agree with the package's files again, as a tamperer would.
func rewriteManifest(t *testing.T, root string) {
	t.Helper()
	p, err := pack.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Manifest
	for i, f := range m.Files {
		b, err := os.ReadFile(p.Path(f.Path))
		if err != nil {
			t.Fatal(err)
		}
		m.Files[i] = site.NewInput(f.Path, b)
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	os.WriteFile(p.Path(pack.ManifestName), append(b, '\n'), 0o644)
}

// The first school of the example: 示例县第一小学, 1443 students on row 2 of schools.csv.
const firstSchool = `(?m)^(3612340001,示例县第一小学,[^\n]*?,)1443,`

func TestVerifyTampered(t *testing.T) {
	zip := packSite(t, "../..", t.TempDir())
	schools := func(t *testing.T, root string) {
		replaceIn(t, filepath.Join(root, "site/data/schools.csv"), firstSchool, "${1}1643,")
	}
	cases := []tamper{
		{"evaluation.json", func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "evaluation.json"), `"composite_cv": 0\.26`, `"composite_cv": 0.25`)
		}, []string{
			"manifest|evaluation.json|",
			"evaluation|evaluation.json|resource.primary.composite_cv",
			"inputs|evaluation.json|result_sha256",
		}},
		{"xlsx cell", func(t *testing.T, root string) {
			name := filepath.Join(root, "html/data/cv.xlsx")
			f, err := excelize.OpenFile(name)
			if err != nil {
				t.Fatal(err)
			}
			sh := f.GetSheetList()[0]
			f.SetCellValue(sh, "C3", 0.99)
			if err := f.SaveAs(name); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"manifest|html/data/cv.xlsx|",
			"xlsx|html/data/cv.xlsx|附表",
			"xlsx|html/data/cv.xlsx| C3",
		}},
		{"chapter", func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "site/content/01-overview.md"), `[0-9]`, "7")
		}, []string{
			"manifest|site/content/01-overview.md|",
			"inputs|site/content/01-overview.md|SHA-256",
		}},
		{"schools.csv", schools, []string{
			"manifest|site/data/schools.csv|",
			"inputs|site/data/schools.csv|SHA-256",
			"evaluation|evaluation.json|units[3612340001 primary].students",
			"evaluation|evaluation.json|resource.primary.students",
			"evaluation|html/data/evaluation.json|",
			"xlsx|html/data/",
			"csv|html/data/",
		}},
		{"a figure typed in a chapter, and the manifest", func(t *testing.T, root string) {
			name := filepath.Join(root, "site/content/01-overview.md")
			b, _ := os.ReadFile(name)
			os.WriteFile(name, append(b, "\n全县小学在校生29999人。\n"...), 0o644)
			rewriteManifest(t, root)
		}, []string{
			"chapter|site/content/01-overview.md|第 ",
		}},
		{"a figure rewritten in the PDF, and the manifest", func(t *testing.T, root string) {
			for _, rel := range []string{pdfName, "html/" + pdfName} {
				rewritePDF(t, filepath.Join(root, rel), "98.2%", "89.2%")
			}
			rewriteManifest(t, root)
		}, []string{
			"pdf|" + pdfName + "|第 5 页",
		}},
		{"a figure rewritten in the Word document, and the manifest", func(t *testing.T, root string) {
			for _, rel := range []string{docxName, "html/" + docxName} {
				rewriteDOCX(t, filepath.Join(root, rel), "29673", "29873")
			}
			rewriteManifest(t, root)
		}, []string{
			"docx|" + docxName + "|第 ",
		}},
		{"schools.csv and the manifest", func(t *testing.T, root string) {
			schools(t, root)
			rewriteManifest(t, root)
		}, []string{
			"inputs|site/data/schools.csv|SHA-256",
			"evaluation|evaluation.json|units[3612340001 primary].students",
			"evaluation|evaluation.json|resource.primary.students",
			"xlsx|html/data/",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := pack.Open(zip)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			c.change(t, p.Root)
			folder, err := pack.Open(p.Root) // the package as the unzipped folder it now is
			if err != nil {
				t.Fatal(err)
			}
			rep := Run(Recompute(folder), DefaultChecks())
			var text bytes.Buffer
			rep.WriteText(&text)
			if rep.OK() {
				t.Fatalf("tampering not caught:\n%s", text.String())
			}
			for _, w := range c.want {
				kind, rest, _ := strings.Cut(w, "|")
				file, where, _ := strings.Cut(rest, "|")
				found := false
				for _, f := range rep.Findings {
					if string(f.Kind) == kind && strings.HasPrefix(f.File, file) && strings.Contains(f.Where, where) && !f.Warning {
						found = true
					}
				}
				if !found {
					t.Errorf("no finding %s in:\n%s", w, text.String())
				}
			}
			if s := text.String(); !strings.Contains(s, "核查未通过") || !strings.Contains(s, "处不一致") {
				t.Errorf("the text does not end with the count:\n%s", s)
			}
		})
	}
}

const (
	pdfName  = "示例县义务教育优质均衡发展自评报告.pdf"
	docxName = "示例县义务教育优质均衡发展自评报告.docx"
)

// rewriteDOCX changes the first old into new in the body of the Word document at name, as
// someone editing it in Word would.
func rewriteDOCX(t *testing.T, name, old, new string) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/document.xml" && bytes.Contains(b, []byte(old)) {
			b, done = bytes.Replace(b, []byte(old), []byte(new), 1), true
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	if !done {
		t.Fatalf("%s: no %s", name, old)
	}
	os.WriteFile(name, buf.Bytes(), 0o644)
}

// rewritePDF changes the figure old into new in the text of the PDF at name, on the page that
// shows it, as an editor's incremental update would.
func rewritePDF(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Extract(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if strings.Contains(strings.Join(p.Lines, "\n"), old) {
			out, err := pdftext.RewriteText(b, p.Number, old, new)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(name, out, 0o644)
			return
		}
	}
	t.Fatalf("%s: no %s", name, old)
}

// A PDF typeset from other data (the county changed a number after typesetting and packed the
// new data with the old PDF) is caught by the figures of its text, even when the manifest was
// rewritten to match: each differing figure is named with its page and line, the packaged and
// the recomputed value.
func TestVerifyStalePDF(t *testing.T) {
	zip := packSite(t, "../..", t.TempDir())
	p, err := pack.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// The PDF of the same site with one school's pupils changed: 1443 → 1643.
	other := copySite(t, "../..")
	replaceIn(t, filepath.Join(other, "data/schools.csv"), firstSchool, "${1}1643,")
	f := false
	prep, probs := build.Prepare(build.Options{Site: other}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	_, stale, _, probs := prep.PDF(t.Context(), build.Options{Site: other, SystemFonts: &f})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	for _, rel := range []string{pdfName, "html/" + pdfName} {
		os.WriteFile(p.Path(rel), stale, 0o644)
	}
	rewriteManifest(t, p.Root)
	folder, err := pack.Open(p.Root)
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(Recompute(folder), DefaultChecks())
	var text bytes.Buffer
	rep.WriteText(&text)
	var pdf []Finding
	for _, f := range rep.Findings {
		if f.Kind == KindPDF {
			pdf = append(pdf, f)
		}
		if f.Kind != KindPDF && f.Kind != KindAudit {
			t.Errorf("only the PDF differs, yet: %+v", f)
		}
	}
	// 小学在校生 29673 + 200 = 29873 in the 基本情况; the weighted values and CVs move too.
	found := false
	for _, f := range pdf {
		if f.File == pdfName && f.Got == "29873" && f.Want == "29673" && strings.HasPrefix(f.Where, "第 3 页") {
			found = true
		}
	}
	if rep.OK() || !found {
		t.Errorf("the stale PDF's pupils are not named:\n%s", text.String())
	}
}

// A package that is no package is refused with a Chinese error (the command exits 2).
func TestVerifyBadInput(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "a.zip")
	os.WriteFile(notZip, []byte("这不是压缩包"), 0o644)
	for name, want := range map[string]string{notZip: "不是有效的 zip", filepath.Join(dir, "none.zip"): "不存在", dir: "找不到 manifest.json"} {
		if _, err := Verify(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Verify(%s) = %v, want %q", filepath.Base(name), err, want)
		}
	}
}

// The 核查清单 escapes what it quotes from the package and refuses the package's own folder.
func TestReportFiles(t *testing.T) {
	r := &Report{Package: "测试县优质均衡申报材料-2025-10-15", Manifest: pack.Manifest{County: "测试县", Date: "2025-10-15"},
		Checks: []string{"文件清单"}, Findings: []Finding{
			{Kind: KindSheet, File: "html/data/cv.xlsx", Where: "附表3 C3", Got: `=HYPERLINK("http://x")`, Want: "0.41", Message: "单元格的值与按包内数据复算的不同"},
			{Kind: KindManifest, File: `site/<script>.md`, Message: "打包后被修改过"},
		}}
	dir := t.TempDir()
	if err := r.WriteFiles(dir, ""); err != nil {
		t.Fatal(err)
	}
	h, _ := os.ReadFile(filepath.Join(dir, ReportHTML))
	if bytes.Contains(h, []byte("<script>")) || !bytes.Contains(h, []byte("site/&lt;script&gt;.md")) || !bytes.Contains(h, []byte("共发现 2 处不一致")) {
		t.Errorf("HTML:\n%s", h)
	}
	x, err := excelize.OpenFile(filepath.Join(dir, ReportXLSX))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sh := x.GetSheetList()[0]
	// The findings start below the title, the two lines of summary and the header (row 5).
	if v, _ := x.GetCellValue(sh, "F6"); v != `=HYPERLINK("http://x")` {
		t.Errorf("F6 = %q", v)
	}
	if f, _ := x.GetCellFormula(sh, "F6"); f != "" {
		t.Errorf("F6 is a formula: %q", f)
	}
	pkg := t.TempDir()
	if err := r.WriteFiles(filepath.Join(pkg, "notes"), pkg); err == nil || !strings.Contains(err.Error(), "不能写进材料包") {
		t.Errorf("WriteFiles into the package = %v", err)
	}
	// A second run replaces its own 核查清单.
	if err := r.WriteFiles(dir, ""); err != nil {
		t.Errorf("a second run into the same folder: %v", err)
	}
	// A workbook the reviewer has annotated and saved (Excel names itself the application), or a
	// page of theirs, is never overwritten, and neither file is written then.
	x.SetCellValue(sh, "H6", "已电话核实")
	x.SetAppProps(&excelize.AppProperties{Application: "Microsoft Excel"})
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(filepath.Join(dir, ReportXLSX))
	os.WriteFile(filepath.Join(dir, ReportHTML), []byte("<p>我的笔记</p>"), 0o644)
	if err := r.WriteFiles(dir, ""); err == nil || !strings.Contains(err.Error(), "不会覆盖") {
		t.Errorf("WriteFiles over the reviewer's files = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ReportXLSX)); !bytes.Equal(b, saved) {
		t.Error("the reviewer's workbook was changed")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ReportHTML)); string(b) != "<p>我的笔记</p>" {
		t.Error("the reviewer's page was changed")
	}
}

// A packaged site.toml that names a profile outside the package is not followed: the package
// cannot make verify read the reviewer's files.
func TestVerifyForeignProfile(t *testing.T) {
	zip := packSite(t, "../..", t.TempDir())
	p, err := pack.Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	outside := filepath.Join(filepath.Dir(p.Root), "outside.toml")
	os.WriteFile(outside, []byte("extends = \"national-2017\"\nid = \"x\"\nname = \"x\"\n"), 0o644)
	replaceIn(t, p.Path("site/site.toml"), `profile = "national-2017"`, `profile = "../../outside.toml"`)
	rep := Run(Recompute(p), DefaultChecks())
	if rep.OK() || len(rep.Skipped) != len(DefaultChecks())-1 || !strings.Contains(rep.Findings[0].Message, "评估标准文件不在材料包中") {
		t.Errorf("report %+v", rep)
	}
}

// With last year's package, the audit compares the schools year over year: a school that has
// vanished since is named, with last year's table in its own package as the place; the findings
// are hints, so the package still verifies.
func TestVerifyAgainstPrevious(t *testing.T) {
	zip := packSite(t, "../..", t.TempDir())
	last := copySite(t, "../..")
	replaceIn(t, filepath.Join(last, "site.toml"), `year = 2025`, `year = 2024`)
	replaceIn(t, filepath.Join(last, "site.toml"), `date = "2025-10-15"`, `date = "2024-10-15"`)
	// Last year the county had one more school, 示例县第九十九小学, a copy of the 第二小学.
	replaceIn(t, filepath.Join(last, "data/schools.csv"), `(?m)^3612340002,示例县第二小学,([^\n]*)\n`,
		"${0}3612340099,示例县第九十九小学,${1}\n")
	prevZip := packSite(t, last, t.TempDir())
	prev, err := pack.Open(prevZip)
	if err != nil {
		t.Fatal(err)
	}
	defer prev.Close()
	c, err := Open(zip)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Package.Close()
	rep := Run(c, append(DefaultChecks(), AuditAgainst(prev)))
	var text bytes.Buffer
	rep.WriteText(&text)
	found := false
	for _, f := range rep.Findings {
		if f.Kind == KindAudit && strings.Contains(f.Message, "示例县第九十九小学") &&
			strings.HasPrefix(f.File, "示例县优质均衡申报材料-2024-10-15/site/data/schools.csv") {
			found = f.Warning
		}
	}
	if !rep.OK() || !found {
		t.Errorf("the vanished school is not named as a hint:\n%s", text.String())
	}
}
