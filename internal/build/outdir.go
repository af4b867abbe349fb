package build

import (
	"os"
	"path/filepath"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/safefile"
)

// OutputDir is a new output folder written file by file beside the output it will replace,
// for commands whose output is too large to hold in memory (youjun rollup). It follows build's
// trust rules: the folder holds youjun's marker from the start, every name is checked to stay
// inside it, and Commit swaps it in place of the old output in one step; until then, and
// after Abort, the old output is untouched.
type OutputDir struct {
	out, tmp string
}

// CheckOutput tells whether youjun may replace (or create) the folder out, given the folders
// it reads from (sites, packages, folders of them): out may not be one of them or hold one,
// and an existing out must be youjun's (its marker) or empty. The error is in Chinese.
func CheckOutput(out string, inputs []string) diag.List {
	for _, in := range inputs {
		if st, err := os.Stat(in); err != nil || !st.IsDir() {
			in = filepath.Dir(in) // a zip: its folder must not be replaced either
		}
		// An input's own folder is said in the rollup's words (checkOut speaks of a site's).
		if inDir, err := safefile.RealPath(in); err == nil {
			if target, err := safefile.RealPath(out); err == nil && safefile.Within(inDir, target) {
				return outProblem(out, &refusal{out, "输出目录不能是输入目录本身或它的上级目录：生成时会替换整个输出目录，" +
					"其中的材料包和站点会被删除。请用 --out 指定一个新的目录"})
			}
		}
		if err := checkOut(in, out); err != nil {
			return outProblem(out, err)
		}
	}
	return nil
}

// NewOutputDir starts a new output folder beside out.
func NewOutputDir(out string) (*OutputDir, error) {
	tmp, err := newOutput(out, nil)
	if err != nil {
		return nil, err
	}
	return &OutputDir{out: filepath.Clean(out), tmp: tmp}, nil
}

// Path is the folder being written (for copying whole folders into it with Copy).
func (o *OutputDir) Path() string { return o.tmp }

// Write writes one file at name (slashes, relative to the output).
func (o *OutputDir) Write(name string, b []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// Local resolves name (slashes, relative to the output) to a path inside the folder being
// written, after checking it stays inside.
func (o *OutputDir) Local(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	return filepath.Join(o.tmp, filepath.FromSlash(name)), nil
}

// Commit puts the folder in place of the output.
func (o *OutputDir) Commit() error {
	err := os.Chmod(o.tmp, 0o755)
	if err == nil {
		_, err = swapIn(o.tmp, o.out, exchange)
	}
	if err != nil {
		os.RemoveAll(o.tmp)
	}
	return err
}

// Abort removes the folder; the old output stays.
func (o *OutputDir) Abort() { os.RemoveAll(o.tmp) }

// OutputProblem reports an output folder youjun refused or could not write, in Chinese.
func OutputProblem(out string, err error) diag.List { return outProblem(out, err) }
