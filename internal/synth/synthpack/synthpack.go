// Package synthpack generates county submission packages (申报材料包) for the tests and
// benchmarks of youjun rollup: N counties with codes, provinces and cities, a plausible school
// table each (synth), the example's county figures and chapters, and evaluation.json as build
// writes it, in the layout of package pack. It is deterministic for a seed. It writes packages
// itself rather than through `youjun pack`, whose output it mirrors (manifest, site/, evaluation.json).
package synthpack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/synth"
)

// Grades of a generated county: what its data make of it.
const (
	Good    = "good"    // every campus up to standard: 达到
	Plain   = "plain"   // synth's random campuses: 未达到 (some fail)
	Pending = "pending" // good campuses, a county figure left out: 待补充
)

// County is one generated county.
type County struct {
	Code, Name, Province, City string
	Campuses                   int
	Seed                       uint64
	Grade                      string
}

// Counties describes n counties, about campuses campuses each, spread over provinces of about
// a hundred counties and cities of ten; 40% good, 40% plain, 20% pending.
func Counties(n int, seed uint64, campuses int) []County {
	r := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	perProvince := max(100, (n+30)/31)
	out := make([]County, n)
	for i := range out {
		p, k := i/perProvince, i%perProvince
		city, county := k/10, k%10
		grade := Plain
		switch g := r.IntN(10); {
		case g < 4:
			grade = Good
		case g >= 8:
			grade = Pending
		}
		out[i] = County{
			Code:     fmt.Sprintf("%02d%02d%02d", 11+p, city+1, county+1),
			Name:     fmt.Sprintf("第%d县", i+1),
			Province: fmt.Sprintf("第%d省", p+1),
			City:     fmt.Sprintf("第%d省第%d市", p+1, city+1),
			Campuses: max(5, campuses/2+r.IntN(campuses+1)),
			Seed:     seed*1_000_003 + uint64(i),
			Grade:    grade,
		}
	}
	return out
}

// WriteSite writes c's site into dir: site.toml naming it, the example's county figures,
// survey, history and chapters from the site at root, and its school table.
func WriteSite(root, dir string, c County) error {
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			return err
		}
	}
	toml := fmt.Sprintf("county = %q\ncode = %q\nprovince = %q\ncity = %q\nbureau = %q\nyear = 2025\ndate = \"2025-10-15\"\n\n[standard]\nprofile = \"national-2017\"\n",
		c.Name, c.Code, c.Province, c.City, c.Name+"教育局")
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(toml), 0o644); err != nil {
		return err
	}
	table := synth.GoodCSV(c.Campuses, c.Seed)
	if c.Grade == Plain {
		table = synth.CSV(c.Campuses, c.Seed)
	}
	if c.Grade == Pending {
		p := filepath.Join(dir, "data", "county.toml")
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src = bytes.Replace(src, []byte("layout_reasonable = true"), []byte("# layout_reasonable: 待补充"), 1)
		if err := os.WriteFile(p, src, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "data", "schools.csv"), table, 0o644)
}

// WritePackage writes the package of the site at siteDir to dst: a zip when dst ends in .zip,
// else a folder. The package holds the site's site.toml, data/ and content/ under site/, and
// evaluation.json as build writes it, listed with their digests in manifest.json.
func WritePackage(siteDir, dst string) error { return WritePackageHTML(siteDir, dst, "") }

// WritePackageHTML is WritePackage with the website build wrote into html (a folder), under
// html/ in the package; none when html is "".
func WritePackageHTML(siteDir, dst, html string) error {
	p, probs := build.Prepare(build.Options{Site: siteDir}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		return fmt.Errorf("%s: %v", siteDir, probs)
	}
	files := map[string][]byte{pack.EvaluationName: p.JSON}
	for _, sub := range []string{"site.toml", "data", "content"} {
		err := filepath.WalkDir(filepath.Join(siteDir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(siteDir, path)
			if err != nil {
				return err
			}
			b, err := os.ReadFile(path)
			files[pack.SiteFolder+"/"+filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			return err
		}
	}
	if html != "" {
		err := filepath.WalkDir(html, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || d.Name() == ".youjun-output" {
				return err
			}
			rel, err := filepath.Rel(html, path)
			if err != nil {
				return err
			}
			b, err := os.ReadFile(path)
			files[pack.HTMLFolder+"/"+filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			return err
		}
	}
	var head struct {
		ResultSHA256 string `json:"result_sha256"`
	}
	if err := json.Unmarshal(p.JSON, &head); err != nil {
		return err
	}
	cfg := p.Site.Config
	m := pack.Manifest{Format: pack.Format, County: cfg.County, Province: cfg.Province, City: cfg.City, Year: cfg.Year,
		Date: cfg.Date, Version: site.Version(), Profile: cfg.Standard.Profile, ResultSHA256: head.ResultSHA256}
	return Write(dst, cfg.County+"优质均衡申报材料-"+cfg.Date, m, files)
}

// Write writes a package of files (by slash path) with the manifest m, listing them, as the
// folder dst or, when dst ends in .zip, as a zip whose entries sit in the folder root.
func Write(dst, root string, m pack.Manifest, files map[string][]byte) error {
	m.Files = nil
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sum := sha256.Sum256(files[name])
		m.Files = append(m.Files, site.Input{Path: name, SHA256: hex.EncodeToString(sum[:]), Bytes: len(files[name])})
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	all := map[string][]byte{pack.ManifestName: append(manifest, '\n')}
	for name, b := range files {
		all[name] = b
	}
	names = append(names, pack.ManifestName)
	sort.Strings(names)
	if !strings.HasSuffix(dst, ".zip") {
		for _, name := range names {
			p := filepath.Join(dst, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, all[name], 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2025, 10, 15, 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: root + "/" + name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := w.Write(all[name]); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

// Generate writes n county packages (zips) into dir, named <code>.zip, generated from the
// example site at root; work is a scratch folder for their sites. The counties are written on
// every core; it returns the packages' paths in order.
func Generate(root, dir, work string, n int, seed uint64, campuses int) ([]string, error) {
	counties := Counties(n, seed, campuses)
	out := make([]string, len(counties))
	errs := make([]error, len(counties))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := counties[i]
				sd := filepath.Join(work, c.Code)
				out[i] = filepath.Join(dir, c.Code+".zip")
				errs[i] = WriteSite(root, sd, c)
				if errs[i] == nil {
					errs[i] = WritePackage(sd, out[i])
				}
				if errs[i] == nil {
					errs[i] = os.RemoveAll(sd) // the scratch site Generate made
				}
			}
		}()
	}
	for i := range counties {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
