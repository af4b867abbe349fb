package statfixture

import (
	"path/filepath"

	"github.com/youjun-edu/youjun/internal/data"
)

// The example site and where its statistics files go.
const (
	ExampleSite   = "examples/hunan"
	ExampleDir    = "examples/hunan/data/事业统计"
	ExampleCounty = "湘水县"
	// The county's 交流轮岗 figures (data/county.toml [H19]), which the roster carries.
	exampleExchange, exampleExchangeBackbone = 171, 39
)

// File is one generated file.
type File struct {
	Path string // relative to the repository root
	Data []byte
}

// Dir is the folder of the file.
func (f File) Dir() string { return filepath.Dir(f.Path) }

// ExampleWorkbookSchools are the schools whose per-school workbooks the example ships: a
// 九年一贯制学校 and a 完全中学, which have tables of two levels.
var ExampleWorkbookSchools = []string{"4306230008", "4306230009"}

// Example derives the example's files from its school table; root is the repository root.
func Example(root string) ([]File, error) {
	t, probs := data.LoadTable(filepath.Join(root, ExampleSite, "data/schools.csv"), "data/schools.csv")
	if probs.Err() != nil {
		return nil, probs.Err()
	}
	schools, err := Derive(t, ExampleCounty)
	if err != nil {
		return nil, err
	}
	county, err := CountyXLSX(schools, ExampleCounty+"2025年教育事业统计 学校基本情况汇总（虚构）")
	if err != nil {
		return nil, err
	}
	files := []File{
		{filepath.Join(ExampleDir, "湘水县2025年学校基本情况汇总.xlsx"), county},
		{filepath.Join(ExampleDir, "湘水县2025年教师花名册.csv"), Roster(schools, exampleExchange, exampleExchangeBackbone)},
	}
	for _, s := range schools {
		for _, code := range ExampleWorkbookSchools {
			if s.Code == code {
				wb, err := WorkbookXLSX(s)
				if err != nil {
					return nil, err
				}
				files = append(files, File{filepath.Join(ExampleDir, "基层表", s.Name+".xlsx"), wb})
			}
		}
	}
	return files, nil
}
