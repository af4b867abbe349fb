package data

import (
	"fmt"

	"github.com/youjun-edu/youjun/internal/num"
)

// Limits on the school table. They are far above any county's table (the largest have a few
// thousand campuses) and keep a damaged or hostile file from using unbounded time or memory.
const (
	MaxTableBytes = 64 << 20 // file size of data/schools.csv or .xlsx
	MaxRows       = 200_000  // data rows (campuses)
	MaxColumns    = 200      // columns of the header
	MaxCellRunes  = 32_767   // characters in any cell, Excel's own limit
	MaxTextRunes  = 1_000    // characters in a header, a 学校代码 or a 学校名称

	// The unpacked parts of an .xlsx: a sheet of 200,000 campuses is about 290 MB of XML, packed
	// into a 34 MB file. Beyond 64 MB, a file may not unpack to more than maxXLSXGrowth times its
	// size: real workbooks unpack to about 8 times theirs, and reading 22 MB of XML takes about
	// a second, so a 10 MB file is answered within 10 s.
	maxXLSXUnpacked = 512 << 20
	minXLSXUnpacked = 64 << 20
	maxXLSXGrowth   = 20
	// A part larger than this may not unpack to more than maxXLSXRatio times its packed size;
	// real sheets compress about 8:1, a zip bomb 1000:1.
	maxXLSXRatioFrom = 16 << 20
	maxXLSXRatio     = 100
	maxXLSXParts     = 10_000
)

// Range is the plausible interval of a numeric column, in the column's own unit (万元 columns
// in 万元).
type Range struct{ Min, Max float64 }

func (r Range) String() string {
	return num.Exact(r.Min) + "–" + num.Exact(r.Max)
}

// minNonZero is the smallest non-zero value of a decimal column: 1e-300 m² is a typo or junk,
// not an area, and such values would only make ratios overflow.
const minNonZero = 0.0001

// Plausible holds the range of every numeric column of the school table, in one place. The
// ranges are wide enough for any real campus (an 8,000-pupil 小学, a 500,000 m² campus) and
// catch a value with several digits too many, or 1e300, before it reaches a calculation.
var Plausible = func() map[string]Range {
	m := map[string]Range{}
	set := func(r Range, keys ...string) {
		for _, k := range keys {
			m[k] = r
		}
	}
	set(Range{0, 100_000}, "primary_students", "junior_students", "senior_students", "migrant_students", "funded_students")
	set(Range{0, 1_000}, "primary_classes", "junior_classes", "primary_max_class", "junior_max_class")
	set(Range{0, 10_000}, "primary_qualified_teachers", "junior_qualified_teachers", "primary_backbone_teachers",
		"junior_backbone_teachers", "primary_pe_art_teachers", "junior_pe_art_teachers", "shared_pe_art_teachers",
		"teachers", "certified_teachers")
	set(Range{0, 1_000}, "multimedia_rooms", "music_rooms", "art_rooms")
	set(Range{0, 10_000_000}, "teaching_area", "sports_area", "extra_sports_area", "indoor_sports_area")
	set(Range{0, 10_000}, "music_room_min_area", "art_room_min_area")
	set(Range{0, 1_000_000}, "equipment_value", "public_fund_budget", "training_fund", "public_fund_final", "training_fund_final") // 万元
	set(Range{0, 10_000_000_000}, "equipment_value_yuan")                                                                          // 元
	set(Range{0, 1_000_000}, "public_fund_per_student")                                                                            // 元
	set(Range{1900, 2100}, "built_year")
	return m
}()

// The range of each column is looked up once: checkRange runs for every cell.
func init() {
	for i := range Columns {
		if r, ok := Plausible[Columns[i].Key]; ok {
			Columns[i].rng = &r
		}
	}
}

// checkRange returns what is wrong with v in column c, or "".
func checkRange(c *Column, v float64) string {
	r := c.rng
	if r == nil {
		return ""
	}
	if v < r.Min || v > r.Max {
		if c.Kind == Year {
			return fmt.Sprintf("不是有效的年份（%s）", r)
		}
		return fmt.Sprintf("超出合理范围（%s）", r)
	}
	if c.Kind == Decimal && v != 0 && v < minNonZero {
		return fmt.Sprintf("过小（不是 0 时应不小于 %s），请检查", num.Exact(minNonZero))
	}
	return ""
}
