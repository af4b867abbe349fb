package eval

import (
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
)

// privateSchools warns when county.toml reports 民办 pupils but no school of the table is 民办.
// Every indicator but three includes the county's 民办 schools (工作规程, 国教督办函〔2019〕30号,
// 附件3 (二)), so such a table most likely leaves them out, and R1–R7, G3–G7 and the CVs are
// then computed over the wrong schools. It is a warning, not an error: the figure may count
// pupils of 民办 schools outside the 义务教育 types the table lists.
func privateSchools(c *context) {
	f := c.county.Figures
	if f == nil || f.County == nil {
		return
	}
	n, ok := f.County.Numbers["private_students"]
	if !ok || n == 0 {
		return
	}
	src := figureSource("county", "private_students", f.County)
	if !c.table.Has("ownership") {
		c.res.warnings.Warn(src.File, src.Line, src.Column, num.Exact(n),
			"填报了义务教育阶段民办学校在校生%s人，但学校数据表没有「%s」列，无法核对民办学校是否已列入（民办学校参与资源配置等指标评估，见工作规程附件3（二））",
			num.Count(n), data.HeaderOf("ownership"))
		return
	}
	for i := range c.table.Schools {
		if c.table.Schools[i].Ownership == "民办" {
			return
		}
	}
	c.res.warnings.Warn(src.File, src.Line, src.Column, num.Exact(n),
		"填报了义务教育阶段民办学校在校生%s人，但学校数据表中没有「%s」为民办的学校：民办学校参与资源配置等指标评估（工作规程附件3（二）），请将民办学校列入学校数据表，或核对这一数字",
		num.Count(n), data.HeaderOf("ownership"))
}
