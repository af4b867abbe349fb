package build

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/html"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/sheet"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/summary"
)

// nonFinite matches what Go prints for a number that is not finite.
var nonFinite = regexp.MustCompile(`\bNaN\b|[+-]?\bInf(inity)?\b`)

// Finite but absurd figures (1e300 m², two schools of 1e308 m² whose sum overflows, one
// student with 1e300 m²) must give 无法计算 with a reason wherever a number is shown, never NaN or
// Inf, a valid evaluation.json, and no 达到 for what depends on them. The table is changed in
// memory: the loader's plausibility ranges would refuse such a file, and the evaluation must hold
// without them.
func TestAbsurdFiguresStayFinite(t *testing.T) {
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	schools := s.County.Table.Schools
	absurd := map[string]func(*data.School){
		"3612340001": func(sc *data.School) { sc.TeachingArea = data.Num(1e300) },
		"3612340002": func(sc *data.School) { sc.SportsArea = data.Num(1e308) },
		"3612340003": func(sc *data.School) { sc.SportsArea = data.Num(1e308) },
		"3612340004": func(sc *data.School) {
			// One student: 1e300 m² each, and 1e308 teachers per student, ×100 per hundred students.
			sc.PrimaryStudents, sc.TeachingArea, sc.PrimaryQualifiedTeachers = data.Num(1), data.Num(1e300), data.Num(1e308)
			sc.Teachers, sc.CertifiedTeachers = data.Num(1e308), data.Num(1e308)
		},
	}
	for i := range schools {
		if f, ok := absurd[schools[i].Code]; ok {
			f(&schools[i])
			delete(absurd, schools[i].Code)
		}
	}
	if len(absurd) > 0 {
		t.Fatalf("the example has no school %v", absurd)
	}

	res := s.Evaluate()
	rep := newReport(s, res)
	in := html.Input{SiteDir: "../..", Report: rep, Charts: chart.All(rep)}
	js, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	docs, cp := content.LoadDir("../../content", "content")
	in.Docs = docs
	resolved, rp := resolve.Docs(docs, rep, in.Charts)
	if err := append(cp, rp...).Err(); err != nil {
		t.Fatal(err)
	}
	in.Resolved = resolved
	files, _, err := html.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := sheet.Files(rep.Tables(), s.Config.Date)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(files, sheets)
	files["data/evaluation.json"] = js
	out, err := makePDF(&Prepared{Site: s, Input: in}, Options{Site: "../..", SystemFonts: noSystemFonts})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.PDF) == 0 {
		t.Error("no PDF")
	}
	var term bytes.Buffer
	if err := summary.Write(&term, rep, "示例县"); err != nil {
		t.Fatal(err)
	}
	files["(terminal)"] = term.Bytes()

	// The PDF's text is compressed; it is drawn from the report's values, tables and lists.
	var text strings.Builder
	for _, k := range rep.ValueKeys() {
		v, _ := rep.Value(k)
		text.WriteString(k + "=" + v + "\n")
	}
	for _, tb := range rep.Tables() {
		for _, row := range tb.Rows {
			for _, c := range row {
				text.WriteString(c.Text + "\n")
			}
		}
	}
	for _, name := range append(report.ListNames, "G3", "G4", "G12") {
		items, _ := rep.List(name)
		for _, it := range items {
			text.WriteString(it.Text + "\n")
		}
	}
	files["(report)"] = []byte(text.String())

	for name, b := range files {
		if strings.HasPrefix(name, "assets/") {
			continue // ECharts itself speaks of NaN and Infinity
		}
		if strings.HasSuffix(name, ".xlsx") {
			b = xlsxText(t, b)
		}
		if m := nonFinite.Find(b); m != nil {
			i := bytes.Index(b, m)
			t.Errorf("%s: %q in …%s…", name, m, b[max(0, i-80):min(len(b), i+40)])
		}
	}

	if len(js) == 0 || !json.Valid(js) {
		t.Fatalf("evaluation.json: %d bytes, valid %v", len(js), json.Valid(js))
	}
	var doc struct {
		Resource map[string]struct {
			Indicators []struct {
				ID          string
				Value       *float64
				Total       *float64
				CVStatus    string `json:"cv_status"`
				ValueReason string `json:"value_reason"`
			}
		}
		Units []struct {
			Code   string
			Level  string
			Values map[string]*float64
			Status string
			Reason string
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if res.Conclusion == eval.Met {
		t.Error("conclusion 达到")
	}
	for _, ind := range doc.Resource["primary"].Indicators {
		switch ind.ID {
		case "R4", "R5", "R6", "R1":
			if ind.CVStatus == string(eval.Met) {
				t.Errorf("primary %s: CV %s", ind.ID, ind.CVStatus)
			}
		}
		if ind.ID == "R5" && (ind.Total != nil || ind.ValueReason == "") {
			t.Errorf("primary R5: total %v, reason %q; want null and a reason", ind.Total, ind.ValueReason)
		}
	}
	for _, u := range doc.Units {
		if u.Code == "3612340004" {
			if u.Values["R1"] != nil || u.Status == string(eval.Met) || !strings.Contains(u.Reason, "数值溢出") {
				t.Errorf("unit %s: R1 %v, status %s, reason %q", u.Code, u.Values["R1"], u.Status, u.Reason)
			}
		}
	}
	page := string(files["schools/3612340004.html"])
	if !strings.Contains(page, eval.NotComputable) {
		t.Error("the school's page does not say 无法计算")
	}
}

// xlsxText returns the XML of every part of a workbook, where its text and numbers are.
func xlsxText(t *testing.T, b []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, f := range z.File {
		if filepath.Ext(f.Name) != ".xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&out, r)
		r.Close()
	}
	return out.Bytes()
}
