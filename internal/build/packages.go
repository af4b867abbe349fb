package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/safefile"
	"github.com/youjun-edu/youjun/internal/standard"
)

// This file is what build knows of the submission package (youjun pack): the package zips it
// keeps in the output folder it replaces, the folder `youjun pack` may write into, and the
// 佐证材料 that `check` lists.

// keepPackages carries the package zips of the output folder out over into tmp, the folder that
// is about to replace it: `youjun pack` writes them into the output folder, and a build must
// not delete a county's submission. Only regular files at the top whose names are a package's
// are kept; a hard link costs nothing, a copy is made where links are not possible.
func keepPackages(out, tmp string) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil // no old output
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !pack.NamePattern.MatchString(e.Name()) {
			continue
		}
		src, dst := filepath.Join(out, e.Name()), filepath.Join(tmp, e.Name())
		if _, err := os.Lstat(dst); err == nil {
			continue // a generated file of that name: cannot happen, checkNames refuses none
		}
		if os.Link(src, dst) == nil {
			continue
		}
		if err := safefile.Copy(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// PackageOut makes sure that `youjun pack` may write its zip into out. The site's own output
// folder (the default) follows the rules of a build's output — never a folder of the user's —
// and is made and marked as youjun's when it is new, so that the next build accepts it and
// keeps the zip. Any other folder inside the site is refused: the next pack would pack the zip.
// A folder outside the site is the user's choice; pack only adds its one file there.
func PackageOut(dir, out string) diag.List {
	siteDir, err := safefile.RealPath(dir)
	if err != nil {
		return outProblem(out, err)
	}
	target, err := safefile.RealPath(out)
	if err != nil {
		return outProblem(out, err)
	}
	def, err := safefile.RealPath(filepath.Join(dir, "output"))
	if err != nil {
		return outProblem(out, err)
	}
	switch {
	case target == def:
		if err := checkOut(dir, out); err != nil {
			return outProblem(out, err)
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return outProblem(out, err)
		}
		if err := adopt(out); err != nil {
			return outProblem(out, err)
		}
	case safefile.Within(target, siteDir):
		return diag.List{{File: out, Message: "材料包不能放在站点目录中（下次打包时会被打进新的材料包）。" +
			"请不加 --out（默认放在站点的 output/ 中），或用 --out 指定站点以外的目录"}}
	default:
		if err := os.MkdirAll(out, 0o755); err != nil {
			return outProblem(out, err)
		}
	}
	return nil
}

// evidenceReview lists what `check` says about the 佐证材料 (evidence/<indicator ID>/…): the
// indicators judged on evidence alone that have none, as notes that never fail a check (a site
// starts without evidence), and folders of evidence/ that name no indicator, as warnings (a
// typo: the evidence would be listed under no indicator in the package's 目录).
func evidenceReview(p *Prepared, warnings *diag.List) []string {
	prof := p.Site.Profile
	ev := pack.ScanEvidence(p.Site.Dir, prof)
	for _, u := range ev.Unknown {
		warnings.Warn(u, 0, "", "", "佐证材料目录名不是本评估标准的指标编号（应为 %s 等，区分大小写），其中的文件不会列入佐证材料目录",
			strings.Join(firstIDs(prof), "、"))
	}
	missing := ev.Missing(prof)
	if len(missing) == 0 {
		return nil
	}
	ids := make([]string, len(missing))
	for i, e := range missing {
		ids[i] = e.ID + " " + e.Short
	}
	if !ev.Present {
		return []string{fmt.Sprintf("站点还没有佐证材料目录 evidence/。以下 %d 项指标只凭佐证材料评估，打包（youjun pack）前请把材料放到 evidence/<指标编号>/ 中：%s",
			len(ids), strings.Join(ids, "、"))}
	}
	return []string{fmt.Sprintf("以下 %d 项只凭佐证材料评估的指标还没有佐证材料（evidence/<指标编号>/ 不存在或为空）：%s",
		len(ids), strings.Join(ids, "、"))}
}

// firstIDs are a few indicator IDs of the profile, as examples in a message.
func firstIDs(prof *standard.Profile) []string {
	var ids []string
	for _, e := range pack.Entries(prof) {
		if e.EvidenceOnly && len(ids) < 3 {
			ids = append(ids, e.ID)
		}
	}
	return ids
}
