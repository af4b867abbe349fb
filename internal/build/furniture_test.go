package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
)

// A PDF built while the report is unfinished says so on every page; a final one never does
// (issue 11: a non-strict build with 待补充 items looked final).
func TestPDFDraftMark(t *testing.T) {
	tests := []struct {
		name   string
		site   string // appended to site.toml
		extra  string // a chapter added to content/
		strict bool
		mark   string // "" for none
	}{
		{name: "final", mark: ""},
		{name: "strict", strict: true, mark: ""},
		{name: "placeholder", extra: "测试县位于……，辖12个乡镇。\n", mark: "征求意见稿"},
		{name: "own wording", site: "\n[pdf]\ndraft_mark = \"草稿\"\n", extra: "正文……\n", mark: "草稿"},
		// Only the PDF itself finds this (a character no font has): it is typeset again, marked.
		{name: "found by the PDF", extra: "平均值记作 Xᵢ。\n", mark: "征求意见稿"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t)
			if tt.site != "" {
				appendFile(t, filepath.Join(dir, "site.toml"), tt.site)
			}
			if tt.extra != "" {
				os.WriteFile(filepath.Join(dir, "content", "07-extra.md"), []byte("+++\ntitle = \"七、附注\"\norder = 7\n+++\n\n"+tt.extra), 0o644)
			}
			res, probs := Run(Options{Site: dir, Only: "pdf", Strict: tt.strict, SystemFonts: noSystemFonts})
			if probs.Err() != nil {
				t.Fatal(probs)
			}
			pages := strings.Split(pdftotext(t, res.PDF, "-layout"), "\f")
			pages = pages[:len(pages)-1] // after the last form feed
			for i, p := range pages {
				switch {
				case tt.mark != "" && !strings.Contains(p, tt.mark):
					t.Errorf("page %d lacks the mark %q", i+1, tt.mark)
				case tt.mark == "" && (strings.Contains(p, "征求意见稿") || strings.Contains(p, "草稿")):
					t.Errorf("page %d of a final report is marked", i+1)
				}
			}
			if (tt.mark != "") != (len(res.Warnings) > 0) {
				t.Errorf("mark %q with %d warnings", tt.mark, len(res.Warnings))
			}
		})
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(text)
}

// word is a word of pdftotext -bbox-layout with its box.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

var wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// bboxWords reads every word of a PDF with its page and box.
func bboxWords(t *testing.T, path string) []word {
	var ws []word
	for i, p := range strings.Split(pdftotext(t, path, "-bbox-layout"), "<page ") {
		for _, m := range wordRe.FindAllStringSubmatch(p, -1) {
			w := word{page: i, text: m[5]}
			for j, f := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
				*f, _ = strconv.ParseFloat(m[j+1], 64)
			}
			ws = append(ws, w)
		}
	}
	return ws
}

// The body ends with the 落款 after GB/T 9704 §7.3.5.2: the bureau two characters in from the right
// edge, the date below it starting two characters further right, nothing to their right.
func TestPDFSignature(t *testing.T) {
	res := buildPDF(t)
	ws := bboxWords(t, res.PDF)
	find := func(text string) word {
		for _, w := range ws {
			if w.text == text {
				return w
			}
		}
		t.Fatalf("no word %q in the PDF", text)
		return word{}
	}
	bureau, date := find("示例县教育局"), find("2025年10月15日")
	// The cover has both too; the 落款 is the one on a numbered page, after the conclusion.
	var sig []word
	for _, w := range ws {
		if (w.text == bureau.text || w.text == date.text) && w.page > 1 {
			sig = append(sig, w)
		}
	}
	if len(sig) != 2 {
		t.Fatalf("落款 words %v", sig)
	}
	bureau, date = sig[0], sig[1]
	char := 156.0 / 28 * 72 / 25.4 // one character of the document grid, in points
	if d := date.xMin - bureau.xMin; d < 1.9*char || d > 2.1*char {
		t.Errorf("the date starts %.1f pt right of the bureau, want two characters (%.1f pt)", d, 2*char)
	}
	if bureau.page != date.page || date.yMin <= bureau.yMax {
		t.Errorf("bureau %+v, date %+v: the date goes on the next line of the same page", bureau, date)
	}
	right := 0.0 // the right edge of the text on the page
	for _, w := range ws {
		if w.page == bureau.page && !strings.Contains(w.text, "—") {
			right = max(right, w.xMax)
		}
		for _, s := range sig {
			if w.page == s.page && w != s && w.yMax > s.yMin && w.yMin < s.yMax && w.xMin >= s.xMin {
				t.Errorf("%q stands right of the 落款 %q", w.text, s.text)
			}
		}
	}
	if bureau.xMax > right-1.9*char || date.xMax > right-1.9*char {
		t.Errorf("the 落款 is not two characters in from the right edge: bureau ends at %.1f, text at %.1f", bureau.xMax, right)
	}
	// It follows the last chapter and precedes the appendix.
	text := squeeze(pageNumberRe.ReplaceAllString(pdftotext(t, res.PDF), ""))
	end := strings.Index(text, squeeze("力争2026年通过国家义务教育优质均衡发展督导评估认定。"))
	sigAt := strings.LastIndex(text, "示例县教育局2025年10月15日")
	// The appendix may begin on a landscape page, whose turned text pdftotext reads in another
	// order: it is enough that 附表 comes after the 落款 and nothing of it before.
	if end < 0 || sigAt < end || !strings.Contains(text[sigAt:], "附表") || strings.Contains(text[end:sigAt], "附表") {
		t.Errorf("the 落款 is not between the conclusion and the appendix (%d, %d)", end, sigAt)
	}
}

