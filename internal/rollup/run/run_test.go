package run

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/synth/synthpack"
)

// repo is the repository root: the example site.
const repo = "../../.."

var noFonts = new(bool)

// fixture is a folder of packages: the root example (a folder), examples/hunan (a zip) and
// three generated counties (zips), made once for the tests of this package.
type fixture struct {
	dir   string            // the folder of packages
	sites map[string]string // county name → its site folder
	err   error
}

var (
	fixOnce sync.Once
	fix     fixture
)

func packages(t *testing.T) fixture {
	t.Helper()
	fixOnce.Do(func() {
		base, err := os.MkdirTemp("", "youjun-rollup-test-")
		if err != nil {
			fix.err = err
			return
		}
		fix = fixture{dir: filepath.Join(base, "packages"), sites: map[string]string{}}
		fix.err = func() error {
			fix.sites["示例县"], _ = filepath.Abs(repo)
			fix.sites["湘水县"], _ = filepath.Abs(filepath.Join(repo, "examples/hunan"))
			// The example's package holds its website, which the rollup links to.
			html := filepath.Join(base, "html")
			if _, probs := build.Run(build.Options{Site: repo, Out: html, Only: "html"}); probs.Err() != nil {
				return probs.Err()
			}
			if err := synthpack.WritePackageHTML(repo, filepath.Join(fix.dir, "a-示例县"), html); err != nil {
				return err
			}
			if err := synthpack.WritePackage(filepath.Join(repo, "examples/hunan"), filepath.Join(fix.dir, "b-湘水县.zip")); err != nil {
				return err
			}
			for _, c := range synthpack.Counties(3, 5, 40) {
				sd := filepath.Join(base, "sites", c.Code)
				if err := synthpack.WriteSite(repo, sd, c); err != nil {
					return err
				}
				fix.sites[c.Name] = sd
				if err := synthpack.WritePackage(sd, filepath.Join(fix.dir, "c-"+c.Code+".zip")); err != nil {
					return err
				}
			}
			return nil
		}()
	})
	if fix.err != nil {
		t.Fatal(fix.err)
	}
	return fix
}

// rollupOf runs a rollup of inputs into a new folder and returns rollup.json, parsed and raw.
func rollupOf(t *testing.T, opts Options) (*rollup.Rollup, []byte, string) {
	t.Helper()
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "out")
	}
	opts.SystemFonts = noFonts
	opts.Date = "2025-11-20"
	res, probs := Run(opts)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	src, err := os.ReadFile(filepath.Join(opts.Out, JSONName))
	if err != nil {
		t.Fatal(err)
	}
	return res.Rollup, src, opts.Out
}

// Each county's figures in rollup.json are its own evaluation's (eval --json's code path:
// site.Load, Evaluate, Result.JSON), field by field, and every package verifies.
func TestCountiesEqualTheirEvaluation(t *testing.T) {
	f := packages(t)
	_, src, _ := rollupOf(t, Options{Inputs: []string{f.dir}})
	var got struct {
		Counties []map[string]any `json:"counties"`
	}
	if err := json.Unmarshal(src, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Counties) != 5 {
		t.Fatalf("%d counties, want 5", len(got.Counties))
	}
	for _, c := range got.Counties {
		name := c["name"].(string)
		t.Run(name, func(t *testing.T) {
			want := evalJSON(t, f.sites[name])
			if v := c["verification"].(map[string]any); v["status"] != rollup.Verified {
				t.Errorf("verification %v", v)
			}
			if c["verdict"] != want["conclusion"] || c["eligibility"] != want["eligibility"] || c["profile"] != want["profile"] {
				t.Errorf("verdict %v/%v/%v, eval %v/%v/%v", c["verdict"], c["eligibility"], c["profile"], want["conclusion"], want["eligibility"], want["profile"])
			}
			res := want["resource"].(map[string]any)
			levels := c["levels"].([]any)
			if len(levels) != 2 {
				t.Fatalf("%d levels", len(levels))
			}
			for _, l := range levels {
				l := l.(map[string]any)
				wl := res[l["level"].(string)].(map[string]any)
				for _, k := range []string{"status", "units", "units_passing", "units_failing", "units_pending", "cv_limit", "composite_cv"} {
					if !same(l[k], wl[k]) {
						t.Errorf("%s %s = %v, eval %v", l["level"], k, l[k], wl[k])
					}
				}
				inds, winds := l["indicators"].([]any), wl["indicators"].([]any)
				if len(inds) != len(winds) || len(inds) == 0 {
					t.Fatalf("%s: %d indicators, eval %d", l["level"], len(inds), len(winds))
				}
				for i := range inds {
					ind, wind := inds[i].(map[string]any), winds[i].(map[string]any)
					for k, v := range ind {
						if !same(v, wind[k]) {
							t.Errorf("%s %s %s = %v, eval %v", l["level"], ind["id"], k, v, wind[k])
						}
					}
				}
			}
			items := map[string]map[string]any{}
			for _, it := range want["items"].([]any) {
				it := it.(map[string]any)
				items[it["id"].(string)] = it
			}
			for _, r := range c["readiness"].([]any) {
				r := r.(map[string]any)
				if it := items[r["id"].(string)]; it == nil || r["status"] != it["status"] || r["summary"] != it["summary"] {
					t.Errorf("readiness %v, eval %v", r, it)
				}
			}
			for _, fg := range c["figures"].([]any) {
				fg := fg.(map[string]any)
				found := false
				for _, ch := range items[fg["item"].(string)]["checks"].([]any) {
					ch := ch.(map[string]any)
					if ch["key"] == fg["key"] {
						found = same(ch["value"], fg["value"]) && ch["status"] == fg["status"]
					}
				}
				if !found {
					t.Errorf("figure %v differs from eval", fg)
				}
			}
			if len(c["readiness"].([]any)) == 0 || len(c["figures"].([]any)) == 0 {
				t.Error("no readiness or figures")
			}
		})
	}
}

