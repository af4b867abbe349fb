package pack

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// SiteParts are the folders of a site that a package carries, besides site.toml and a custom
// profile file: the data, the chapters, the templates and theme a site may override, and the
// 佐证材料. output/ and anything else in the site folder are not the report's inputs.
var SiteParts = []string{"data", "content", "templates", "theme", EvidenceFolder}

// Skipped reports whether a file or folder name is one a package leaves out wherever it is:
// hidden files and folders (.git, .DS_Store), the lock files Office and WPS leave beside an open
// document (~$schools.xlsx) and the thumbnails caches of Windows.
func Skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.EqualFold(name, "Thumbs.db") || strings.EqualFold(name, "desktop.ini")
}

// SourceFile is a file of the site that goes into the package.
type SourceFile struct {
	Rel  string // relative to the site folder, slashes
	Path string // on disk
	Size int64
}

// SiteFiles lists the files of the site in dir that a package carries, by path in byte order:
// site.toml, the profile file that site.toml names when it is a file in the site, and every
// file under SiteParts, less what Skipped names. A link or another special file anywhere is
// refused: the package must hold what the report was made from, not what a link pointed at
// when it was packed. Every problem is reported.
func SiteFiles(dir, profile string) ([]SourceFile, diag.List) {
	var files []SourceFile
	var probs diag.List
	add := func(rel string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		st, err := os.Lstat(p)
		switch {
		case err != nil:
			probs.Add(rel, 0, "", "", "%s", diag.SysError(err))
		case !st.Mode().IsRegular():
			probs.Add(rel, 0, "", "", "不是普通文件（链接或快捷方式），不能打包。请换成文件本身")
		default:
			files = append(files, SourceFile{Rel: rel, Path: p, Size: st.Size()})
		}
	}
	add("site.toml")
	if strings.HasSuffix(profile, ".toml") {
		rel, ok := LocalPath(profile)
		if !ok {
			probs.Add("site.toml", 0, "", profile, "自定义评估标准文件不在站点目录中，不能打包。请把它放到站点目录（例如 data/ 旁边）并在 site.toml 中改写路径")
		} else if !slices.ContainsFunc(SiteParts, func(p string) bool { return strings.HasPrefix(rel, p+"/") }) {
			add(rel) // the parts' files are listed below
		}
	}
	for _, part := range SiteParts {
		root := filepath.Join(dir, part)
		if st, err := os.Lstat(root); err != nil {
			continue // a site need not have every part
		} else if !st.IsDir() {
			probs.Add(part, 0, "", "", "应是一个目录，却是文件或链接，不能打包")
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				probs.Add(relTo(dir, p), 0, "", "", "%s", diag.SysError(err))
				return nil
			}
			rel := relTo(dir, p)
			switch {
			case p != root && Skipped(d.Name()):
				if d.IsDir() {
					return filepath.SkipDir
				}
			case d.IsDir():
			case d.Type()&fs.ModeSymlink != 0:
				probs.Add(rel, 0, "", "", "是一个符号链接（快捷方式），不能打包：材料包必须包含文件本身。请换成文件本身或移走它")
			case !d.Type().IsRegular():
				probs.Add(rel, 0, "", "", "不是普通文件，不能打包")
			default:
				info, err := d.Info()
				if err != nil {
					probs.Add(rel, 0, "", "", "%s", diag.SysError(err))
					return nil
				}
				files = append(files, SourceFile{Rel: rel, Path: p, Size: info.Size()})
			}
			return nil
		})
		if err != nil {
			probs.Add(part, 0, "", "", "%s", diag.SysError(err))
		}
	}
	slices.SortFunc(files, func(a, b SourceFile) int { return strings.Compare(a.Rel, b.Rel) })
	return files, probs
}

// LocalPath is a path that site.toml names (a custom profile) as a clean slash path inside the
// site, or false when it is absolute or leaves the site.
func LocalPath(profile string) (string, bool) {
	if filepath.IsAbs(profile) || path.IsAbs(filepath.ToSlash(profile)) {
		return "", false
	}
	rel := path.Clean(filepath.ToSlash(profile))
	if rel == ".." || strings.HasPrefix(rel, "../") || !fs.ValidPath(rel) {
		return "", false
	}
	return rel, true
}

func relTo(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// checkRel refuses a site file whose path could not be a package entry.
func checkRel(rel string) error {
	if !fs.ValidPath(rel) || strings.ContainsAny(rel, `\:`) {
		return fmt.Errorf("文件名 %q 不能放进材料包（含有 \\ 或 : 等字符）", rel)
	}
	return nil
}
