package pack

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Limits of what Open extracts from a zip: a package is a few hundred megabytes of scans at
// most; anything far beyond is a mistake or an attack (a zip bomb).
const (
	maxEntries   = 200_000
	maxTotalSize = 16 << 30
)

// Package is an opened package.
type Package struct {
	// Root is the package's root folder on disk: the folder given to Open, or a temporary
	// folder the zip was extracted into (Close removes it).
	Root string
	// Name is the root folder's name, e.g. 示例县优质均衡申报材料-2025-10-15.
	Name     string
	Manifest Manifest
	temp     string
}

// SiteDir is the folder of the site the report was built from.
func (p *Package) SiteDir() string { return filepath.Join(p.Root, SiteFolder) }

// Path is the file at rel (slashes) in the package.
func (p *Package) Path(rel string) string { return filepath.Join(p.Root, filepath.FromSlash(rel)) }

// Close removes what Open extracted. A package opened from a folder is left as it is.
func (p *Package) Close() error {
	if p.temp == "" {
		return nil
	}
	err := os.RemoveAll(p.temp)
	p.temp = ""
	return err
}

// Open opens the package at name: a .zip file or an unzipped package folder. A zip is
// extracted into a new temporary folder, refusing entries that would land outside it, links,
// and sizes beyond reason. The error is in Chinese and names the file.
func Open(name string) (*Package, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s：%s", name, diag.SysError(err))
	}
	p := &Package{Root: name, Name: filepath.Base(filepath.Clean(name))}
	if !st.IsDir() {
		if p, err = openZip(name); err != nil {
			return nil, err
		}
	}
	if err := p.readManifest(); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	return p, nil
}

func (p *Package) readManifest() error {
	src, err := os.ReadFile(p.Path(ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("不是 youjun 申报材料包：找不到 %s", ManifestName)
	}
	if err != nil {
		return fmt.Errorf("%s：%s", ManifestName, diag.SysError(err))
	}
	if err := json.Unmarshal(src, &p.Manifest); err != nil {
		return fmt.Errorf("%s 不是有效的 JSON：%s", ManifestName, diag.JSONError(err))
	}
	if p.Manifest.Format != Format {
		return fmt.Errorf("%s 的格式为 %q，本版本只能读取 %q", ManifestName, p.Manifest.Format, Format)
	}
	return nil
}

// openZip extracts the zip file name into a temporary folder.
func openZip(name string) (*Package, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, fmt.Errorf("%s：%s", name, zipError(err))
	}
	defer zr.Close()
	names, root, err := entryNames(zr.File)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	tmp, err := os.MkdirTemp("", "youjun-package-*")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时目录：%s", diag.SysError(err))
	}
	p := &Package{Root: tmp, Name: strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)), temp: tmp}
	if root != "" {
		p.Root, p.Name = filepath.Join(tmp, filepath.FromSlash(root)), root
	}
	var total int64
	for i, f := range zr.File {
		if names[i] == "" {
			continue // a folder
		}
		n, err := extract(f, filepath.Join(tmp, filepath.FromSlash(names[i])), maxTotalSize-total)
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("%s：%s：%w", name, names[i], err)
		}
		total += n
	}
	return p, nil
}

// entryNames gives each entry's safe relative path (slashes; "" for a folder), and the one
// folder every entry sits in, if there is one. It refuses the whole zip on any unsafe entry.
func entryNames(files []*zip.File) ([]string, string, error) {
	if len(files) > maxEntries {
		return nil, "", fmt.Errorf("压缩包内文件过多（%d 个，上限 %d 个）", len(files), maxEntries)
	}
	names := make([]string, len(files))
	seen := make(map[string]bool, len(files))
	root, sameRoot := "", true
	for i, f := range files {
		name := f.Name
		if !utf8.ValidString(name) {
			// Zips made by Chinese tools without the UTF-8 flag carry GBK names.
			if dec, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
				name = dec
			}
		}
		name = strings.ReplaceAll(name, `\`, "/")
		mode := f.Mode()
		if mode&fs.ModeSymlink != 0 || mode&(fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice) != 0 {
			return nil, "", fmt.Errorf("压缩包内含有链接或特殊文件 %q，已拒绝打开", name)
		}
		clean := path.Clean(name)
		if name == "" || strings.ContainsRune(name, 0) || path.IsAbs(name) || clean == ".." ||
			strings.HasPrefix(clean, "../") || strings.Contains(clean, ":") || !fs.ValidPath(clean) {
			return nil, "", fmt.Errorf("压缩包内的路径 %q 不安全（绝对路径、盘符或“..”），已拒绝打开", name)
		}
		key := strings.ToLower(clean)
		if seen[key] {
			return nil, "", fmt.Errorf("压缩包内的路径 %q 出现了两次（不区分大小写）", name)
		}
		seen[key] = true
		first, _, nested := strings.Cut(clean, "/")
		switch {
		case !nested && !mode.IsDir():
			sameRoot = false // a file at the top
		case root == "":
			root = first
		case root != first:
			sameRoot = false
		}
		if !mode.IsDir() && !strings.HasSuffix(name, "/") {
			names[i] = clean
		}
	}
	if !sameRoot {
		root = ""
	}
	return names, root, nil
}

// extract writes one entry to dst, reading at most limit bytes, and says how many it wrote.
// The sizes in the zip's headers are not trusted: the bytes are counted as they come.
func extract(f *zip.File, dst string, limit int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, errors.New(diag.SysError(err))
	}
	rc, err := f.Open()
	if err != nil {
		return 0, errors.New(zipError(err))
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, errors.New(diag.SysError(err))
	}
	n, err := io.Copy(out, io.LimitReader(rc, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case n > limit:
		return n, fmt.Errorf("解压后超过 %d GB，已停止（可能是损坏或恶意的压缩包）", maxTotalSize>>30)
	case err != nil:
		return n, errors.New(zipError(err))
	}
	return n, nil
}

// zipError says in Chinese what went wrong reading a zip.
func zipError(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "不是有效的 zip 压缩包（文件可能已损坏或不完整）"
	case errors.Is(err, zip.ErrChecksum):
		return "压缩包内的文件校验失败（文件已损坏）"
	case errors.Is(err, zip.ErrAlgorithm):
		return "压缩包使用了不支持的压缩方式（请用“存储”或“标准/Deflate”方式重新压缩）"
	case errors.Is(err, zip.ErrInsecurePath):
		return "压缩包内含有不安全的路径"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "压缩包不完整（文件被截断）"
	}
	var perr *fs.PathError
	if errors.As(err, &perr) {
		return diag.SysError(err)
	}
	return "无法读取压缩包：" + diag.SysError(err)
}
