package layering

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/youjun-edu/youjun/internal/"

// renderers lay out the report; each is a sibling over one document. flow, which turns a chapter
// into the blocks that the PDF and the Word document set, is on their side and reads as they do.
var renderers = []string{"html", "pdf", "docx", "sheet", "summary", "rollup/rollhtml", "rollup/rollpdf", "rollup/rollsheet", "flow"}

// model is what only report (and build, which makes the report) may read.
var model = []string{"data", "eval", "standard", "config", "plan"}

// planImports are the only packages of the module plan may import: like eval it is pure, and it
// computes from the evaluation and its inputs alone.
var planImports = []string{"data", "eval", "standard"}

// claimsImports are the only packages of the module claims may import, and noIO the standard
// packages it must not: it checks the chapters against the evaluation and does no I/O, so that
// check, build and verify run it on whatever they have read.
var (
	claimsImports = []string{"eval", "report", "standard", "data", "content"}
	noIO          = []string{"os", "os/exec", "io/fs", "io/ioutil", "net", "net/http", "path/filepath", "syscall"}
)

// presentation is everything that shows the evaluation; eval must not depend on any of it.
var presentation = []string{"report", "chart", "resolve", "flow", "html", "pdf", "docx", "sheet", "summary", "build", "serve",
	"rollup", "rollup/run", "rollup/rollhtml", "rollup/rollpdf", "rollup/rollsheet"}

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func packages(t *testing.T) map[string]pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	m := map[string]pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		m[strings.TrimPrefix(p.ImportPath, module)] = p
		// go test caches a result by the files the test reads: reading the sources makes a
		// change of any import run the test again.
		for _, f := range p.GoFiles {
			os.ReadFile(filepath.Join(p.Dir, f))
		}
	}
	return m
}

// The renderers read only report (with chart, content and resolve for figures and chapters);
// eval depends on no part of the presentation.
func TestLayering(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipped: no go command")
	}
	pkgs := packages(t)
	for _, name := range renderers {
		p, ok := pkgs[name]
		if !ok {
			t.Errorf("renderer %s not found", name)
			continue
		}
		for _, imp := range p.Imports {
			if bad := strings.TrimPrefix(imp, module); slices.Contains(model, bad) {
				t.Errorf("renderer %s imports %s: it must read the report instead", name, bad)
			}
		}
	}
	e, ok := pkgs["eval"]
	if !ok {
		t.Fatal("eval not found")
	}
	for _, dep := range e.Deps {
		if bad := strings.TrimPrefix(dep, module); slices.Contains(presentation, bad) {
			t.Errorf("eval depends on %s, a part of the presentation", bad)
		}
	}
	// The rollup's model is the presentation model of its renderers: like report, it reads no
	// part of the evaluation (assess fills it in).
	for _, imp := range pkgs["rollup"].Imports {
		if bad := strings.TrimPrefix(imp, module); slices.Contains(model, bad) {
			t.Errorf("rollup imports %s: its model must not depend on the evaluation", bad)
		}
	}
	pl, ok := pkgs["plan"]
	if !ok {
		t.Fatal("plan not found")
	}
	for _, imp := range pl.Imports {
		if name, ours := strings.CutPrefix(imp, module); ours && !slices.Contains(planImports, name) {
			t.Errorf("plan imports %s: it may import only %s", name, strings.Join(planImports, ", "))
		}
	}
	cl, ok := pkgs["claims"]
	if !ok {
		t.Fatal("claims not found")
	}
	for _, imp := range cl.Imports {
		if name, ours := strings.CutPrefix(imp, module); ours && !slices.Contains(claimsImports, name) {
			t.Errorf("claims imports %s: it may import only %s", name, strings.Join(claimsImports, ", "))
		}
		if slices.Contains(noIO, imp) {
			t.Errorf("claims imports %s: it does no I/O", imp)
		}
	}
	for _, dep := range pl.Deps {
		if bad := strings.TrimPrefix(dep, module); slices.Contains(presentation, bad) || bad == "config" {
			t.Errorf("plan depends on %s", bad)
		}
	}
}
