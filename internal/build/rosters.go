package build

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/statimport"
)

// RosterDir is where a site keeps the files of 教育事业统计 that `youjun import` reads; the
// audit reads the teacher rosters among them, the files whose names hold RosterWord.
const (
	RosterDir  = "data/事业统计"
	RosterWord = "花名册"
	// maxRosterFiles bounds the rosters read: one per school of a large county.
	maxRosterFiles = 5000
)

// readRosters lists the counted teachers of every roster under RosterDir (.csv or .xlsx whose
// name holds RosterWord), read with the site's import mapping. A roster that cannot be read is
// `youjun import`'s to report; here it is skipped.
func readRosters(dir string, _ *config.Config) []audit.Teacher {
	root := filepath.Join(dir, filepath.FromSlash(RosterDir))
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || len(files) >= maxRosterFiles {
			return filepath.SkipDir
		}
		ext := strings.ToLower(filepath.Ext(path))
		if d.Type().IsRegular() && strings.Contains(d.Name(), RosterWord) && (ext == ".csv" || ext == ".xlsx") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		return nil
	}
	m, probs := statimport.LoadMapping(dir)
	if m == nil || probs.Err() != nil {
		return nil
	}
	slices.Sort(files)
	var out []audit.Teacher
	for _, path := range files {
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			continue
		}
		name := filepath.ToSlash(rel)
		sheets, err := statimport.ReadFile(path, name)
		if err != nil {
			continue
		}
		for _, s := range sheets {
			if !m.IsRoster(s) {
				continue
			}
			file := s.File
			if s.Name != "" {
				file += " 工作表「" + s.Name + "」"
			}
			for _, t := range m.RosterTeachers(s) {
				out = append(out, audit.Teacher{File: file, Row: t.Row, Code: t.Code, ID: t.ID, Name: t.Name})
			}
		}
	}
	return out
}