// evalJSON evaluates the site at dir as `youjun eval --json` does.
func evalJSON(t *testing.T, dir string) map[string]any {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	b, err := s.Evaluate().JSON()
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func same(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// A package whose evaluation.json was edited after packing is flagged with the figure that
// differs and the file the manifest no longer matches; a truncated zip is listed with the
// reason; neither is dropped, and neither is on the 公示 list.
func TestTamperedAndBrokenPackages(t *testing.T) {
	f := packages(t)
	dir := t.TempDir()
	tampered := filepath.Join(dir, "tampered")
	if err := os.CopyFS(tampered, os.DirFS(filepath.Join(f.dir, "a-示例县"))); err != nil {
		t.Fatal(err)
	}
	ej := filepath.Join(tampered, "evaluation.json")
	src, _ := os.ReadFile(ej)
	var m map[string]any
	json.Unmarshal(src, &m)
	cv := m["resource"].(map[string]any)["primary"].(map[string]any)["indicators"].([]any)[0].(map[string]any)["cv"].(float64)
	old := []byte(`"cv": ` + jsonNumber(cv))
	if !bytes.Contains(src, old) {
		t.Fatalf("%s not in evaluation.json", old)
	}
	os.WriteFile(ej, bytes.Replace(src, old, []byte(`"cv": 0.123`), 1), 0o644)

	mf := filepath.Join(tampered, "manifest.json")
	msrc, _ := os.ReadFile(mf)
	os.WriteFile(mf, bytes.Replace(msrc, []byte(`"county": "示例县"`), []byte(`"county": "别的县"`), 1), 0o644)
	idx := filepath.Join(tampered, "html", "index.html")
	page, _ := os.ReadFile(idx)
	os.WriteFile(idx, append(page, "<script>alert(1)</script>"...), 0o644)

	zipSrc, _ := os.ReadFile(filepath.Join(f.dir, "b-湘水县.zip"))
	broken := filepath.Join(dir, "broken.zip")
	os.WriteFile(broken, zipSrc[:len(zipSrc)/2], 0o644)

	r, _, out := rollupOf(t, Options{Inputs: []string{tampered, broken}})
	if len(r.Counties) != 2 {
		t.Fatalf("%d counties", len(r.Counties))
	}
	var tc, bc *rollup.County
	for i := range r.Counties {
		if r.Counties[i].Kind == KindPackage && strings.HasSuffix(r.Counties[i].Input, ".zip") {
			bc = &r.Counties[i]
		} else {
			tc = &r.Counties[i]
		}
	}
	if tc.Verification.Status != rollup.Mismatch || tc.Published() || tc.Site != "" {
		t.Errorf("tampered: %+v", tc.Verification)
	}
	var msgs []string
	for _, f := range tc.Verification.Findings {
		msgs = append(msgs, f.Kind+" "+f.Path+" "+f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"figure evaluation.json 小学 R1 差异系数（resource.primary.indicators[R1].cv）：材料包中为 0.123，重新评估为 " + jsonNumber(cv),
		"digest evaluation.json evaluation.json 中的 result_sha256",
		"manifest evaluation.json 打包后被修改过（SHA-256 与清单不符）",
		"manifest html/index.html 打包后被修改过",
		"package html 本县网站（html/）与清单不符，未复制到汇总中",
		"manifest manifest.json 清单中的县名「别的县」与材料包中的数据（示例县）不符",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("findings lack %q:\n%s", want, all)
		}
	}
	if bc.Verdict != rollup.Failed || !strings.Contains(bc.Error, "无法打开材料包") || !strings.Contains(bc.Error, "压缩包") || bc.Name != "broken.zip" {
		t.Errorf("broken: verdict %s, error %q, name %q", bc.Verdict, bc.Error, bc.Name)
	}
	if r.Summary.Failed != 1 || r.Summary.Mismatched != 1 || len(r.Published()) != 0 {
		t.Errorf("summary %+v", r.Summary)
	}
	// Both are listed with the reason in the PDF and on the overview page.
	overview, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(overview), "无法打开材料包") {
		t.Error("the overview does not give the broken package's reason")
	}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		b, _ := exec.Command(p, filepath.Join(out, PDFName), "-").Output()
		text := strings.Join(strings.Fields(string(b)), "")
		for _, want := range []string{"附：无法评估或材料包与重新评估不一致的县", "无法评估：无法打开材料包", "材料包与重新评估不一致"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}
	}
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A second rollup with --previous lists the county whose verdict moved and the CVs that rose,
// and the same inputs give the same bytes.
func TestChangesSincePrevious(t *testing.T) {
	f := packages(t)
	c := synthpack.Counties(3, 5, 40)[0]
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	c.Grade = synthpack.Good
	if err := synthpack.WriteSite(repo, site, c); err != nil {
		t.Fatal(err)
	}
	first, src1, out1 := rollupOf(t, Options{Inputs: []string{site, filepath.Join(f.dir, "a-示例县")}})
	_, again, _ := rollupOf(t, Options{Inputs: []string{site, filepath.Join(f.dir, "a-示例县")}})
	if !bytes.Equal(src1, again) {
		t.Error("rollup.json differs between two runs of the same inputs")
	}
	if first.Changes != nil {
		t.Error("changes without --previous")
	}
	// The county's data get worse: the random campuses of synth.CSV.
	c.Grade = synthpack.Plain
	os.RemoveAll(site)
	if err := synthpack.WriteSite(repo, site, c); err != nil {
		t.Fatal(err)
	}
	second, _, _ := rollupOf(t, Options{Inputs: []string{site, filepath.Join(f.dir, "a-示例县")}, Previous: out1})
	ch := second.Changes
	if ch == nil || len(ch.Moved) != 1 || ch.Moved[0].Code != c.Code || ch.Moved[0].From != rollup.Met || ch.Moved[0].To != rollup.NotMet {
		t.Fatalf("moved: %+v", ch)
	}
	if len(ch.Rose) == 0 || len(ch.Added)+len(ch.Removed) != 0 {
		t.Errorf("rose %d, added %v, removed %v", len(ch.Rose), ch.Added, ch.Removed)
	}
	for _, r := range ch.Rose {
		if r.Code != c.Code || !(r.To > r.From) {
			t.Errorf("rise %+v", r)
		}
	}
}

// Discover finds packages and sites one level down, in name order, and reports what is none.
func TestDiscover(t *testing.T) {
	f := packages(t)
	in, probs := Discover([]string{f.dir, filepath.Join(repo, "examples/hunan"), filepath.Join(repo, "internal")})
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "目录中没有县的申报材料包") {
		t.Errorf("problems %v", probs)
	}
	var names []string
	for _, i := range in {
		names = append(names, filepath.Base(i.Path)+":"+i.Kind)
	}
	want := "a-示例县:package b-湘水县.zip:package c-110101.zip:package c-110102.zip:package c-110103.zip:package hunan:site"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("found %s\nwant  %s", got, want)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fix.dir != "" {
		os.RemoveAll(filepath.Dir(fix.dir))
	}
	os.Exit(code)
}

