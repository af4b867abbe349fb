package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/site"
)

// Change kinds of a Mismatch.
const (
	Changed = "changed" // the file's bytes differ from the manifest's digest
	Missing = "missing" // the manifest lists it; the package does not have it
	Extra   = "extra"   // the package has it; the manifest does not list it
)

// Mismatch is a file that is not as the manifest says: changed, added or removed after packing.
type Mismatch struct {
	Path string // slashes, relative to the root folder
	Kind string // Changed, Missing or Extra
	Want site.Input
	Got  site.Input
}

// Message says the mismatch in Chinese.
func (m Mismatch) Message() string {
	switch m.Kind {
	case Changed:
		return "打包后被修改过（SHA-256 与清单不符）"
	case Missing:
		return "清单中有，材料包中缺少"
	default:
		return "材料包中有，清单中没有（打包后加入）"
	}
}

// Check compares the files of the package with its manifest and returns every mismatch, by
// path; the error is in Chinese. Links and other non-regular files are reported as extra: a package has none.
func (p *Package) Check() ([]Mismatch, error) {
	want := make(map[string]site.Input, len(p.Manifest.Files))
	for _, f := range p.Manifest.Files {
		want[f.Path] = f
	}
	var out []Mismatch
	err := filepath.WalkDir(p.Root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(p.Root, name)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return nil
		}
		w, listed := want[rel]
		delete(want, rel)
		var got site.Input
		if d.Type().IsRegular() {
			if got, err = digestFile(rel, name); err != nil {
				return err
			}
		}
		switch {
		case !listed:
			out = append(out, Mismatch{Path: rel, Kind: Extra, Got: got})
		case got != w:
			out = append(out, Mismatch{Path: rel, Kind: Changed, Want: w, Got: got})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("无法读取材料包：%s", diag.SysError(err))
	}
	for _, w := range want {
		out = append(out, Mismatch{Path: w.Path, Kind: Missing, Want: w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// digestFile digests the file at name without holding it in memory (scans are large).
func digestFile(rel, name string) (site.Input, error) {
	f, err := os.Open(name)
	if err != nil {
		return site.Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return site.Input{}, err
	}
	return site.Input{Path: rel, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: int(n)}, nil
}
