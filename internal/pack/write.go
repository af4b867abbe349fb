package pack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/site"
)

// Name is the package's name, the root folder in the zip and the zip's name without .zip:
// <县名>优质均衡申报材料-<date>.
func Name(county, date string) string { return county + "优质均衡申报材料-" + date }

// NamePattern matches the file name of a package zip; build keeps such files in the output
// folder it replaces.
var NamePattern = regexp.MustCompile(`^.+优质均衡申报材料-[0-9]{4}-[0-9]{2}-[0-9]{2}\.zip$`)

// compression is the fixed deflate level of every compressed zipEntry: the same input gives the
// same bytes (with the same Go release's compress/flate).
const compression = flate.DefaultCompression

// stored are the extensions of formats that are compressed already: scans and office files
// are stored as they are, which costs no time and gives the same size.
var stored = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff", ".pdf", ".ofd",
	".zip", ".rar", ".7z", ".gz", ".xlsx", ".docx", ".pptx", ".wps", ".et", ".dps", ".mp3", ".mp4", ".mov", ".avi"}

// Input is what a package is made of.
type Input struct {
	Site *site.Site // the site, loaded: its folder, site.toml and profile
	// Files are the built report as build.Render gives it: the pages, data/, the PDF and the
	// Word document, by their path in the output folder. They go under html/; the PDF, the Word
	// document and data/evaluation.json go to the root as well.
	Files   map[string][]byte
	PDFName string
}

// zipEntry is one file of the zip: bytes in memory, or a file on disk that is streamed.
type zipEntry struct {
	rel  string // in the package, slashes, without the root folder
	data []byte
	disk string
	// make, when set, makes the bytes once every zipEntry before it in path order is written (the
	// catalog needs the digests of the evidence).
	make func() ([]byte, error)
}

// Write writes the package of in into the folder out as <Name>.zip and returns the zip's path.
// The zip is written under a temporary name beside it and renamed at the end, so that no half
// package is ever seen; an existing file of the same name is replaced only when it is a package
// of youjun's. Problems are in Chinese, all of them when the site cannot be packed.
func Write(in Input, out string) (string, diag.List) {
	cfg := in.Site.Config
	if cfg.Date == "" {
		return "", diag.List{{File: "site.toml", Column: "date", Message: "没有填写报告日期（date = \"YYYY-MM-DD\"）：" +
			"材料包的文件名和其中每个文件的时间都取自这个日期，同样的材料才能得到完全相同的压缩包。请先在 site.toml 中填写 date"}}
	}
	name := Name(cfg.County, cfg.Date)
	if err := checkRel(name); err != nil || strings.Contains(name, "/") {
		return "", diag.List{{File: "site.toml", Column: "county", Value: cfg.County, Message: "县名中有不能用作文件名的字符（/ \\ : 等）"}}
	}
	src, probs := SiteFiles(in.Site.Dir, cfg.Standard.Profile)
	for _, f := range src {
		if err := checkRel(f.Rel); err != nil {
			probs.Add(f.Rel, 0, "", "", "%s", err)
		}
	}
	evalJSON, ok := in.Files["data/evaluation.json"]
	pdf, hasPDF := in.Files[in.PDFName]
	switch {
	case !ok:
		probs.Add("data/evaluation.json", 0, "", "", "youjun 内部错误：生成结果中没有 evaluation.json")
	case !hasPDF:
		probs.Add(in.PDFName, 0, "", "", "youjun 内部错误：生成结果中没有 PDF")
	}
	if probs.Err() != nil {
		return "", probs
	}
	var prov struct {
		Version string `json:"youjun_version"`
		Result  string `json:"result_sha256"`
	}
	json.Unmarshal(evalJSON, &prov) // build made it: a fault would show in verify

	ev := ScanEvidence(in.Site.Dir, in.Site.Profile)
	cat := &Catalog{County: cfg.County, Date: cfg.Date, Entries: Entries(in.Site.Profile), Evidence: ev}
	var entries []zipEntry
	entries = append(entries, zipEntry{rel: EvaluationName, data: evalJSON}, zipEntry{rel: in.PDFName, data: pdf})
	// Offices ask for the report as Word and PDF (电子版): the Word document sits beside the PDF.
	if doc := strings.TrimSuffix(in.PDFName, ".pdf") + ".docx"; in.Files[doc] != nil {
		entries = append(entries, zipEntry{rel: doc, data: in.Files[doc]})
	}
	for _, rel := range slices.Sorted(maps.Keys(in.Files)) {
		entries = append(entries, zipEntry{rel: HTMLFolder + "/" + rel, data: in.Files[rel]})
	}
	for _, f := range src {
		entries = append(entries, zipEntry{rel: SiteFolder + "/" + f.Rel, disk: f.Path})
	}
	// The catalog lists the evidence with its digests, which are taken as the evidence is
	// written: its names (佐证…) sort after site/, so it is made once they are known.
	entries = append(entries, zipEntry{rel: CatalogHTML, make: cat.HTML}, zipEntry{rel: CatalogXLSX, make: cat.XLSX})
	slices.SortFunc(entries, func(a, b zipEntry) int { return strings.Compare(a.rel, b.rel) })

	m := Manifest{Format: Format, County: cfg.County, Province: cfg.Province, City: cfg.City, Year: cfg.Year, Date: cfg.Date,
		Version: prov.Version, Profile: in.Site.Profile.ID, ResultSHA256: prov.Result}
	modified, err := time.Parse("2006-01-02", cfg.Date)
	if err != nil {
		return "", diag.List{{File: "site.toml", Column: "date", Value: cfg.Date, Message: "报告日期的格式应为 YYYY-MM-DD"}}
	}
	target := filepath.Join(out, name+".zip")
	if err := checkTarget(target); err != nil {
		return "", diag.List{{File: target, Message: err.Error()}}
	}
	if err := writePackage(target, name, entries, &m, ev, modified); err != nil {
		return "", diag.List{{File: target, Message: err.Error()}}
	}
	return target, nil
}

