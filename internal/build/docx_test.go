package build

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/site"
)

var docxSites = map[string]string{"示例县": "../..", "湖南示例": "../../examples/hunan"}

// docxTestSites are the two examples and the example with a chapter that shows a chart of every
// kind (stacked bars, a radar, a distribution in two parts) and a footnote.
func docxTestSites(t *testing.T) map[string]string {
	dir := copySite(t)
	chapter := "+++\ntitle = \"七、图\"\norder = 7\n+++\n\n{{< chart \"meeting-primary\" >}}\n\n{{< chart \"ratio-junior\" >}}\n\n" +
		"{{< chart \"dist-primary-R5\" >}}\n\n脚注{ PAGE }测试[^1]。\n\n[^1]: 注释 **粗体** 内容。\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "07-charts.md"), []byte(chapter), 0o644); err != nil {
		t.Fatal(err)
	}
	sites := maps.Clone(docxSites)
	sites["每种图"] = dir
	return sites
}

// buildDOCX builds a site's Word document alone and returns the result and the document.
func buildDOCX(t testing.TB, dir string) (*Result, []byte) {
	t.Helper()
	res, probs := Run(Options{Site: dir, Out: filepath.Join(t.TempDir(), "output"), Only: "docx"})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	b, err := os.ReadFile(res.DOCX)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// docxPart is one file of the package.
type docxPart struct {
	name     string
	body     []byte
	modified time.Time
}

func unzipDOCX(t testing.TB, b []byte) []docxPart {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []docxPart
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, docxPart{f.Name, body, f.Modified})
	}
	return out
}

func partMap(ps []docxPart) map[string][]byte {
	m := map[string][]byte{}
	for _, p := range ps {
		m[p.name] = p.body
	}
	return m
}

// wellFormed reads every token of an XML part.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

type relationships struct {
	Rel []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

const relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// The package is sound: every XML part is well-formed; every part has a content type; every
// relationship points at a part of the package; every relationship id a part uses is declared
// in its relationships; every part is reached from the package's relationships; the entries are
// dated with the report's date; [Content_Types].xml comes first.
func TestDOCXPackage(t *testing.T) {
	for name, dir := range docxTestSites(t) {
		t.Run(name, func(t *testing.T) {
			s, probs := site.Load(dir, "")
			if probs.Err() != nil {
				t.Fatal(probs)
			}
			_, b := buildDOCX(t, dir)
			ps := unzipDOCX(t, b)
			parts := partMap(ps)
			if ps[0].name != "[Content_Types].xml" {
				t.Errorf("the first part is %s", ps[0].name)
			}
			date, _ := time.Parse("2006-01-02", s.Config.Date)
			for _, p := range ps {
				if !p.modified.Equal(date) {
					t.Errorf("%s is dated %v, want %v", p.name, p.modified, date)
				}
				if strings.HasSuffix(p.name, ".xml") || strings.HasSuffix(p.name, ".rels") {
					if err := wellFormed(p.body); err != nil {
						t.Errorf("%s: %v", p.name, err)
					}
				}
			}
			var types struct {
				Default []struct {
					Ext string `xml:"Extension,attr"`
				} `xml:"Default"`
				Override []struct {
					Part string `xml:"PartName,attr"`
				} `xml:"Override"`
			}
			if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
				t.Fatal(err)
			}
			typed := map[string]bool{}
			for _, d := range types.Default {
				typed["."+d.Ext] = true
			}
			for _, o := range types.Override {
				if _, ok := parts[strings.TrimPrefix(o.Part, "/")]; !ok {
					t.Errorf("[Content_Types].xml names %s, which is not in the package", o.Part)
				}
				typed[strings.TrimPrefix(o.Part, "/")] = true
			}
			reached := map[string]bool{"[Content_Types].xml": true}
			for _, p := range ps {
				if p.name == "[Content_Types].xml" {
					continue
				}
				if !typed[p.name] && !typed[path.Ext(p.name)] {
					t.Errorf("%s has no content type", p.name)
				}
				if !strings.HasSuffix(p.name, ".rels") {
					continue
				}
				reached[p.name] = true
				var rels relationships
				if err := xml.Unmarshal(p.body, &rels); err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				// word/_rels/document.xml.rels belongs to word/document.xml.
				source := path.Join(path.Dir(path.Dir(p.name)), strings.TrimSuffix(path.Base(p.name), ".rels"))
				ids := map[string]bool{}
				for _, r := range rels.Rel {
					ids[r.ID] = true
					if r.TargetMode == "External" {
						t.Errorf("%s: an external relationship %s", p.name, r.Target)
						continue
					}
					target := path.Join(path.Dir(source), r.Target)
					if _, ok := parts[target]; !ok {
						t.Errorf("%s: %s points at %s, which is not in the package", p.name, r.ID, target)
					}
					reached[target] = true
				}
				if body, ok := parts[source]; ok {
					for _, id := range usedIDs(t, body) {
						if !ids[id] {
							t.Errorf("%s uses r:id %s, which %s does not declare", source, id, p.name)
						}
					}
				}
			}
			// Every field (the 目录, its page references, the page numbers) is complete.
			for _, p := range ps {
				body := string(p.body)
				begin := strings.Count(body, `w:fldCharType="begin"`)
				if begin != strings.Count(body, `w:fldCharType="separate"`) || begin != strings.Count(body, `w:fldCharType="end"`) {
					t.Errorf("%s: unbalanced fields", p.name)
				}
			}
			for _, p := range ps {
				if !reached[p.name] && !strings.HasPrefix(p.name, "xl/") {
					t.Errorf("%s is reached by no relationship", p.name)
				}
			}
		})
	}
}

