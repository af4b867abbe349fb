package pack

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/standard"
)

// EvidenceFolder is the site's folder of 佐证材料: one folder per indicator, named by its ID
// (evidence/G1/…, evidence/R3/…), holding the scans and documents that back it.
const EvidenceFolder = "evidence"

// Entry is one indicator of the profile, in the profile's order: the seven resource indicators,
// then the items.
type Entry struct {
	ID    string
	Title string // the indicator's full name
	Short string
	// EvidenceOnly marks the indicators judged on evidence alone (see EvidenceOnly).
	EvidenceOnly bool
}

// Entries lists the profile's indicators.
func Entries(p *standard.Profile) []Entry {
	var out []Entry
	for _, ind := range p.Resource.Indicators {
		out = append(out, Entry{ID: ind.ID, Title: ind.Name, Short: ind.Short})
	}
	for _, it := range p.Items {
		out = append(out, Entry{ID: it.ID, Title: it.Name, Short: it.Short, EvidenceOnly: EvidenceOnly(it)})
	}
	return out
}

// EvidenceOnly reports whether an item is judged on evidence alone: a scored (B) item, which the
// assessors score from the materials, or an item of a dimension (not 一票否决, not 申报条件) that
// youjun does not compute — no rule — and whose every check is a yes/no declaration the county
// makes in county.toml (the national G1, G2, G10, Q3, Q5–Q8; Hunan's H18 and its B items). A
// declaration is only as good as the documents behind it. Profiles do not mark this; it follows
// from how an item is judged.
func EvidenceOnly(it standard.Item) bool {
	if it.Dimension == standard.DimVeto || it.Dimension == standard.DimEligibility || it.Rule != "" || it.SameAs != "" {
		return false
	}
	if it.Kind == standard.KindB {
		return true
	}
	if len(it.Checks) == 0 {
		return false
	}
	for _, c := range it.Checks {
		if c.Op != "yes" && c.Op != "no" {
			return false
		}
	}
	return true
}

// EvidenceFile is one file of 佐证材料.
type EvidenceFile struct {
	Path   string // relative to the site, slashes: evidence/G1/布局规划.pdf
	Bytes  int64
	SHA256 string // filled by the package writer; empty from ScanEvidence
}

// Evidence is what a site's evidence/ folder holds.
type Evidence struct {
	Present bool                      // the site has an evidence/ folder
	ByID    map[string][]EvidenceFile // by indicator ID, files in path order
	// Unknown are folders of evidence/ that name no indicator of the profile (a typo: G01, g1).
	Unknown []string
	// Loose are files directly in evidence/ or in an unknown folder: packed, but no indicator's.
	Loose []EvidenceFile
}

// ScanEvidence reads the evidence/ folder of the site in dir, by the indicators of p. Files
// that Skipped names are left out, as the package leaves them out. It reads names and sizes
// only: checking a site must not read hundreds of megabytes of scans.
func ScanEvidence(dir string, p *standard.Profile) *Evidence {
	ev := &Evidence{ByID: map[string][]EvidenceFile{}}
	root := filepath.Join(dir, EvidenceFolder)
	st, err := os.Stat(root)
	if err != nil || !st.IsDir() {
		return ev
	}
	ev.Present = true
	known := map[string]bool{}
	for _, e := range Entries(p) {
		known[e.ID] = true
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == root {
			return nil
		}
		if Skipped(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel := relTo(dir, path)
		parts := strings.Split(rel, "/") // evidence/<id>/…
		if d.IsDir() {
			if len(parts) == 2 && !known[parts[1]] {
				ev.Unknown = append(ev.Unknown, rel)
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // SiteFiles refuses it when packing
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f := EvidenceFile{Path: rel, Bytes: info.Size()}
		if len(parts) >= 3 && known[parts[1]] {
			ev.ByID[parts[1]] = append(ev.ByID[parts[1]], f)
		} else {
			ev.Loose = append(ev.Loose, f)
		}
		return nil
	})
	return ev
}

// Missing lists the indicators judged on evidence alone that have no evidence, in profile order.
func (ev *Evidence) Missing(p *standard.Profile) []Entry {
	var out []Entry
	for _, e := range Entries(p) {
		if e.EvidenceOnly && len(ev.ByID[e.ID]) == 0 {
			out = append(out, e)
		}
	}
	return out
}

// IDs are the indicator IDs that have evidence, sorted.
func (ev *Evidence) IDs() []string {
	ids := make([]string, 0, len(ev.ByID))
	for id := range ev.ByID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
