package data

import (
	"strings"
)

// Headers with a unit. Statistics exports and hand-made tables name a column with its unit in
// brackets: 「教学及辅助用房面积（平方米）」, 「…(㎡)」, 「专任教师数（人）」. Such a header maps to
// its column when the unit is the column's own, in any of its usual spellings. A unit that does
// not fit the column is an error, never ignored: 「公用经费预算(元)」 is not converted to 万元, and
// 「（平方米）」 on a count is no count. The one conversion is the one the table has two columns
// for: 「教学仪器设备值(元)」 is read as 元, 「教学仪器设备值(万元)」 as 万元.

// quantity is what a column measures, with the unit spellings a header may carry for it.
type quantity struct {
	name  string   // in messages: 面积
	unit  string   // the canonical unit, in messages: 平方米
	names []string // accepted spellings, compared after NormalizeHeader and lower-casing
}

var (
	areaQty    = &quantity{"面积", "平方米", []string{"平方米", "平米", "㎡", "m²", "m2", "m^2", "平方"}}
	personQty  = &quantity{"人数", "人", []string{"人", "名"}}
	classQty   = &quantity{"班数", "个", []string{"个", "班"}}
	roomQty    = &quantity{"间数", "间", []string{"间", "个"}}
	yearQty    = &quantity{"年份", "年", []string{"年"}}
	yuanQty    = &quantity{"金额", "元", []string{"元"}}
	wanYuanQty = &quantity{"金额", "万元", []string{"万元"}}
	perYuanQty = &quantity{"生均金额", "元", []string{"元", "元/生", "元/人", "元/生·年", "元/人·年"}}
)

// otherUnits are units a header may carry that no column of the school table takes: naming
// them lets a message say what the unit is.
var otherUnits = map[string]string{
	"亩": "面积", "公顷": "面积", "万平方米": "面积", "平方公里": "面积", "平方千米": "面积",
	"千元": "金额", "亿元": "金额", "百元": "金额",
	"%": "比例", "‰": "比例",
	"所": "学校数", "校": "学校数",
	"岁": "年龄", "月": "月份",
}

// columnQty returns what column key measures, or nil for a text or choice column.
func columnQty(key string) *quantity {
	switch key {
	case "teaching_area", "sports_area", "extra_sports_area", "indoor_sports_area", "music_room_min_area", "art_room_min_area":
		return areaQty
	case "primary_classes", "junior_classes":
		return classQty
	case "multimedia_rooms", "music_rooms", "art_rooms":
		return roomQty
	case "built_year":
		return yearQty
	case "equipment_value", "public_fund_budget", "training_fund", "public_fund_final", "training_fund_final":
		return wanYuanQty
	case "equipment_value_yuan":
		return yuanQty
	case "public_fund_per_student":
		return perYuanQty
	}
	if c := ColumnByKey(key); c != nil && c.Kind == Count {
		return personQty // students, teachers, the largest class
	}
	return nil
}

// splitUnit splits a normalised header into its name and the unit in brackets at its end:
// "教学及辅助用房面积(平方米)" → "教学及辅助用房面积", "平方米". ok is false without such brackets.
func splitUnit(norm string) (base, unit string, ok bool) {
	if !strings.HasSuffix(norm, ")") {
		return "", "", false
	}
	i := strings.LastIndexByte(norm, '(')
	if i <= 0 {
		return "", "", false
	}
	return norm[:i], norm[i+1 : len(norm)-1], true
}

// headerWithUnit maps a normalised header that no column has as it stands to the column it
// names with a unit: ok reports that the header is a column's name with a unit suffix; then
// either msg says why the unit does not fit (an error), or ci is the column.
func headerWithUnit(norm string) (ci int, ok bool, msg string) {
	base, u, ok := splitUnit(norm)
	if !ok {
		return -1, false, ""
	}
	lu := strings.ToLower(u)
	if key := unitColumn(base); key != "" {
		// A money column, whose header carries its unit: 教学仪器设备值 has a column for 元 and
		// one for 万元, the others one unit each.
		for _, k := range []string{key, key + "_yuan"} {
			c := ColumnByKey(k)
			if c != nil && accepts(columnQty(k), lu) {
				return headerIndex[NormalizeHeader(c.Header)], true, ""
			}
		}
		return -1, true, unitMismatch(u, columnQty(key), HeaderOf(key))
	}
	i, known := headerIndex[base]
	if !known {
		return -1, false, ""
	}
	c := &Columns[i]
	q := columnQty(c.Key)
	if q == nil {
		return -1, true, "列名「" + c.Header + "」后不应有括号中的「" + u + "」（此列不是数字，没有单位）；请改为「" + c.Header + "」"
	}
	if !accepts(q, lu) {
		return -1, true, unitMismatch(u, q, c.Header+"("+q.unit+")")
	}
	return i, true, ""
}

func accepts(q *quantity, lowerUnit string) bool {
	for _, n := range q.names {
		if strings.ToLower(n) == lowerUnit {
			return true
		}
	}
	return false
}

// unitMismatch says that unit u does not fit a column measuring q, whose header with its unit
// is want.
func unitMismatch(u string, q *quantity, want string) string {
	what := otherUnits[u]
	for _, other := range []*quantity{areaQty, personQty, classQty, roomQty, yearQty, yuanQty, wanYuanQty} {
		if what == "" && accepts(other, strings.ToLower(u)) {
			what = other.name
		}
	}
	if what == "" {
		return "括号中的「" + u + "」不是可识别的单位；此列的单位为" + q.unit + "，请改为「" + want + "」"
	}
	if what == q.name {
		return "单位「" + u + "」与此列不符：此列的单位为" + q.unit + "，不会自动换算；请换算后把列名改为「" + want + "」"
	}
	return "单位「" + u + "」是" + what + "的单位，与此列不符：此列是" + q.name + "，单位为" + q.unit + "；请核对这一列，列名写作「" + want + "」"
}