// usedIDs lists the relationship ids a part refers to (r:id, r:embed …).
func usedIDs(t testing.TB, b []byte) []string {
	var ids []string
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Space == relNamespace {
					ids = append(ids, a.Value)
				}
			}
		}
	}
	return ids
}

// The same input gives the same bytes.
func TestDOCXDeterministic(t *testing.T) {
	_, a := buildDOCX(t, "../..")
	_, b := buildDOCX(t, "../..")
	if !bytes.Equal(a, b) {
		t.Error("two builds of the example give different documents")
	}
}

// chartSpace is what the tests read of a chart part.
type chartSpace struct {
	Chart struct {
		PlotArea struct {
			Bar   []chartGroup `xml:"barChart"`
			Line  []chartGroup `xml:"lineChart"`
			Radar []chartGroup `xml:"radarChart"`
		} `xml:"plotArea"`
	} `xml:"chart"`
	External struct {
		ID string `xml:"id,attr"`
	} `xml:"externalData"`
}

type chartGroup struct {
	Ser []struct {
		Name string   `xml:"tx>strRef>strCache>pt>v"`
		Cats []string `xml:"cat>strRef>strCache>pt>v"`
		Vals []string `xml:"val>numRef>numCache>pt>v"`
		Lbls []struct {
			Idx struct {
				Val int `xml:"val,attr"`
			} `xml:"idx"`
			Text string `xml:"tx>rich>p>r>t"`
		} `xml:"dLbls>dLbl"`
	} `xml:"ser"`
}

// exampleModel is the example's report, chapters and their resolved shortcodes, made without
// the renderers.
func exampleModel(t testing.TB, dir string) (*report.Report, []*content.Doc, resolve.Map) {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	docs, _ := content.LoadDir(filepath.Join(dir, "content"), "content")
	resolved, _ := resolve.Docs(docs, rep, chart.All(rep))
	return rep, docs, resolved
}

// figures lists the charts of the chapters in order, a distribution chart in its parts.
func figures(docs []*content.Doc, resolved resolve.Map) []*chart.Chart {
	var out []*chart.Chart
	for _, d := range docs {
		for _, sc := range d.Shortcodes {
			if c := resolved[sc].Chart; c != nil && sc.Name == "chart" {
				out = append(out, c.Parts(40)...)
			}
		}
	}
	return out
}

