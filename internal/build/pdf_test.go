package build

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
)

// poppler finds a poppler-utils program; without one the test skips, unless YOUJUN_CI is set.
func poppler(t *testing.T, name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("YOUJUN_CI") != "" {
		t.Fatalf("找不到 %s：CI 必须安装 poppler-utils", name)
	}
	t.Skipf("skipped: no %s on this machine (apt-get install -y poppler-utils); CI runs this test", name)
	return ""
}

var noSystemFonts = new(bool)

// buildPDF builds the example's PDF with the embedded font only, so that the result does not
// depend on the fonts of the machine.
func buildPDF(t testing.TB) *Result {
	t.Helper()
	res, probs := Run(Options{Site: "../..", Out: filepath.Join(t.TempDir(), "output"), Only: "pdf", SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return res
}

func pdftotext(t *testing.T, path string, args ...string) string {
	cmd := exec.Command(poppler(t, "pdftotext"), append(append(args, path), "-")...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var (
	groupedRe      = regexp.MustCompile(`(\d),(\d{3})\b`)
	pageNumberRe   = regexp.MustCompile(`—\s*\d+\s*—`)
	pageNumberPart = regexp.MustCompile(`^[—\d]+$`)
)

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Every paragraph, heading and list item of the chapters comes out of the PDF as written, with
// its computed values; so do the CV table's numbers.
func TestPDFText(t *testing.T) {
	res := buildPDF(t)
	text := squeeze(pageNumberRe.ReplaceAllString(pdftotext(t, res.PDF), ""))
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	docs, _ := content.LoadDir("../../content", "content")
	resolved, _ := resolve.Docs(docs, rep, chart.All(rep))
	checked := 0
	for _, d := range docs {
		for _, p := range narrative(d, resolved) {
			if !strings.Contains(text, squeeze(p)) {
				t.Errorf("%s: the PDF lacks the paragraph %q", d.File, p)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Errorf("only %d paragraphs checked", checked)
	}
	for _, l := range []string{"primary", "junior"} {
		for _, id := range []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7"} {
			v, _ := rep.Value("resource." + l + "." + id + ".cv")
			if !strings.Contains(text, v) {
				t.Errorf("the PDF lacks the %s %s CV %s", l, id, v)
			}
		}
	}
}

// ungrouped drops the thousands separators of s, as the PDF's running text does.
func ungrouped(s string) string {
	for t := ""; t != s; {
		t, s = s, groupedRe.ReplaceAllString(s, "$1$2")
	}
	return s
}

// narrative is the plain text of a chapter's title, headings, paragraphs and list items, with
// shortcode values filled in, computed from the Markdown independently of the PDF renderer.
func narrative(d *content.Doc, resolved resolve.Map) []string {
	out := []string{d.Meta.Title}
	src := d.Source
	for _, block := range strings.Split(string(src), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" || strings.HasPrefix(block, "{{< table") || strings.HasPrefix(block, "{{< chart") || strings.HasPrefix(block, "{{< list") {
			continue
		}
		block = strings.TrimLeft(block, "# ")
		block = strings.ReplaceAll(block, "**", "")
		for _, sc := range d.Shortcodes {
			// Running text writes computed numbers without thousands separators.
			block = strings.Replace(block, sc.Raw, ungrouped(resolved[sc].Text), 1)
		}
		out = append(out, block)
	}
	return out
}

// Nothing but the page numbers lies outside the text block.
func TestPDFGeometry(t *testing.T) {
	res := buildPDF(t)
	out := pdftotext(t, res.PDF, "-bbox")
	const mm = 72 / 25.4
	pages := strings.Split(out, "<page ")[1:]
	wordRe := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	words := 0
	for i, p := range pages {
		for _, m := range wordRe.FindAllStringSubmatch(p, -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			y0, _ := strconv.ParseFloat(m[2], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			words++
			// Either margin may be the binding one (odd and even pages mirror).
			// A line may end in a squeezed closing mark (。，；…): its box, as pdftotext gives
			// it, keeps the full advance, but its right half is blank.
			hang := 0.0
			if strings.ContainsAny(lastRune(m[5]), "，。、；：？！）》」』”") {
				hang = 156.0 / 28 / 2 * mm
			}
			inside := x0 >= 26*mm-0.5 && x1 <= (210-26)*mm+0.5+hang && y0 >= 37*mm-4 && y1 <= (37+225)*mm+4
			pageNum := y0 > (37+225+5)*mm && y1 < (37+225+7+8)*mm && pageNumberPart.MatchString(m[5])
			if !inside && !pageNum {
				t.Errorf("page %d: %q at (%.1f, %.1f)–(%.1f, %.1f) mm is outside the text block", i+1, m[5], x0/mm, y0/mm, x1/mm, y1/mm)
			}
		}
	}
	if words < 1000 {
		t.Errorf("only %d words", words)
	}
}

// Every page that continues a table repeats its header row.
func TestPDFTablesRepeatHeader(t *testing.T) {
	res := buildPDF(t)
	pages := strings.Split(pdftotext(t, res.PDF), "\f")
	continued := 0
	for i, p := range pages {
		if !strings.Contains(p, "（续表）") {
			continue
		}
		continued++
		if !strings.Contains(p, "学校代码") && !strings.Contains(p, "指标") && !strings.Contains(p, "调查对象") && !strings.Contains(p, "拆分比例") {
			t.Errorf("page %d continues a table without its header:\n%.300s", i+1, p)
		}
	}
	if continued < 3 {
		t.Errorf("only %d continued tables; the appendix tables should span pages", continued)
	}
}

// There is a bookmark for every heading, and the 目录 gives each chapter the page it is on.
func TestPDFBookmarksAndContents(t *testing.T) {
	res := buildPDF(t)
	raw, err := os.ReadFile(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, m := range regexp.MustCompile(`/Title <FEFF([0-9A-Fa-f]*)>`).FindAllSubmatch(raw, -1) {
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		titles = append(titles, string(utf16.Decode(u)))
	}
	bookmarks := map[string]bool{}
	for _, s := range titles {
		bookmarks[s] = true
	}
	if len(res.Headings) < 15 {
		t.Fatalf("only %d headings", len(res.Headings))
	}
	for _, h := range res.Headings {
		if !bookmarks[h.Text] {
			t.Errorf("no bookmark for %q", h.Text)
		}
	}
	pages := strings.Split(pdftotext(t, res.PDF, "-layout"), "\f")
	toc := pages[1]
	front := 0 // physical pages before printed page 1
	for i, p := range pages {
		if strings.Contains(squeeze(p), "—1—") {
			front = i
			break
		}
	}
	for _, h := range res.Headings {
		if h.Level > 2 {
			continue
		}
		line := ""
		for _, l := range strings.Split(toc, "\n") {
			if strings.Contains(squeeze(l), squeeze(h.Text)) {
				line = l
			}
		}
		if !strings.HasSuffix(strings.TrimSpace(line), " "+strconv.Itoa(h.Page)) {
			t.Errorf("目录 line for %q is %q, want page %d", h.Text, line, h.Page)
		}
		if p := squeeze(pages[front+h.Page-1]); !strings.Contains(p, squeeze(h.Text)) || !strings.Contains(p, "—"+strconv.Itoa(h.Page)+"—") {
			t.Errorf("%q is not on printed page %d", h.Text, h.Page)
		}
	}
}

func TestPDFDeterministic(t *testing.T) {
	a, err := os.ReadFile(buildPDF(t).PDF)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(buildPDF(t).PDF)
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same input give different PDFs")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	c, _ := os.ReadFile(buildPDF(t).PDF)
	if bytes.Equal(a, c) || !bytes.Contains(c, []byte("/CreationDate(D:20231114221320+00'00')")) {
		t.Error("SOURCE_DATE_EPOCH does not set the creation date")
	}
}

// A character the font lacks is reported by name and place, not printed silently as a blank.
func TestPDFMissingGlyph(t *testing.T) {
	dir := copySite(t)
	os.WriteFile(filepath.Join(dir, "content", "07-extra.md"), []byte("+++\ntitle = \"七、附注\"\norder = 7\n+++\n\n平均值记作 Xᵢ。\n"), 0o644)
	res, probs := Run(Options{Site: dir, Only: "pdf", SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	msg := res.Warnings.Error()
	if !strings.Contains(msg, "字体中没有字符「ᵢ」（U+1D62）") || !strings.Contains(msg, "content/07-extra.md 第6行") {
		t.Errorf("warnings = %s", msg)
	}
}

// The document's information names the report and the bureau.
func TestPDFInfo(t *testing.T) {
	res := buildPDF(t)
	out, err := exec.Command(poppler(t, "pdfinfo"), res.PDF).Output()
	if err != nil {
		t.Fatal(err)
	}
	info := string(out)
	for _, want := range []string{"Title:           示例县义务教育优质均衡发展自评报告", "Author:          示例县教育局", "CreationDate:    Wed Oct 15 00:00:00 2025 UTC", "(A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// The Hunan example builds, passes --strict, and its PDF carries the six dimensions, the B score
// table and the local targets (its 附表 are numbered after 附表6, the schools that rely on a relaxation).
func TestHunanExampleBuild(t *testing.T) {
	res, probs := Run(Options{Site: "../../examples/hunan", Out: filepath.Join(t.TempDir(), "out"), Strict: true, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	text := squeeze(pdftotext(t, res.PDF, "-layout"))
	for _, want := range []string{"附表10信息化建设", "附表9立德树人", "B类指标得分", "B类指标评估要点自评得分", "本地创建目标", "等次为良好",
		"10项B类指标自评总分89分", "合计10089达到（良好）"} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("the Hunan PDF lacks %q", want)
		}
	}
	// Nothing to 整改: the 附表 says so under its caption, without an empty grid, and there is no
	// per-school summary of zeros.
	plan := text[strings.Index(text, squeeze("整改清单")):]
	if !strings.Contains(plan, squeeze("无需整改")) || strings.Contains(plan, squeeze("序号学校（校区）")) || strings.Contains(text, squeeze("按学校汇总")) {
		t.Errorf("the Hunan 整改清单 without actions:\n%.300s", plan)
	}
	page, _ := os.ReadFile(filepath.Join(res.Out, "tables", "plan.html"))
	if !strings.Contains(string(page), "无需整改") || strings.Contains(string(page), "<table") {
		t.Error("the Hunan 整改清单 page shows an empty table")
	}
	index, _ := os.ReadFile(filepath.Join(res.Out, "index.html"))
	for _, want := range []string{"立德树人", "信息化建设", "B 类指标总分", "本地创建目标", "按本地目标"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("the Hunan overview lacks %q", want)
		}
	}
}

// lastRune is the last character of s, or "" when s is empty.
func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return ""
	}
	return string(r)
}

// 附表6 (the schools relying on a relaxation) prints as a list on portrait pages: at least 20
// rows on every page it fills, and a row for every reliance of evaluation.json, its school,
// indicator and deadline on one line.
func TestPDFRelaxationTable(t *testing.T) {
	res := buildPDF(t)
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	relied := s.Evaluate().Relaxations
	if len(relied) < 40 {
		t.Fatalf("only %d reliances in the example; the test needs several pages of them", len(relied))
	}
	pages := strings.Split(pdftotext(t, res.PDF, "-layout"), "\f")
	found := make([]bool, len(relied))
	var perPage []int
	in := false
	for _, p := range pages {
		if strings.Contains(squeeze(p), "附表6按放宽口径") {
			in = true
		}
		if !in {
			continue
		}
		rows := 0
		for _, line := range strings.Split(p, "\n") {
			l := squeeze(line)
			if strings.HasPrefix(l, "注：") {
				continue
			}
			for i, x := range relied {
				name, _, _ := strings.Cut(x.Name, "（") // a campus's bracket wraps onto a second line
				item := x.Item
				if x.Level != "" {
					item = standard.Level(x.Level).Chinese() + item
				}
				deadline := "未规定"
				if x.Deadline > 0 {
					deadline = strconv.Itoa(x.Deadline) + "年"
				}
				if !found[i] && strings.HasPrefix(l, name) && strings.Contains(l, item) && strings.HasSuffix(l, deadline) {
					found[i] = true
					rows++
					break
				}
			}
		}
		if rows == 0 && len(perPage) > 0 {
			break
		}
		perPage = append(perPage, rows)
	}
	for i, ok := range found {
		if !ok {
			t.Errorf("附表6 lacks %+v", relied[i])
		}
	}
	// The first page is shared with the table before and the last may be short; the others are full.
	for i := 1; i < len(perPage)-1; i++ {
		if perPage[i] < 20 {
			t.Errorf("附表6 holds %d rows on its page %d (%v); want at least 20", perPage[i], i+1, perPage)
		}
	}
	if len(perPage) < 3 {
		t.Errorf("附表6 rows per page %v: the example's table should span pages", perPage)
	}
}
