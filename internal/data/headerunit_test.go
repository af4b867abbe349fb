package data

import (
	"strings"
	"testing"
)

// unitTable is a one-school table with the header h as its last column and v in it.
func unitTable(h, v string) string {
	return "学校代码,学校名称,学校类型,小学在校生数," + h + "\nA,甲小学,小学,300," + v + "\n"
}

// Before the fix, 「教学及辅助用房面积（平方米）」 was "不是学校数据表的列，已忽略" (a warning
// nobody reads), so that every school's R4 was 未填; 「…(㎡)」 and 「…（人）」 were errors.
func TestUnitSuffixWasIgnored(t *testing.T) {
	table, probs := ParseCSV([]byte(unitTable("教学及辅助用房面积（平方米）", "2000")), "data/schools.csv")
	if probs.Err() != nil || len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if !table.Has("teaching_area") || table.Schools[0].TeachingArea != Num(2000) {
		t.Errorf("教学及辅助用房面积（平方米） not read: %+v", table.Schools[0].TeachingArea)
	}
}

func TestHeaderUnits(t *testing.T) {
	tests := []struct {
		header, cell string
		key          string  // the column it maps to
		want         float64 // the value read, in the School's unit
	}{
		{"教学及辅助用房面积（平方米）", "2000", "teaching_area", 2000},
		{"教学及辅助用房面积(平方米)", "2000", "teaching_area", 2000},
		{"教学及辅助用房面积【平方米】", "2000", "teaching_area", 2000},
		{"教学及辅助用房面积 （㎡）", "2000", "teaching_area", 2000},
		{"体育运动场馆面积(m²)", "3000", "sports_area", 3000},
		{"体育运动场馆面积（Ｍ２）", "3000", "sports_area", 3000},
		{"体育运动场馆面积(平米)", "3000", "sports_area", 3000},
		{"室内体育用房面积（平方米）", "500", "indoor_sports_area", 500},
		{"专任教师数（人）", "20", "teachers", 20},
		{"小学最大班额(人)", "45", "primary_max_class", 45},
		{"小学班数（个）", "7", "primary_classes", 7},
		{"小学班数（班）", "7", "primary_classes", 7},
		{"网络多媒体教室数（间）", "9", "multimedia_rooms", 9},
		{"建成年份（年）", "2008", "built_year", 2008},
		{"教学仪器设备值（万元）", "12.5", "equipment_value", 125000},
		{"教学仪器设备值（元）", "125000", "equipment_value_yuan", 125000},
		{"教学仪器设备值【元】", "125000", "equipment_value_yuan", 125000},
		{"公用经费预算（万元）", "20", "public_fund_budget", 200000},
		{"生均公用经费（元/生）", "6000", "public_fund_per_student", 6000},
		{"teaching_area(m2)", "2000", "teaching_area", 2000},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			table, probs := ParseCSV([]byte(unitTable(tt.header, tt.cell)), "data/schools.csv")
			if probs.Err() != nil {
				t.Fatal(probs)
			}
			if len(probs.Warnings()) > 0 {
				t.Errorf("warnings: %v", probs.Warnings())
			}
			c := ColumnByKey(tt.key)
			if got := *c.number(&table.Schools[0]); !table.Has(tt.key) || got != Num(tt.want) {
				t.Errorf("%s = %+v (present %v), want %v", tt.key, got, table.Has(tt.key), tt.want)
			}
		})
	}
}