// Every figure is a native chart whose cached values and embedded workbook hold the data of the
// chart model the HTML and PDF draw: categories, series names and values, reference lines.
func TestDOCXCharts(t *testing.T) {
	for name, dir := range docxTestSites(t) {
		t.Run(name, func(t *testing.T) {
			_, docs, resolved := exampleModel(t, dir)
			want := figures(docs, resolved)
			if len(want) == 0 {
				t.Skip("no figures")
			}
			_, b := buildDOCX(t, dir)
			parts := partMap(unzipDOCX(t, b))
			doc := string(parts["word/document.xml"])
			if n := strings.Count(doc, `<c:chart r:id=`); n != len(want) {
				t.Errorf("document.xml has %d charts, want %d", n, len(want))
			}
			for i, c := range want {
				n := strconv.Itoa(i + 1)
				var cs chartSpace
				if err := xml.Unmarshal(parts["word/charts/chart"+n+".xml"], &cs); err != nil {
					t.Fatalf("chart%s: %v", n, err)
				}
				var groups []chartGroup
				groups = append(groups, cs.Chart.PlotArea.Bar...)
				groups = append(groups, cs.Chart.PlotArea.Radar...)
				groups = append(groups, cs.Chart.PlotArea.Line...)
				var names []string
				var vals [][]string
				var marks []map[int]string
				for _, g := range groups {
					for _, s := range g.Ser {
						names = append(names, s.Name)
						vals = append(vals, s.Vals)
						m := map[int]string{}
						for _, l := range s.Lbls {
							m[l.Idx.Val] = l.Text
						}
						marks = append(marks, m)
						if !slices.Equal(s.Cats, c.Categories) {
							t.Errorf("chart%s (%s) %s: categories %v, want %v", n, c.ID, s.Name, s.Cats, c.Categories)
						}
					}
				}
				var wantNames []string
				var wantVals [][]string
				for k, s := range c.Series {
					wantNames = append(wantNames, s.Name)
					wantVals = append(wantVals, numbers(s.Values))
					// A bar chart's marked values are labelled as the PDF marks them.
					want := map[int]string{}
					for i := range s.Values {
						switch {
						case c.Kind == chart.Radar || s.Stack != "":
						case i < len(s.Below) && s.Below[i]:
							want[i] = "✗✗"
						case i < len(s.Fail) && s.Fail[i]:
							want[i] = "✗"
						case i < len(s.Warn) && s.Warn[i]:
							want[i] = "临界"
						}
					}
					if k < len(marks) && !maps.Equal(marks[k], want) {
						t.Errorf("chart%s (%s) %s: marks %v, want %v", n, c.ID, s.Name, marks[k], want)
					}
				}
				if c.Kind != chart.Radar {
					for _, l := range c.Lines {
						wantNames = append(wantNames, l.Name)
						vs := make([]float64, len(c.Categories))
						for k := range vs {
							vs[k] = l.Value
						}
						wantVals = append(wantVals, numbers(vs))
					}
				}
				if !slices.Equal(names, wantNames) {
					t.Errorf("chart%s (%s): series %v, want %v", n, c.ID, names, wantNames)
				}
				for k := range min(len(vals), len(wantVals)) {
					if !slices.Equal(vals[k], wantVals[k]) {
						t.Errorf("chart%s (%s) %s: cached values %v, want %v", n, c.ID, names[k], vals[k], wantVals[k])
					}
				}
				// The embedded workbook holds the same: categories in A, a column per series.
				wb := parts["word/embeddings/Microsoft_Excel_Worksheet"+n+".xlsx"]
				f, err := excelize.OpenReader(bytes.NewReader(wb))
				if err != nil {
					t.Fatalf("chart%s's workbook: %v", n, err)
				}
				rows, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != len(c.Categories)+1 || !slices.Equal(rows[0][1:], wantNames) {
					t.Fatalf("chart%s's workbook: %d rows, header %v; want %d rows, %v", n, len(rows), rows[0], len(c.Categories)+1, wantNames)
				}
				for r, cat := range c.Categories {
					row := rows[r+1]
					if row[0] != cat {
						t.Errorf("chart%s's workbook row %d: %s, want %s", n, r+2, row[0], cat)
					}
					for k := range wantVals {
						if k+1 >= len(row) || row[k+1] != wantVals[k][r] {
							t.Errorf("chart%s's workbook row %d column %d: %v, want %s", n, r+2, k+2, row, wantVals[k][r])
							break
						}
					}
				}
			}
		})
	}
}

