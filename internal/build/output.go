package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/youjun-edu/youjun/internal/safefile"
)

// markerName is the file youjun leaves in every output folder it makes. youjun replaces only a
// folder that holds it: an --out that points at the user's own files must never delete them.
const markerName = ".youjun-output"

const markerText = "此目录由 youjun 生成，重新生成时会被整个替换。请勿在此目录中存放其他文件，也不要编辑或删除本文件。\n" +
	"This folder was made by youjun and is replaced by every build. Do not edit or delete this file.\n"

// refusal is an output folder that youjun will not write; its text is the Chinese message.
type refusal struct {
	path string // as the user gave it
	msg  string
}

func (r *refusal) Error() string { return r.msg }

// checkOut tells whether youjun may replace (or create) the output folder out of the site in dir.
// It runs before anything is rendered, so that a wrong --out is answered at once, and again
// just before writing.
func checkOut(dir, out string) error {
	site, err := safefile.RealPath(dir)
	if err != nil {
		return err
	}
	target, err := safefile.RealPath(out)
	if err != nil {
		return err
	}
	if safefile.Within(site, target) {
		return &refusal{out, "输出目录不能是站点目录本身或它的上级目录：生成时会替换整个输出目录，站点的数据和正文会被删除。" +
			"请不加 --out（默认为站点下的 output/），或用 --out 指定一个新的目录"}
	}
	for _, sub := range []string{"data", "content", "templates", "theme"} {
		if sub == "theme" && !exists(filepath.Join(site, sub)) {
			continue
		}
		if safefile.Within(target, filepath.Join(site, sub)) {
			return &refusal{out, fmt.Sprintf("输出目录不能放在站点的 %s/ 中：生成时会替换整个输出目录，其中的文件会被删除。请另选一个目录", sub)}
		}
	}
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&fs.ModeSymlink != 0:
		return &refusal{out, "这是一个符号链接（快捷方式），youjun 不替换它。请用 --out 指向一个实际的目录"}
	case !st.IsDir():
		return &refusal{out, "已有同名的文件，youjun 不会覆盖它。请移走该文件，或用 --out 另选一个目录"}
	}
	if madeByYoujun(out) {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	def, err := safefile.RealPath(filepath.Join(dir, "output"))
	if err != nil {
		return err
	}
	if target == def && looksLikeOldOutput(out) {
		odd := oddEntry(out, entries)
		if odd == "" {
			return nil // made by a youjun from before the marker
		}
		return &refusal{out, fmt.Sprintf("这个目录中有 youjun 不会生成的「%s」，youjun 不会删除它。"+
			"请把您自己的文件移到别处，或自行删除这个目录后再生成", odd)}
	}
	return &refusal{out, "这个目录不是 youjun 生成的（其中没有 " + markerName + " 标记文件），里面已有其他文件，youjun 不会删除它们。" +
		"请把其中的文件移到别处或自行删除这个目录，或用 --out 另选一个新的或空的目录"}
}

// madeByYoujun reports whether dir holds youjun's marker as a regular file.
func madeByYoujun(dir string) bool {
	st, err := os.Lstat(filepath.Join(dir, markerName))
	return err == nil && st.Mode().IsRegular()
}

// looksLikeOldOutput reports whether a folder without the marker holds what every output of
// youjun before the marker held.
func looksLikeOldOutput(dir string) bool {
	for _, need := range []string{"index.html", "assets", "data/evaluation.json"} {
		if !exists(filepath.Join(dir, need)) {
			return false
		}
	}
	return true
}

// oddEntry returns an entry of an old output folder that youjun would not have written (empty
// when there is none), so that a folder a user has put files into is never taken for one.
func oddEntry(dir string, entries []fs.DirEntry) string {
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.Type().IsRegular() && (name == "index.html" || strings.HasSuffix(name, ".pdf") || strings.HasPrefix(name, ".pdf-")):
		case e.IsDir() && (name == "assets" || name == "data" || name == "schools" || name == "indicators" || name == "tables"):
		case e.IsDir() && onlyIndexPages(filepath.Join(dir, name)): // a chapter
		default:
			return name
		}
	}
	return ""
}

// onlyIndexPages reports whether every file under dir is an index.html, as in a chapter's folder.
func onlyIndexPages(dir string) bool {
	ok := true
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() && (!d.Type().IsRegular() || d.Name() != "index.html") {
			ok = false
			return filepath.SkipAll
		}
		return nil
	})
	return ok
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// checkName is the last line of defence against a generated file that would land outside the
// output folder: the config and content loaders validate names at their source, this catches
// whatever slips through. name is a slash-separated path relative to the output folder.
func checkName(name string) error {
	bad := name == "" || strings.ContainsAny(name, `\:`) || strings.IndexFunc(name, unicode.IsControl) >= 0 ||
		path.IsAbs(name) || filepath.IsAbs(name) || !filepath.IsLocal(filepath.FromSlash(name)) ||
		slices.Contains(strings.Split(path.Clean(name), "/"), "..") || path.Clean(name) == "." || name == markerName
	if bad {
		return &refusal{name, fmt.Sprintf("youjun 内部错误：生成的文件名 %q 不安全（是绝对路径、含有 .. 或不允许的字符，会写到输出目录之外），"+
			"已停止，输出目录未改动。请把此信息报告给开发者", name)}
	}
	return nil
}

// checkNames checks every generated file name.
func checkNames(files map[string][]byte) error {
	for name := range files {
		if err := checkName(name); err != nil {
			return err
		}
	}
	return nil
}
