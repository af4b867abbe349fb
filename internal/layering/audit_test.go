package layering

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// auditImports are the only packages of the module audit may import: like eval and plan it is
// pure, and reads what data loaded and eval computed.
var auditImports = []string{"data", "eval", "standard", "diag", "num"}

func TestAuditIsPure(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipped: no go command")
	}
	a, ok := packages(t)["audit"]
	if !ok {
		t.Fatal("audit not found")
	}
	for _, imp := range a.Imports {
		if name, ours := strings.CutPrefix(imp, module); ours && !slices.Contains(auditImports, name) {
			t.Errorf("audit imports %s: it may import only %s", name, strings.Join(auditImports, ", "))
		}
	}
	for _, dep := range a.Deps {
		if bad := strings.TrimPrefix(dep, module); slices.Contains(presentation, bad) || bad == "config" || bad == "site" {
			t.Errorf("audit depends on %s", bad)
		}
	}
	for _, imp := range a.Imports {
		if slices.Contains([]string{"os", "io", "io/fs", "path/filepath", "net/http"}, imp) {
			t.Errorf("audit imports %s: it does no I/O", imp)
		}
	}
}