func numbers(vs []float64) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return out
}

// The named styles carry the fonts and sizes of GB/T 9704: 正文 仿宋 三号 at a fixed 28 pt with
// a first-line indent of two characters, 标题 小标宋 二号, 一级标题 黑体, 二级标题 楷体, tables 五号;
// the fonts name their alternatives for newer Windows.
func TestDOCXStyles(t *testing.T) {
	_, b := buildDOCX(t, "../..")
	parts := partMap(unzipDOCX(t, b))
	var st struct {
		Style []struct {
			ID   string `xml:"styleId,attr"`
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
			PPr struct {
				Spacing struct {
					Line string `xml:"line,attr"`
					Rule string `xml:"lineRule,attr"`
				} `xml:"spacing"`
				Ind struct {
					FirstLineChars string `xml:"firstLineChars,attr"`
				} `xml:"ind"`
				Outline struct {
					Val string `xml:"val,attr"`
				} `xml:"outlineLvl"`
			} `xml:"pPr"`
			RPr struct {
				Fonts struct {
					EastAsia string `xml:"eastAsia,attr"`
				} `xml:"rFonts"`
				Sz struct {
					Val string `xml:"val,attr"`
				} `xml:"sz"`
			} `xml:"rPr"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(parts["word/styles.xml"], &st); err != nil {
		t.Fatal(err)
	}
	type got struct{ name, font, size, line, rule, indent, outline string }
	byID := map[string]got{}
	for _, s := range st.Style {
		byID[s.ID] = got{s.Name.Val, s.RPr.Fonts.EastAsia, s.RPr.Sz.Val, s.PPr.Spacing.Line, s.PPr.Spacing.Rule, s.PPr.Ind.FirstLineChars, s.PPr.Outline.Val}
	}
	for id, want := range map[string]got{
		"Normal":        {"Normal", "仿宋_GB2312", "32", "560", "exact", "200", ""},
		"Title":         {"Title", "方正小标宋简体", "44", "700", "exact", "0", ""},
		"Heading1":      {"一级标题", "黑体", "", "", "", "", "0"},
		"Heading2":      {"二级标题", "楷体_GB2312", "", "", "", "", "1"},
		"Heading3":      {"三级标题", "", "", "", "", "", "2"},
		"Heading4":      {"四级标题", "", "", "", "", "", "3"},
		"TableText":     {"表格", "", "21", "240", "auto", "0", ""},
		"TableCaption":  {"表题", "黑体", "28", "360", "auto", "0", ""},
		"FigureCaption": {"图题", "", "", "", "", "", ""},
		"Signature":     {"落款", "", "", "", "", "0", ""},
	} {
		if g := byID[id]; g != want {
			t.Errorf("style %s: %+v, want %+v", id, g, want)
		}
	}
	fonts := string(parts["word/fontTable.xml"])
	for _, f := range []string{`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`, `<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>`, `<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>`} {
		if !strings.Contains(fonts, f) {
			t.Errorf("fontTable.xml lacks %s", f)
		}
	}
	doc := string(parts["word/document.xml"])
	for _, want := range []string{`<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/>`,
		`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:pgMar w:top="2098" w:right="1475" w:bottom="1984" w:left="1587"`,
		` TOC \o "1-2" \h \z \u `, `<w:pgNumType w:fmt="decimal" w:start="1"/>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(string(parts["word/settings.xml"]), `<w:evenAndOddHeaders/>`) {
		t.Error("the page numbers do not alternate sides")
	}
}

// soffice finds LibreOffice; without it the test skips, unless YOUJUN_CI is set.
func soffice(t *testing.T) string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("YOUJUN_CI") != "" {
		t.Fatal("找不到 soffice：CI 必须安装 libreoffice-writer-nogui")
	}
	t.Skip("skipped: no LibreOffice on this machine (apt-get install -y libreoffice-writer-nogui); CI runs this test")
	return ""
}

// convertDOCX has LibreOffice, an independent reader, convert a document to format (pdf, fodt)
// in a profile of its own (a running LibreOffice would otherwise take the job and drop it).
func convertDOCX(t *testing.T, docx []byte, format string) string {
	t.Helper()
	bin := soffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", format, "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "report."+format)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("LibreOffice could not read the document: %v", err)
	}
	return out
}

