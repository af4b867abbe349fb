package data

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

// grow is one school of a guard test, by column key.
type grow map[string]string

func (r grow) with(kv ...string) grow {
	out := grow{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// guardBase is a 1000-pupil primary school that no guard questions: 2,000 元, 4.5 and 7.5 m²
// and 700 元 of budget a student, 24 classes of at most 45, 60 teachers.
var guardBase = grow{
	"code": "P1", "name": "甲小学", "type": "小学", "ownership": "公办", "area": "城区", "boarding": "否",
	"primary_students": "1000", "migrant_students": "100", "primary_classes": "24", "primary_max_class": "45",
	"primary_qualified_teachers": "42", "primary_backbone_teachers": "10", "primary_pe_art_teachers": "9",
	"teachers": "60", "certified_teachers": "60",
	"teaching_area": "4500", "sports_area": "7500", "equipment_value": "200", "multimedia_rooms": "23",
	"music_rooms": "2", "music_room_min_area": "96", "art_rooms": "2", "art_room_min_area": "90",
	"funded_students": "1000", "public_fund_budget": "70", "training_fund": "3.5",
}

// guardNine is a 九年一贯制学校 of 600 + 400 pupils that no guard questions.
var guardNine = guardBase.with("code", "N1", "name", "乙学校", "type", "九年一贯制学校", "primary_students", "600", "junior_students", "400",
	"primary_classes", "14", "junior_classes", "9", "junior_max_class", "50", "primary_qualified_teachers", "30", "junior_qualified_teachers", "25",
	"junior_backbone_teachers", "5", "junior_pe_art_teachers", "5")

// guardCSV writes rows with every column of the school table, headed by English keys; yuan
// puts the equipment value in 元.
func guardCSV(yuan bool, rows ...grow) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	var keys []string
	for _, c := range Columns {
		if c.Key == "equipment_value" && yuan || c.Key == "equipment_value_yuan" && !yuan {
			continue
		}
		keys = append(keys, c.Key)
	}
	w.Write(keys)
	for _, r := range rows {
		rec := make([]string, len(keys))
		for i, k := range keys {
			rec[i] = r[k]
			if k == "equipment_value_yuan" {
				rec[i] = r["equipment_value"]
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// Each guard, just inside its bound and just outside.
func TestGuards(t *testing.T) {
	small := grow{"code": "S1", "name": "丙教学点", "type": "教学点", "area": "乡村", "primary_students": "30", "primary_classes": "2",
		"primary_max_class": "20", "teachers": "3", "certified_teachers": "3", "teaching_area": "300", "sports_area": "500", "multimedia_rooms": "2"}
	tests := []struct {
		name string
		yuan bool
		rows []grow
		want string // the one warning, "" for none
	}{
		{"base", false, []grow{guardBase}, ""},
		{"nine-year base", false, []grow{guardNine}, ""},

		{"total row by name", false, []grow{guardBase.with("name", "全县合计")}, `第2行「学校名称」: "全县合计" 像是合计行：它会被当作一所学校参加评估`},
		{"total row with a space", false, []grow{guardBase.with("name", "小　计")}, "像是小计行"},
		{"total row by code", false, []grow{guardBase.with("code", "总计")}, `「学校代码」: "总计" 像是总计行`},

		{"equipment 100,000 元 a student", false, []grow{guardBase.with("equipment_value", "10000")}, ""},
		{"equipment above 100,000 元 a student", false, []grow{guardBase.with("equipment_value", "10000.01")},
			`「教学仪器设备值(万元)」: "10000.01" 折合生均100000.1元，超过100000元，远高于常见水平：是否把以元为单位的数填进了万元列？`},
		{"equipment 50 元 a student", false, []grow{guardBase.with("equipment_value", "5")}, ""},
		{"equipment below 50 元 a student", false, []grow{guardBase.with("equipment_value", "4.99")}, "折合生均49.9元，不足50元，远低于常见水平：请核对单位（本列为万元）"},
		{"元 column: 50 元 a student", true, []grow{guardBase.with("equipment_value", "50000")}, ""},
		{"元 column: below 50 元 a student", true, []grow{guardBase.with("equipment_value", "49999")},
			`「教学仪器设备值(元)」: "49999" 折合生均49.999元，不足50元，远低于常见水平：是否把以万元为单位的数填进了元列？`},
		{"元 column: 万元 typed", true, []grow{guardBase.with("equipment_value", "200")}, "折合生均0.2元"},

		{"teaching area 0.1 m² a student", false, []grow{guardBase.with("teaching_area", "100")}, ""},
		{"teaching area below 0.1 m² a student", false, []grow{guardBase.with("teaching_area", "99.9")},
			`「教学及辅助用房面积」: "99.9" 折合生均0.1平方米，不足0.1平方米：单位是否为平方米（不是万平方米、亩或公顷）？`},
		{"teaching area in 万平方米", false, []grow{guardBase.with("teaching_area", "0.45")}, "折合生均0.00045平方米"},
		{"sports area 2,000 m² a student", false, []grow{guardBase.with("sports_area", "2000000")}, ""},
		{"sports area above 2,000 m² a student", false, []grow{guardBase.with("sports_area", "2000001")}, `「体育运动场馆面积」: "2000001" 折合生均2000.001平方米，超过2000平方米`},
		{"senior students count", false, []grow{guardBase.with("type", "完全中学", "primary_students", "", "junior_students", "500", "senior_students", "500",
			"primary_classes", "", "primary_max_class", "", "junior_classes", "12", "junior_max_class", "50",
			"primary_qualified_teachers", "", "primary_backbone_teachers", "", "primary_pe_art_teachers", "",
			"junior_qualified_teachers", "42", "junior_backbone_teachers", "10", "junior_pe_art_teachers", "9", "teaching_area", "100")}, ""},

		{"music room of 10 m²", false, []grow{guardBase.with("music_room_min_area", "10")}, ""},
		{"music room below 10 m²", false, []grow{guardBase.with("music_room_min_area", "9.9")}, `「音乐专用教室最小面积」: "9.9" 一间专用教室的面积不在10–1000平方米之间`},
		{"art room of 1,000 m²", false, []grow{guardBase.with("art_room_min_area", "1000")}, ""},
		{"art room above 1,000 m²", false, []grow{guardBase.with("art_room_min_area", "1000.1")}, `「美术专用教室最小面积」: "1000.1" 一间专用教室的面积不在`},

		{"100 pupils a teacher", false, []grow{guardBase.with("teachers", "10", "certified_teachers", "10", "primary_qualified_teachers", "10",
			"primary_backbone_teachers", "5", "primary_pe_art_teachers", "5")}, ""},
		{"over 100 pupils a teacher", false, []grow{guardBase.with("teachers", "9", "certified_teachers", "9", "primary_qualified_teachers", "9",
			"primary_backbone_teachers", "5", "primary_pe_art_teachers", "5")}, `「专任教师数」: "9" 平均每名专任教师有111.11名学生（在校生1000人），超过100名`},
		{"as many teachers as pupils", false, []grow{guardBase.with("primary_students", "60", "migrant_students", "10")}, ""},
		{"more teachers than pupils", false, []grow{guardBase.with("primary_students", "59", "migrant_students", "10")}, `「专任教师数」: "60" 多于在校生数 59：专任教师数与在校生数是否填反`},
		{"more teachers than 49 pupils", false, []grow{guardBase.with("primary_students", "49", "migrant_students", "10")}, ""},
		{"special school with more teachers", false, []grow{guardBase.with("type", "特殊教育学校", "primary_students", "59", "migrant_students", "10")}, ""},

		{"as many multimedia rooms as pupils", false, []grow{guardBase.with("primary_students", "800", "multimedia_rooms", "800")}, ""},
		{"more multimedia rooms than pupils", false, []grow{guardBase.with("primary_students", "800", "multimedia_rooms", "801")}, `「网络多媒体教室数」: "801" 多于在校生数 800`},

		{"qualified = teachers", false, []grow{guardBase.with("primary_qualified_teachers", "60")}, ""},
		{"qualified > teachers", false, []grow{guardBase.with("primary_qualified_teachers", "61")}, `「小学高于规定学历教师数」: "61" 多于专任教师数 60：它是专任教师的一部分`},
		{"backbone > teachers", false, []grow{guardBase.with("primary_backbone_teachers", "61")}, `「小学骨干教师数」: "61" 多于专任教师数 60`},
		{"PE and art > teachers", false, []grow{guardBase.with("primary_pe_art_teachers", "61")}, `「小学体育艺术专任教师数」: "61" 多于专任教师数 60`},
		{"both levels = teachers", false, []grow{guardNine.with("junior_qualified_teachers", "30")}, ""},
		{"both levels > teachers", false, []grow{guardNine.with("junior_qualified_teachers", "31")},
			`「初中高于规定学历教师数」: "31" 与小学高于规定学历教师数 30 合计 61，多于专任教师数 60`},
		{"junior alone > teachers", false, []grow{guardNine.with("junior_backbone_teachers", "61")}, `「初中骨干教师数」: "61" 多于专任教师数 60`},

		{"pupils = classes × largest class", false, []grow{guardBase.with("primary_students", "1080")}, ""},
		{"pupils > classes × largest class", false, []grow{guardBase.with("primary_students", "1081")},
			`「小学在校生数」: "1081" 多于小学班数 24 × 小学最大班额 45 = 1080：在校生数、班数或最大班额有误`},
		{"junior pupils > classes × largest class", false, []grow{guardNine.with("junior_students", "451")}, `「初中在校生数」: "451" 多于初中班数 9 × 初中最大班额 50 = 450`},

		{"training fund = budget", false, []grow{guardBase.with("training_fund", "70")}, ""},
		{"training fund > budget", false, []grow{guardBase.with("training_fund", "70.01")}, `「教师培训经费(万元)」: "70.01" 大于公用经费预算 70 万元`},
		{"budget 100,000 元 a student", false, []grow{guardBase.with("public_fund_budget", "10000")}, ""},
		{"budget above 100,000 元 a student", false, []grow{guardBase.with("public_fund_budget", "10000.01")}, `「公用经费预算(万元)」: "10000.01" 折合生均100000.1元，超过100000元：是否把以元为单位的数填进了万元列？`},
		{"budget 50 元 a student", false, []grow{guardBase.with("public_fund_budget", "5", "training_fund", "0.3")}, ""},
		{"budget below 50 元 a student", false, []grow{guardBase.with("public_fund_budget", "4.99", "training_fund", "0.3")}, "折合生均49.9元，不足50元：请核对单位（本列为万元）"},
		{"budget over students when 核定 is blank", false, []grow{guardBase.with("funded_students", "", "public_fund_budget", "4.99", "training_fund", "0.3")}, "折合生均49.9元"},
		{"per-student fund 50 元", false, []grow{guardBase.with("public_fund_per_student", "50")}, ""},
		{"per-student fund below 50 元", false, []grow{guardBase.with("public_fund_per_student", "0.65")}, `「生均公用经费(元)」: "0.65" 不足50元：本列以元为单位，是否填成了万元？`},
		{"per-student fund 100,000 元", false, []grow{guardBase.with("public_fund_per_student", "100000")}, ""},
		{"per-student fund above 100,000 元", false, []grow{guardBase.with("public_fund_per_student", "100000.5")}, "超过100000元：请核对"},

		{"duplicate row", false, []grow{guardBase, guardBase.with("code", "P2", "name", "丁小学")},
			`第3行「学校名称」: "丁小学" 各项数字与第2行（甲小学）完全相同：是否复制了一行后忘了改数字？`},
		{"one figure differs", false, []grow{guardBase, guardBase.with("code", "P2", "name", "丁小学", "multimedia_rooms", "24")}, ""},
		{"blank differs from 0", false, []grow{guardBase, guardBase.with("code", "P2", "name", "丁小学", "built_year", "2000")}, ""},
		{"duplicate of 8 figures", false, []grow{small, small.with("code", "S2", "name", "戊教学点")}, "各项数字与第2行（丙教学点）完全相同"},
		{"duplicate of 7 figures", false, []grow{small.with("multimedia_rooms", ""), small.with("code", "S2", "name", "戊教学点", "multimedia_rooms", "")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, probs := ParseCSV(guardCSV(tt.yuan, tt.rows...), "data/schools.csv")
			if probs.Err() != nil || table == nil {
				t.Fatal(probs)
			}
			w := probs.Warnings()
			if tt.want == "" {
				if len(w) > 0 {
					t.Errorf("warnings: %v", w)
				}
				return
			}
			if len(w) != 1 || !strings.Contains(w[0].String(), tt.want) {
				t.Errorf("warnings\n%v\nwant one with %q", w, tt.want)
			}
		})
	}
}

// 室内体育用房 larger than the 教学及辅助用房 that holds it is an error: R4 would be negative.
func TestIndoorSportsLargerThanTeachingArea(t *testing.T) {
	_, probs := ParseCSV(guardCSV(false, guardBase.with("indoor_sports_area", "4500")), "data/schools.csv")
	if probs.Err() != nil {
		t.Errorf("indoor = teaching area: %v", probs)
	}
	table, probs := ParseCSV(guardCSV(false, guardBase.with("indoor_sports_area", "4500.5")), "data/schools.csv")
	want := `data/schools.csv 第2行「室内体育用房面积」: "4500.5" 大于教学及辅助用房面积 4500：填写室内体育用房面积时，教学及辅助用房面积应按教育事业统计口径填写（含室内体育用房）`
	if table != nil || !strings.Contains(probs.Error(), want) {
		t.Errorf("problems\n%v\nlack %q", probs, want)
	}
}

// The guards are warnings: a strict build fails on them as on every warning, a normal one goes on.
func TestGuardsAreWarnings(t *testing.T) {
	table, probs := ParseCSV(guardCSV(false, guardBase.with("primary_students", "1081", "name", "合计")), "data/schools.csv")
	if table == nil || probs.Err() != nil || len(probs.Warnings()) != 2 {
		t.Errorf("table %v, problems %v", table != nil, probs)
	}
}

// BenchmarkGuard runs the guards alone over a loaded table of 200,000 campuses.
func BenchmarkGuard(b *testing.B) {
	var rows []grow
	for i := range 200_000 {
		rows = append(rows, guardBase.with("code", strconv.Itoa(i), "name", "校"+strconv.Itoa(i), "primary_students", strconv.Itoa(500+i%500), "teaching_area", strconv.Itoa(4500+i)))
	}
	table, probs := ParseCSV(guardCSV(false, rows...), "synth.csv")
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	for b.Loop() {
		guard(table)
	}
}

// Copies of two rows, interleaved: each copy names the first row of its figures.
func TestGuardDuplicatesInterleaved(t *testing.T) {
	a, b := guardBase, guardBase.with("teaching_area", "4600")
	rows := []grow{a, b.with("code", "B1"), a.with("code", "A2"), b.with("code", "B2"), a.with("code", "A3"), guardNine}
	_, probs := ParseCSV(guardCSV(false, rows...), "data/schools.csv")
	var got []string
	for _, p := range probs.Warnings() {
		got = append(got, strconv.Itoa(p.Line)+"→"+p.Message[strings.Index(p.Message, "第"):strings.Index(p.Message, "行")])
	}
	if want := "4→第2,5→第3,6→第2"; strings.Join(got, ",") != want {
		t.Errorf("copies %v, want %s (%v)", got, want, probs)
	}
}