var update = flag.Bool("update", false, "rewrite the golden rollup.json of the examples")

// The rollup.json of the two example sites is the contract README documents: a change of it
// shows here (go test ./internal/rollup/run -update, then read the diff).
func TestGoldenExamples(t *testing.T) {
	_, src, _ := rollupOf(t, Options{Inputs: []string{repo, filepath.Join(repo, "examples/hunan")}})
	golden := filepath.Join("testdata", "examples.rollup.json")
	if *update {
		if err := os.WriteFile(golden, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, want) {
		t.Errorf("rollup.json of the examples differs from %s (run with -update and check the diff)", golden)
	}
}

// Without --date the rollup is dated by the latest report among the counties (or
// SOURCE_DATE_EPOCH), never by the clock: the same inputs give the same bytes on any day.
func TestLatestDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	cs := []rollup.County{{Date: "2025-09-30"}, {Date: "2025-10-15"}, {Date: "not a date"}, {}}
	if got := latestDate(cs); got != "2025-10-15" {
		t.Errorf("latestDate = %s", got)
	}
	if got := latestDate(nil); got != "2017-01-01" {
		t.Errorf("latestDate(nil) = %s", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	if got := latestDate(cs); got != "2026-01-01" {
		t.Errorf("with SOURCE_DATE_EPOCH: %s", got)
	}
}