var pageSizeRe = regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`)

// LibreOffice reads the document: every chapter paragraph, heading and list item with its
// computed values, every value of every 附表, the 目录, the page numbers; the pages of the wide
// 整改清单 are landscape, the others portrait.
func TestDOCXLibreOffice(t *testing.T) {
	t.Parallel() // LibreOffice takes seconds; each conversion has a profile of its own
	soffice(t)
	for name, dir := range docxSites {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep, docs, resolved := exampleModel(t, dir)
			_, b := buildDOCX(t, dir)
			pdfPath := convertDOCX(t, b, "pdf")
			raw := squeeze(pdftotext(t, pdfPath, "-raw"))
			// Page numbers, which LibreOffice may write amid the last line of a page, apart.
			text := squeezedPageNumber.ReplaceAllString(raw, "")
			if !strings.Contains(raw, "—1—") || strings.Contains(raw, "—0—") {
				t.Error("the body's pages are not numbered from — 1 —")
			}
			checked := 0
			for _, d := range docs {
				for _, p := range narrative(d, resolved) {
					if !strings.Contains(text, squeeze(p)) {
						t.Errorf("%s: the document lacks the paragraph %q", d.File, p)
					}
					checked++
				}
			}
			if checked < 20 {
				t.Errorf("only %d paragraphs checked", checked)
			}
			cells := 0
			for _, tb := range rep.Tables() {
				if !strings.Contains(text, squeeze(tb.Title)) {
					t.Errorf("the document lacks %s", tb.Title)
				}
				for _, row := range tb.Rows {
					for _, c := range row {
						if !strings.Contains(text, squeeze(c.Text)) {
							t.Errorf("%s: the document lacks the value %q", tb.Title, c.Text)
						}
						cells++
					}
				}
			}
			if cells < 100 {
				t.Errorf("only %d cells checked", cells)
			}
			for _, want := range []string{"目录", "附表"} {
				if !strings.Contains(text, want) {
					t.Errorf("the document lacks %s", want)
				}
			}
			// Orientation, page by page: each caption's page is as its section in document.xml.
			info, err := exec.Command(poppler(t, "pdfinfo"), "-f", "1", "-l", "9999", pdfPath).Output()
			if err != nil {
				t.Fatal(err)
			}
			landscape := map[int]bool{}
			for _, m := range pageSizeRe.FindAllStringSubmatch(string(info), -1) {
				n, _ := strconv.Atoi(m[1])
				w, _ := strconv.ParseFloat(m[2], 64)
				h, _ := strconv.ParseFloat(m[3], 64)
				landscape[n] = w > h
			}
			if len(landscape) == 0 || landscape[1] {
				t.Fatalf("pages: %v", landscape)
			}
			wide := captionOrientation(t, partMap(unzipDOCX(t, b))["word/document.xml"])
			turned := 0
			for n := 1; n <= len(landscape); n++ {
				page := squeeze(pdftotext(t, pdfPath, "-raw", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n)))
				for caption, l := range wide {
					if strings.Contains(page, caption) && l != landscape[n] {
						t.Errorf("page %d holds %s: landscape %v, want %v", n, caption, landscape[n], l)
					}
				}
				if landscape[n] {
					turned++
				}
			}
			if name == "示例县" && (turned == 0 || turned == len(landscape)) {
				t.Errorf("%d of %d pages are landscape", turned, len(landscape))
			}
			if name == "示例县" {
				gridLines(t, pdfPath)
			}
			tocPages(t, partMap(unzipDOCX(t, b))["word/document.xml"], pdfPath, len(landscape))
		})
	}
}

var squeezedPageNumber = regexp.MustCompile(`—\d+—`)

var tocEntryRe = regexp.MustCompile(`<w:hyperlink w:anchor="_Toc\d+" w:history="1"><w:r><w:t xml:space="preserve">([^<]*)</w:t></w:r>.*?<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t>`)

// tocPages checks that the pre-filled 目录 reads correctly before Word updates it: each
// heading's estimated page is within one of the page LibreOffice prints it on.
func tocPages(t *testing.T, doc []byte, pdfPath string, pages int) {
	entries := tocEntryRe.FindAllSubmatch(doc, -1)
	if len(entries) < 5 {
		t.Fatalf("%d entries in the 目录", len(entries))
	}
	type page struct {
		number int
		lines  []string
	}
	var printed []page
	for n := 1; n <= pages; n++ {
		text := pdftotext(t, pdfPath, "-raw", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
		m := pageNumberRe.FindString(text)
		if m == "" {
			continue // the cover and the 目录
		}
		num, _ := strconv.Atoi(strings.Trim(squeeze(m), "—"))
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, squeeze(l))
		}
		printed = append(printed, page{num, lines})
	}
	exact := 0
	for _, e := range entries {
		heading, want := squeeze(string(e[1])), string(e[2])
		estimate, _ := strconv.Atoi(want)
		found := false
		for _, p := range printed {
			if slices.Contains(p.lines, heading) {
				found = true
				if d := p.number - estimate; d < -1 || d > 1 {
					t.Errorf("the 目录 gives %s page %d; LibreOffice prints it on page %d", heading, estimate, p.number)
				} else if d == 0 {
					exact++
				}
				break
			}
		}
		if !found {
			t.Errorf("the heading %s of the 目录 is not found on its own line", heading)
		}
	}
	t.Logf("%d of %d 目录 entries give LibreOffice's page exactly", exact, len(entries))
}

// gridLines checks the document grid as LibreOffice sets it: the example's second body page,
// all running text, holds 22 lines of at most 28 characters (a digit or a Latin letter counts
// half), the longest of them 27 or more.
func gridLines(t *testing.T, pdfPath string) {
	for n := 1; n < 10; n++ {
		page := pdftotext(t, pdfPath, "-raw", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
		if !strings.Contains(squeeze(page), "—2—") {
			continue
		}
		var lines []string
		longest := 0.0
		for _, l := range strings.Split(page, "\n") {
			l = squeeze(l)
			if l == "" || pageNumberRe.MatchString(l) {
				continue
			}
			lines = append(lines, l)
			cells := 0.0
			for _, r := range l {
				if unicode.Is(unicode.Han, r) || r > 0x2000 {
					cells++
				} else {
					cells += 0.5
				}
			}
			if cells > 28 {
				t.Errorf("a line of %.1f characters: %s", cells, l)
			}
			longest = max(longest, cells)
		}
		if len(lines) != 22 || longest < 27 {
			t.Errorf("the second body page has %d lines, the longest of %.1f characters; want 22 lines of 28", len(lines), longest)
		}
		return
	}
	t.Error("no page numbered — 2 —")
}

// captionOrientation reads document.xml: each table caption (表题), squeezed, and whether its
// section is landscape.
func captionOrientation(t *testing.T, doc []byte) map[string]bool {
	out := map[string]bool{}
	var pending []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	inCaption, inText := false, false
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "pStyle":
				if len(tok.Attr) > 0 && tok.Attr[0].Value == "TableCaption" {
					inCaption = true
				}
			case "t":
				inText = inCaption
			case "pgSz":
				l := false
				for _, a := range tok.Attr {
					if a.Name.Local == "orient" && a.Value == "landscape" {
						l = true
					}
				}
				for _, c := range pending {
					out[c] = l
				}
				pending = nil
			}
		case xml.CharData:
			if inText {
				text.Write(tok)
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t":
				inText = false
			case "p":
				if inCaption {
					pending = append(pending, squeeze(text.String()))
				}
				inCaption = false
				text.Reset()
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no table captions in document.xml")
	}
	return out
}

// LibreOffice reads the styles as named, with their fonts and sizes.
func TestDOCXStylesLibreOffice(t *testing.T) {
	t.Parallel() // LibreOffice takes seconds; each conversion has a profile of its own
	_, b := buildDOCX(t, "../..")
	fodt, err := os.ReadFile(convertDOCX(t, b, "fodt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ name, font, size string }{
		{"一级标题", "黑体", ""}, {"二级标题", "楷体_GB2312", ""}, {"表格", "", "10.5pt"},
	} {
		re := regexp.MustCompile(`<style:style style:name="[^"]*" style:display-name="` + want.name + `"[^>]*>(?s:.*?)</style:style>|<style:style style:name="` + want.name + `"[^>]*>(?s:.*?)</style:style>`)
		m := re.Find(fodt)
		if m == nil {
			t.Errorf("LibreOffice has no style %s", want.name)
			continue
		}
		if want.font != "" && !bytes.Contains(m, []byte(`style:font-name-asian="`+want.font+`"`)) {
			t.Errorf("style %s: no East Asian font %s in %s", want.name, want.font, m)
		}
		if want.size != "" && !bytes.Contains(m, []byte(`fo:font-size="`+want.size+`"`)) {
			t.Errorf("style %s: not %s in %s", want.name, want.size, m)
		}
	}
	normal := regexp.MustCompile(`<style:style style:name="Standard"[^>]*>(?s:.*?)</style:style>`).Find(fodt)
	for _, want := range []string{`style:font-name-asian="仿宋_GB2312"`, `fo:font-size="16pt"`, `fo:line-height="0.389in"`, `fo:text-indent=`} {
		if !bytes.Contains(normal, []byte(want)) {
			t.Errorf("LibreOffice's 正文 lacks %s: %s", want, normal)
		}
	}
}

