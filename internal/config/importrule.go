package config

import "github.com/youjun-edu/youjun/internal/diag"

// Import holds the settings of youjun import (site.toml's [import]).
type Import struct {
	// Branches is the rule for rows of the statistics with 是否计校数 = 0 (教学点, 分校区), which
	// the statistics do not count as schools: BranchMerge adds each into the school it belongs
	// to, BranchOwn keeps each as a campus of its own. Without a rule such rows are an error:
	// the choice changes the evaluation and is the bureau's to make and record.
	Branches string `toml:"branches"`
}

// The values of [import] branches.
const (
	BranchMerge = "合并"
	BranchOwn   = "单列"
)

func (c *Config) checkImport() diag.List {
	var probs diag.List
	switch c.Import.Branches {
	case "", BranchMerge, BranchOwn:
	default:
		probs.Add(FileName, c.Line("import.branches"), "import.branches", c.Import.Branches,
			"只能是「%s」（并入所属学校）或「%s」（作为独立校区）", BranchMerge, BranchOwn)
	}
	return probs
}
