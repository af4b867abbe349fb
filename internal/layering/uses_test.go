package layering

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// reportModel are the members of report.Report that hand out the model the report is built from:
// the evaluation (for build and the figure models), the profile and the school table.
var reportModel = []string{"Result", "Profile", "Schools", "Survey"}

// The import check cannot see a renderer that reaches the model through the report: r.Result()
// needs no import of eval, and neither does a field of an eval type reached through it. This
// test type-checks each renderer and fails on any use of something declared in a model package
// (a field, a method, a function, a constant), and on any use of the report's members that hand
// out the model. Types the report names by alias (report.Status) are the report's vocabulary and
// stay allowed; their methods declared in a model package do not.
func TestRenderersReadOnlyTheReport(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipped: no go command")
	}
	exports := exportData(t, renderers)
	for _, name := range renderers {
		for _, bad := range modelUses(t, exports, module+name) {
			t.Errorf("renderer %s %s: it must read the report's views instead", name, bad)
		}
	}
}

// The check catches a renderer that reads the model through the report (testdata/renderer), and
// only those lines: the report's own views pass.
func TestModelUsesCaught(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipped: no go command")
	}
	const fixture = "layering/testdata/renderer"
	got := modelUses(t, exportData(t, []string{fixture}), module+fixture)
	want := []string{"report.Report.Result", "report.Report.Schools", "eval.Conclusion", "standard.Chinese"}
	if len(got) != len(want) {
		t.Fatalf("got %d uses, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(got[i], " "+w+" ") {
			t.Errorf("use %d = %q, want %s", i, got[i], w)
		}
	}
}

type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Export     string
}

// exportData compiles the renderers and their dependencies and returns the packages by path.
func exportData(t *testing.T, names []string) map[string]listed {
	t.Helper()
	args := []string{"list", "-export", "-deps", "-json"}
	for _, n := range names {
		args = append(args, module+n)
	}
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	m := map[string]listed{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		m[p.ImportPath] = p
	}
	return m
}

// modelUses type-checks the package at path from its sources against its dependencies' export
// data and describes each use of the model, sorted.
func modelUses(t *testing.T, pkgs map[string]listed, path string) []string {
	t.Helper()
	p, ok := pkgs[path]
	if !ok {
		t.Fatalf("%s not found", path)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, f := range p.GoFiles {
		file, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if q, ok := pkgs[path]; ok && q.Export != "" {
			return os.Open(q.Export)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	})
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check(path, fset, files, info); err != nil {
		t.Fatalf("type-checking %s: %v", path, err)
	}
	seen := map[string]bool{}
	for id, obj := range info.Uses {
		if _, ok := obj.(*types.TypeName); ok || obj.Pkg() == nil {
			continue // a type by its name is vocabulary; a type's use as such shows as an import
		}
		if m := strings.TrimPrefix(obj.Pkg().Path(), module); slices.Contains(model, m) {
			seen[fmt.Sprintf("uses %s.%s (%s)", m, obj.Name(), fset.Position(id.Pos()))] = true
		}
	}
	for sel, s := range info.Selections {
		recv := s.Recv()
		if ptr, ok := recv.(*types.Pointer); ok {
			recv = ptr.Elem()
		}
		named, ok := types.Unalias(recv).(*types.Named)
		if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != module+"report" || named.Obj().Name() != "Report" {
			continue
		}
		if slices.Contains(reportModel, s.Obj().Name()) {
			seen[fmt.Sprintf("reads report.Report.%s (%s)", s.Obj().Name(), fset.Position(sel.Sel.Pos()))] = true
		}
	}
	var out []string
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
