package statimport

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
)

// The files the import writes in the site's data/ folder.
const (
	TableFile  = "data/schools.xlsx"    // a new table, or the replaced one (--replace)
	ImportFile = "data/schools.导入.xlsx" // the merged table, beside the user's, when not replacing
	backupStem = "data/schools.导入前"     // the user's table, moved aside by --replace
)

// RunOptions are the command line of youjun import.
type RunOptions struct {
	Site    string
	Files   []string
	Replace bool // replace the site's table (moved aside first) rather than write ImportFile
}

// Report is what an import did.
type Report struct {
	Out    string // the file written, relative to the site
	Backup string // where the user's table was moved, relative to the site; "" when not moved
	Merged string // the table merged into, relative to the site; "" for a new table
	Empty  bool   // the site's table had no schools (the 填报模板): replaced, not merged
	Result *Result
}

// Run imports the files into the site's school table. It writes nothing when there is an error.
func Run(o RunOptions) (*Report, diag.List) {
	cfg, probs := config.Load(o.Site)
	if cfg == nil || probs.Err() != nil {
		return nil, probs
	}
	m, mp := LoadMapping(o.Site)
	probs = append(probs, mp...)
	mapName := BuiltinName
	if _, err := os.Stat(filepath.Join(o.Site, OverrideFile)); err == nil {
		mapName = OverrideFile
	}
	var inputs []Input
	for _, path := range o.Files {
		name := filepath.ToSlash(path)
		sheets, err := ReadFile(path, name)
		if err != nil {
			probs.Add(name, 0, "", "", "%s", err.Error())
			continue
		}
		inputs = append(inputs, Input{Name: name, Sheets: sheets})
	}
	existing, tp := existingTable(o.Site)
	probs = append(probs, tp...)
	// A mistake in import.toml does not stop the files from being checked against the rest of
	// it: the clerk sees every problem in one run.
	if m == nil || len(inputs) < len(o.Files) || tp.Err() != nil {
		return nil, probs
	}
	rep := &Report{}
	opts := Options{Mapping: m, MapName: mapName, Branches: cfg.Import.Branches, County: cfg.County}
	if existing != nil {
		rep.Merged = existing.File
		if len(existing.Schools) > 0 {
			opts.Existing = existing
		} else {
			// The 填报模板 of youjun new, with its example rows only: nothing to merge with; it
			// is moved aside, as --replace does, and the new table takes its place.
			o.Replace, rep.Empty = true, true
		}
	}
	opts.IndoorColumn = indoorColumn(opts.Existing)
	res, ip := Import(inputs, opts)
	probs = append(probs, ip...)
	if probs.Err() != nil || res == nil {
		return nil, probs
	}
	rep.Result = res
	out, err := XLSX(res)
	if err != nil {
		probs.Add(TableFile, 0, "", "", "无法生成：%v", err)
		return nil, probs
	}
	if err := rep.write(o, out); err != nil {
		probs.Add(rep.Out, 0, "", "", "%s", err.Error())
		return nil, probs
	}
	return rep, probs
}

// existingTable loads the site's school table, nil when there is none.
func existingTable(site string) (*data.Table, diag.List) {
	var found []string
	for _, name := range []string{"data/schools.csv", "data/schools.xlsx"} {
		if _, err := os.Stat(filepath.Join(site, name)); err == nil {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 2:
		return nil, diag.List{{File: "data/", Message: "data/schools.csv 与 data/schools.xlsx 同时存在，请只保留一个再导入"}}
	}
	t, probs := data.LoadTable(filepath.Join(site, found[0]), found[0])
	if probs.Err() != nil {
		probs = append(probs, diag.Problem{File: found[0], Message: "导入要与已有的学校数据表合并：请先改正表中的错误"})
		return nil, probs
	}
	return t, nil // its warnings are build's to show
}

// write puts the table into the site: a new table as TableFile; with a table there, as
// ImportFile beside it, or, with Replace, as TableFile after moving the user's table aside.
func (rep *Report) write(o RunOptions, out []byte) error {
	dir, err := dataDir(o.Site)
	if err != nil {
		return err
	}
	switch {
	case rep.Merged == "":
		rep.Out = TableFile
	case o.Replace:
		rep.Out = TableFile
		backup, err := freeName(o.Site, backupStem+filepath.Ext(rep.Merged))
		if err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(o.Site, rep.Merged), filepath.Join(o.Site, backup)); err != nil {
			return errors.New("无法把原表改名备份：" + diag.SysError(err))
		}
		rep.Backup = backup
	default:
		rep.Out = ImportFile
		if err := ownFile(filepath.Join(o.Site, ImportFile)); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(dir, ".youjun-import-*.xlsx")
	if err != nil {
		return errors.New("无法写入：" + diag.SysError(err))
	}
	_, werr := tmp.Write(out)
	cerr := tmp.Close()
	if werr == nil && cerr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(o.Site, rep.Out))
	}
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.New("无法写入：" + diag.SysError(errors.Join(werr, cerr)))
	}
	return nil
}

// dataDir returns the site's data/ folder, made when missing; it must lie inside the site, so
// that the import never writes elsewhere through a link.
func dataDir(site string) (string, error) {
	dir := filepath.Join(site, "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", errors.New("无法建立 data/ 文件夹：" + diag.SysError(err))
	}
	root, err1 := filepath.EvalSymlinks(site)
	real, err2 := filepath.EvalSymlinks(dir)
	if err1 != nil || err2 != nil {
		return "", errors.New("无法确定 data/ 文件夹的位置")
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errors.New("data/ 是指向站点以外的链接，导入不在站点以外写文件")
	}
	return dir, nil
}

// ownFile reports an error when a file is there that youjun import did not write, or that
// someone saved since: Excel and WPS keep the creator but set 上次修改者 and the modified time,
// and a clerk who filled in the columns the statistics lack must not lose them to a new import.
func ownFile(path string) error {
	if _, err := os.Lstat(path); err != nil {
		return nil
	}
	f, err := excelize.OpenFile(path)
	if err == nil {
		defer f.Close()
		p, err := f.GetDocProps()
		if err == nil && p.Creator == Creator && p.LastModifiedBy == "" && p.Modified == p.Created {
			return nil
		}
		if err == nil && p.Creator == Creator {
			return fmt.Errorf("%s 在导入后被编辑并保存过：请把改动移到学校数据表中，或把它改名、移走后再导入", filepath.Base(path))
		}
	}
	return fmt.Errorf("%s 已存在，且不是 youjun import 生成的：请改名或移走后再导入", filepath.Base(path))
}

// freeName returns name, or name with -2, -3… before its extension, whichever does not exist.
func freeName(site, name string) (string, error) {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		if _, err := os.Lstat(filepath.Join(site, n)); os.IsNotExist(err) {
			return n, nil
		}
	}
	return "", errors.New("备份文件太多，请先清理 data/ 中的 schools.导入前*")
}