// checkTarget refuses to replace a file youjun did not make: anything but a package zip.
func checkTarget(target string) error {
	st, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errors.New(diag.SysError(err))
	}
	if st.Mode().IsRegular() && isPackage(target) {
		return nil
	}
	return fmt.Errorf("已有同名的文件，它不是 youjun 生成的申报材料包，youjun 不会覆盖它。请移走该文件，或用 --out 另选一个目录")
}

// isPackage reports whether the zip file at name holds a manifest of this format in its root folder.
func isPackage(name string) bool {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		dir, base := path.Split(f.Name)
		if base != ManifestName || strings.Count(dir, "/") != 1 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		var m Manifest
		err = json.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(&m)
		rc.Close()
		return err == nil && m.Format == Format
	}
	return false
}

// writePackage writes the entries, in order, then the manifest, into a temporary file beside
// target, and renames it to target.
func writePackage(target, root string, entries []zipEntry, m *Manifest, ev *Evidence, modified time.Time) (err error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法创建目录：%s", diag.SysError(err))
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return fmt.Errorf("无法写入：%s", diag.SysError(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, compression) })
	digests := map[string]*EvidenceFile{}
	for id, files := range ev.ByID {
		for i := range files {
			digests[SiteFolder+"/"+files[i].Path] = &ev.ByID[id][i]
		}
	}
	for i := range ev.Loose {
		digests[SiteFolder+"/"+ev.Loose[i].Path] = &ev.Loose[i]
	}
	for _, e := range entries {
		in, err := writeZipEntry(zw, root, e, modified)
		if err != nil {
			return fmt.Errorf("%s：%w", e.rel, err)
		}
		if f := digests[e.rel]; f != nil {
			f.SHA256, f.Bytes = in.SHA256, int64(in.Bytes)
		}
		m.Files = append(m.Files, in)
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if _, err := writeZipEntry(zw, root, zipEntry{rel: ManifestName, data: append(mb, '\n')}, modified); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("无法写入：%s", diag.SysError(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入：%s", diag.SysError(err))
	}
	os.Chmod(tmp.Name(), 0o644)
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("无法写入：%s", diag.SysError(err))
	}
	return nil
}

// writeZipEntry writes one zipEntry and returns its digest. A file on disk is streamed: scans are
// large. A file that changes while it is read is caught by the size: the digest would be of
// neither version.
func writeZipEntry(zw *zip.Writer, root string, e zipEntry, modified time.Time) (site.Input, error) {
	h := &zip.FileHeader{Name: root + "/" + e.rel, Method: zip.Deflate, Modified: modified}
	if slices.Contains(stored, strings.ToLower(path.Ext(e.rel))) {
		h.Method = zip.Store
	}
	h.SetMode(0o644)
	var r io.Reader
	var size int64 = -1
	switch {
	case e.make != nil:
		b, err := e.make()
		if err != nil {
			return site.Input{}, err
		}
		r = bytes.NewReader(b)
	case e.disk != "":
		f, err := os.Open(e.disk)
		if err != nil {
			return site.Input{}, errors.New(diag.SysError(err))
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return site.Input{}, errors.New(diag.SysError(err))
		}
		r, size = f, st.Size()
	default:
		r = bytes.NewReader(e.data)
	}
	w, err := zw.CreateHeader(h)
	if err != nil {
		return site.Input{}, err
	}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, sum), r)
	if err != nil {
		return site.Input{}, errors.New(diag.SysError(err))
	}
	if size >= 0 && n != size {
		return site.Input{}, errors.New("打包时文件被修改了，请关闭正在编辑它的程序后重新打包")
	}
	return site.Input{Path: e.rel, SHA256: hex.EncodeToString(sum.Sum(nil)), Bytes: int(n)}, nil
}