// A unit that does not fit the column is an error that names the header to write, never ignored.
func TestWrongHeaderUnits(t *testing.T) {
	tests := []struct{ header, want string }{
		{"公用经费预算(元)", `第1行「公用经费预算(元)」: 单位「元」与此列不符：此列的单位为万元，不会自动换算；请换算后把列名改为「公用经费预算(万元)」`},
		{"教师培训经费（元）", "请换算后把列名改为「教师培训经费(万元)」"},
		{"教学仪器设备值(千元)", "单位「千元」与此列不符：此列的单位为万元"},
		{"教学仪器设备值（亿元）", "单位「亿元」与此列不符"},
		{"专任教师数（平方米）", "单位「平方米」是面积的单位，与此列不符：此列是人数，单位为人；请核对这一列，列名写作「专任教师数(人)」"},
		{"教学及辅助用房面积（人）", "单位「人」是人数的单位，与此列不符：此列是面积，单位为平方米"},
		{"教学及辅助用房面积（亩）", "单位「亩」与此列不符：此列的单位为平方米，不会自动换算；请换算后把列名改为「教学及辅助用房面积(平方米)」"},
		{"体育运动场馆面积（万平方米）", "单位「万平方米」与此列不符：此列的单位为平方米"},
		{"网络多媒体教室数（平方米）", "是面积的单位，与此列不符：此列是间数"},
		{"生均公用经费（万元）", "单位「万元」是金额的单位，与此列不符：此列是生均金额，单位为元"},
		{"小学在校生数（%）", "单位「%」是比例的单位"},
		{"教学及辅助用房面积（含室内体育用房）", "括号中的「含室内体育用房」不是可识别的单位；此列的单位为平方米，请改为「教学及辅助用房面积(平方米)」"},
		{"城乡类别（城区）", "列名「城乡类别」后不应有括号中的「城区」"},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			table, probs := ParseCSV([]byte(unitTable(tt.header, "1")), "data/schools.csv")
			if table != nil || probs.Err() == nil {
				t.Fatalf("accepted; problems: %v", probs)
			}
			if msg := probs.Error(); !strings.Contains(msg, tt.want) {
				t.Errorf("messages\n%s\nlack %q", msg, tt.want)
			}
		})
	}
}

// A column given twice, with and without its unit, is one column given twice.
func TestHeaderUnitDuplicate(t *testing.T) {
	src := "学校代码,学校名称,学校类型,小学在校生数,教学及辅助用房面积,教学及辅助用房面积（平方米）\nA,甲,小学,300,1,2\n"
	_, probs := ParseCSV([]byte(src), "x.csv")
	if !strings.Contains(probs.Error(), "「教学及辅助用房面积（平方米）」: 与列「教学及辅助用房面积」重复") {
		t.Errorf("problems: %v", probs)
	}
	src = "学校代码,学校名称,学校类型,小学在校生数,教学仪器设备值(万元),教学仪器设备值（元）\nA,甲,小学,300,1,2\n"
	_, probs = ParseCSV([]byte(src), "x.csv")
	if !strings.Contains(probs.Error(), "只能填一列") {
		t.Errorf("problems: %v", probs)
	}
}

// Every numeric column knows its unit, so that each accepts its own unit in its header.
func TestEveryNumericColumnHasAUnit(t *testing.T) {
	for _, c := range Columns {
		q := columnQty(c.Key)
		if (c.number != nil) != (q != nil) {
			t.Errorf("%s: numeric %v, unit %v", c.Key, c.number != nil, q)
			continue
		}
		if q == nil || strings.Contains(c.Header, "(") {
			continue
		}
		h := NormalizeHeader(c.Header + "（" + q.unit + "）")
		if ci, ok, msg := headerWithUnit(h); !ok || msg != "" || Columns[ci].Key != c.Key {
			t.Errorf("%s: %d %v %q", h, ci, ok, msg)
		}
	}
}

// FuzzHeaderWithUnit: any header is mapped without panic, to a column or a message.
func FuzzHeaderWithUnit(f *testing.F) {
	for _, s := range []string{"教学及辅助用房面积(平方米)", "教学仪器设备值(元)", "(", ")", "()", "a()", "x(平方米)(人)", "专任教师数(人", "(人)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		ci, ok, msg := headerWithUnit(NormalizeHeader(h))
		if ok && msg == "" && (ci < 0 || ci >= len(Columns)) {
			t.Fatalf("%q → column %d", h, ci)
		}
		if !ok && msg != "" {
			t.Fatalf("%q: message %q without a match", h, msg)
		}
	})
}