// A right-aligned paragraph ends at the right edge of the text in the PDF and is class="right"
// in the page; a misplaced right shortcode is an error that names its line.
func TestRightAligned(t *testing.T) {
	dir := copySite(t)
	os.WriteFile(filepath.Join(dir, "content", "07-extra.md"), []byte("+++\ntitle = \"七、附注\"\norder = 7\nslug = \"extra\"\n+++\n\n"+
		"这是一段足够长的正文，用来确定版心右边缘的位置，它会排满整整一行甚至更多行。\n\n{{< right >}}\n右对齐甲\n右对齐乙乙乙\n{{< /right >}}\n"), 0o644)
	res, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	page, _ := os.ReadFile(filepath.Join(res.Out, "extra", "index.html"))
	if !strings.Contains(string(page), `<p class="right">右对齐甲<br>`) {
		t.Errorf("the page lacks the right-aligned paragraph:\n%s", page)
	}
	ws := bboxWords(t, res.PDF)
	var a, b word
	right := 0.0
	for _, w := range ws {
		switch w.text {
		case "右对齐甲":
			a = w
		case "右对齐乙乙乙":
			b = w
		}
	}
	for _, w := range ws {
		if w.page == a.page && !strings.Contains(w.text, "—") {
			right = max(right, w.xMax)
		}
	}
	if a.text == "" || b.text == "" || a.yMax > b.yMin || right-a.xMax > 1 || right-b.xMax > 1 {
		t.Errorf("right-aligned lines %+v and %+v, right edge %.1f", a, b, right)
	}

	os.WriteFile(filepath.Join(dir, "content", "07-extra.md"), []byte("+++\ntitle = \"七、附注\"\norder = 7\n+++\n\n正文{{< right >}}甲\n"), 0o644)
	if _, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts}); !strings.Contains(probs.Error(), "content/07-extra.md 第6行") ||
		!strings.Contains(probs.Error(), "须写在段落开头") {
		t.Errorf("a misplaced right: %v", probs)
	}
}

// Every unit of a distribution chart is named in the PDF's drawing of it, split over figures of
// at most 40 rows for a large county, with the legend and both lines labelled with their values
// (issue 11: names overprinted each other or vanished).
func TestPDFDistributionNamesEveryUnit(t *testing.T) {
	dir := scaleSite(t, 150)
	os.WriteFile(filepath.Join(dir, "content", "07-figures.md"), []byte("+++\ntitle = \"七、附图\"\norder = 7\n+++\n\n{{< chart \"dist-primary-R5\" >}}\n"), 0o644)
	res, probs := Run(Options{Site: dir, Only: "pdf", SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	text := squeeze(pdftotext(t, res.PDF))
	start := strings.LastIndex(text, "七、附图")
	end := strings.LastIndex(text, "附表1")
	if start < 0 || end < start {
		t.Fatalf("no chapter 七、附图 before the appendix")
	}
	figures := text[start:end]
	s, sp := site.Load(dir, "")
	if sp.Err() != nil {
		t.Fatal(sp)
	}
	ev := s.Evaluate()
	units := 0
	for _, u := range ev.Units {
		if v, ok := u.Values.Get("R5"); ok && v.Valid && u.Level == "primary" {
			units++
			if !strings.Contains(figures, squeeze(u.Name)) {
				t.Errorf("the chart does not name %s", u.Name)
			}
		}
	}
	ind := ev.Resource.Primary.Indicators[4]
	parts := (units + 39) / 40
	for _, want := range []string{"达到标准", "未达标准", "低于标准的85%", "标准" + report.Number(ind.Threshold), "85%" + report.Number(ind.Floor),
		"小学R5生均体育运动场馆面积（1/" + strconv.Itoa(parts) + "）", "小学R5生均体育运动场馆面积（" + strconv.Itoa(parts) + "/" + strconv.Itoa(parts) + "）"} {
		if !strings.Contains(figures, want) {
			t.Errorf("the figures lack %q", want)
		}
	}
	if units < 60 || parts < 2 {
		t.Errorf("%d units in %d parts: the test wants a level of at least 60 units", units, parts)
	}
}