// BenchmarkDOCXExample writes the example's Word document from a site prepared once.
func BenchmarkDOCXExample(b *testing.B) { benchDOCX(b, "../..") }

// BenchmarkDOCX100 writes the Word document of the site of BenchmarkTypeset100 (about 100 pages
// in the PDF).
func BenchmarkDOCX100(b *testing.B) { benchDOCX(b, longSite(b, 3, 215)) }

func benchDOCX(b *testing.B, dir string) {
	p, probs := Prepare(Options{Site: dir}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	size := 0
	for b.Loop() {
		out, err := makeDOCX(p, "")
		if err != nil {
			b.Fatal(err)
		}
		size = len(out.DOCX)
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

// The draft mark is in the header of every section exactly when the report is unfinished, in
// the site's wording.
func TestDOCXDraftMark(t *testing.T) {
	for _, tt := range []struct {
		name, site, extra, mark string
	}{
		{name: "final"},
		{name: "placeholder", extra: "测试县位于……，辖12个乡镇。\n", mark: "征求意见稿"},
		{name: "own wording", site: "\n[pdf]\ndraft_mark = \"草稿<&>\"\n", extra: "正文……\n", mark: "草稿<&>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t)
			if tt.site != "" {
				appendFile(t, filepath.Join(dir, "site.toml"), tt.site)
			}
			if tt.extra != "" {
				os.WriteFile(filepath.Join(dir, "content", "07-extra.md"), []byte("+++\ntitle = \"七、附注\"\norder = 7\n+++\n\n"+tt.extra), 0o644)
			}
			_, b := buildDOCX(t, dir)
			parts := partMap(unzipDOCX(t, b))
			var hdr struct {
				Text []string `xml:"p>r>t"`
			}
			if err := xml.Unmarshal(parts["word/header1.xml"], &hdr); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(hdr.Text, ""); got != tt.mark {
				t.Errorf("the header says %q, want %q", got, tt.mark)
			}
			doc := string(parts["word/document.xml"])
			sections := strings.Count(doc, "<w:sectPr>")
			refs := strings.Count(doc, `<w:headerReference w:type="default" r:id="rIdHeader"/><w:headerReference w:type="even" r:id="rIdHeader"/>`)
			if tt.mark != "" && refs != sections || tt.mark == "" && refs != 0 {
				t.Errorf("%d of %d sections show the header", refs, sections)
			}
		})
	}
}

// --only docx writes the Word document and data/ and keeps the pages; --only html keeps the
// Word document of an earlier build.
func TestOnlyDOCX(t *testing.T) {
	dir := copySite(t)
	out := filepath.Join(dir, "output")
	name := "示例县义务教育优质均衡发展自评报告.docx"
	if _, probs := Run(Options{Site: dir, Only: "docx"}); probs.Err() != nil {
		t.Fatal(probs)
	}
	for file, want := range map[string]bool{name: true, "data/evaluation.json": true, "index.html": false, "示例县义务教育优质均衡发展自评报告.pdf": false} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); (err == nil) != want {
			t.Errorf("after --only docx, %s exists: %v, want %v", file, err == nil, want)
		}
	}
	first, _ := os.ReadFile(filepath.Join(out, name))
	if _, probs := Run(Options{Site: dir, Only: "html"}); probs.Err() != nil {
		t.Fatal(probs)
	}
	if kept, err := os.ReadFile(filepath.Join(out, name)); err != nil || !bytes.Equal(kept, first) {
		t.Errorf("--only html did not keep the Word document (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("--only html wrote no pages: %v", err)
	}
	if _, probs := Run(Options{Site: dir, Only: "docx"}); probs.Err() != nil {
		t.Fatal(probs)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("--only docx removed the pages: %v", err)
	}
}

// LibreOffice reads a chapter with a chart of every kind and a footnote: the captions, the
// footnote, and a field code written in the text, which stays text.
func TestDOCXLibreOfficeCharts(t *testing.T) {
	t.Parallel() // LibreOffice takes seconds; each conversion has a profile of its own
	soffice(t)
	_, b := buildDOCX(t, docxTestSites(t)["每种图"])
	text := squeezedPageNumber.ReplaceAllString(squeeze(pdftotext(t, convertDOCX(t, b, "pdf"), "-raw")), "")
	for _, want := range []string{"图3小学各指标达标学校数", "图4初中全县值与标准之比（%）", "图5小学R5生均体育运动场馆面积（1/2）",
		"图5小学R5生均体育运动场馆面积（2/2）", "脚注{PAGE}测试", "注释粗体内容。"} {
		if !strings.Contains(text, want) {
			t.Errorf("the document lacks %s", want)
		}
	}
}

// Prepared.DOCX gives the bytes a build writes.
func TestPreparedDOCX(t *testing.T) {
	_, want := buildDOCX(t, "../..")
	p, probs := Prepare(Options{Site: "../.."}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	name, got, probs := p.DOCX(Options{Site: "../.."})
	if probs != nil || name != "示例县义务教育优质均衡发展自评报告.docx" || !bytes.Equal(got, want) {
		t.Errorf("Prepared.DOCX: %s, %d bytes, %v; want the build's %d bytes", name, len(got), probs, len(want))
	}
}
