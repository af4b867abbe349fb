package audit_test

import (
	"encoding/csv"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
)

// sheet makes school tables from the rows of the example's table, changed cell by cell.
type sheet struct {
	header []string
	rows   map[string][]string // by 学校名称
}

func exampleSheet(t testing.TB) *sheet {
	t.Helper()
	f, err := os.Open("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	s := &sheet{header: recs[0], rows: map[string][]string{}}
	for _, r := range recs[1:] {
		s.rows[r[1]] = r
	}
	return s
}

// one is a table of one school of the example, its cells changed by set (by header); a header
// the example lacks is added.
func (s *sheet) one(t testing.TB, name string, set map[string]string) *data.Table {
	t.Helper()
	header := append([]string(nil), s.header...)
	r := append([]string(nil), s.rows[name]...)
	if r == nil {
		t.Fatalf("no school %s", name)
	}
	for _, h := range slices.Sorted(maps.Keys(set)) {
		i := slices.Index(header, h)
		if i < 0 {
			header, r, i = append(header, h), append(r, ""), len(header)
		}
		r[i] = set[h]
	}
	return table(t, header, r)
}

func table(t testing.TB, header []string, rows ...[]string) *data.Table {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	tab, probs := data.ParseCSV([]byte(b.String()), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return tab
}

func audited(t testing.TB, tab *data.Table) []audit.Finding {
	t.Helper()
	p := profile(t)
	county := &data.County{Table: tab}
	res := eval.Evaluate(eval.Input{Profile: p, County: county, Year: 2025})
	return audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025})
}

// Each identity on a row that breaks it and on one that just keeps it.
func TestIdentities(t *testing.T) {
	s := exampleSheet(t)
	for _, c := range []struct {
		name   string
		school string
		set    map[string]string
		want   string // "" when the row is fine
	}{
		{"小学 with junior students", "示例县第一小学", map[string]string{"初中在校生数": "40", "初中班数": "1", "初中最大班额": "40", "初中高于规定学历教师数": "2", "初中骨干教师数": "0", "初中体育艺术专任教师数": "0"},
			"第2行「初中在校生数」: \"40\" 示例县第一小学：学校类型为小学，却有初中在校生 40 人"},
		{"初中 with primary students", "示例县第一初级中学", map[string]string{"小学在校生数": "30", "小学班数": "1", "小学最大班额": "30", "小学高于规定学历教师数": "2", "小学骨干教师数": "0", "小学体育艺术专任教师数": "0"},
			"「小学在校生数」: \"30\" 示例县第一初级中学：学校类型为初级中学，却有小学在校生 30 人"},
		{"完全中学 without seniors", "示例县第一中学", map[string]string{"高中在校生数": "0"},
			"「高中在校生数」: \"0\" 示例县第一中学：完全中学未填高中在校生（或为 0）"},
		{"完全中学 with seniors", "示例县第一中学", nil, ""},
		{"九年一贯制 with seniors", "示例县育才学校", map[string]string{"高中在校生数": "1"},
			"「高中在校生数」: \"1\" 示例县育才学校：学校类型为九年一贯制学校，却有高中在校生 1 人"},
		{"largest class above the students", "清水乡上坪教学点", map[string]string{"小学最大班额": "24"},
			"「小学最大班额」: \"24\" 清水乡上坪教学点：最大班额 24 人，多于小学在校生 23 人"},
		{"largest class = the students", "清水乡上坪教学点", map[string]string{"小学最大班额": "23"}, ""},
		{"more classes than students", "石桥乡石门教学点", map[string]string{"小学班数": "13", "小学最大班额": "1"},
			"「小学班数」: \"13\" 石桥乡石门教学点：小学班数 13 个，多于小学在校生 12 人"},
		{"as many classes as students", "石桥乡石门教学点", map[string]string{"小学班数": "12", "小学最大班额": "1"}, ""},
		// 1443 pupils in 32 classes: 32 × 45 = 1440; in 33: 1485.
		{"beyond the standard's classes, largest blank", "示例县第一小学", map[string]string{"小学班数": "32", "小学最大班额": ""},
			"「小学在校生数」: \"1443\" 示例县第一小学：多于小学班数 32 × 标准班额 45 人 = 1440 人：平均班额 45.09 人已超过标准，而最大班额未填"},
		{"within the standard's classes, largest blank", "示例县第一小学", map[string]string{"小学班数": "33", "小学最大班额": ""}, ""},
		{"培训经费决算 above 公用经费决算", "示例县第一小学", map[string]string{"公用经费决算(万元)": "100", "教师培训经费决算(万元)": "100.01"},
			"「教师培训经费决算(万元)」: \"100.01\" 示例县第一小学：大于公用经费决算 100 万元"},
		{"培训经费决算 = 公用经费决算", "示例县第一小学", map[string]string{"公用经费决算(万元)": "100", "教师培训经费决算(万元)": "100"}, ""},
		// 1443 pupils: 1.1 × 1443 = 1587.3.
		{"funded students well above the pupils", "示例县第一小学", map[string]string{"公用经费核定学生数": "1588"},
			"「公用经费核定学生数」: \"1588\" 示例县第一小学：多于在校生 1443 人的 1.1 倍"},
		{"funded students a little above", "示例县第一小学", map[string]string{"公用经费核定学生数": "1587"}, ""},
		// A teaching point of 23 funded as 100: 110 is the limit.
		{"small school funded above 100", "清水乡上坪教学点", map[string]string{"公用经费核定学生数": "111", "小学最大班额": "23"},
			"清水乡上坪教学点：多于在校生 23 人（不足 100 人按 100 人核定）的 1.1 倍"},
		{"small school funded as 110", "清水乡上坪教学点", map[string]string{"公用经费核定学生数": "110", "小学最大班额": "23"}, ""},
	} {
		tab := s.one(t, c.school, c.set)
		got := lines(audited(t, tab))
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: got\n%s\nwant %q", c.name, got, c.want)
		}
	}
}

// some is a table of the example's schools names, each changed by its set.
func (s *sheet) some(t testing.TB, names []string, sets map[string]map[string]string) *data.Table {
	t.Helper()
	var rows [][]string
	for _, n := range names {
		r := append([]string(nil), s.rows[n]...)
		if r == nil {
			t.Fatalf("no school %s", n)
		}
		for h, v := range sets[n] {
			r[slices.Index(s.header, h)] = v
		}
		rows = append(rows, r)
	}
	return table(t, s.header, rows...)
}

// bigPrimary are 17 小学 of the example, each with more than 1,000 m² of rooms and grounds.
var bigPrimary = []string{"示例县第一小学", "示例县第二小学", "示例县第三小学", "示例县第四小学", "示例县第五小学", "示例县第六小学",
	"示例县第七小学", "示例县实验小学（东校区）", "示例县实验小学（西校区）", "青石镇中心小学", "柳河镇中心小学", "白杨镇中心小学",
	"三溪镇中心小学", "青石镇第二小学", "柳河镇第二小学", "白杨镇第二小学", "三溪镇第二小学"}

func TestPatterns(t *testing.T) {
	s := exampleSheet(t)
	area := func(vs ...string) map[string]map[string]string {
		m := map[string]map[string]string{}
		for i, v := range vs {
			m[bigPrimary[i]] = map[string]string{"教学及辅助用房面积": v}
		}
		return m
	}
	set := func(name string, cells ...string) map[string]map[string]string {
		m := map[string]string{}
		for i := 0; i < len(cells); i += 2 {
			m[cells[i]] = cells[i+1]
		}
		return map[string]map[string]string{name: m}
	}
	for _, c := range []struct {
		name  string
		names []string
		sets  map[string]map[string]string
		want  string
	}{
		{"5 round areas of 16", bigPrimary[:16], area("9600", "7800", "9700", "8800", "8600"),
			"【数字规律】data/schools.csv「教学及辅助用房面积」: 16 所学校中有 5 所（31.25%）的数值是 100 平方米的整倍数"},
		{"5 round areas of 17", bigPrimary, area("9600", "7800", "9700", "8800", "8600"), ""},
		{"4 round areas of 10", bigPrimary[:10], area("9600", "7800", "9700", "8800"), ""},
		{"a school all round", bigPrimary[:3], set("示例县第一小学", "教学及辅助用房面积", "9600", "体育运动场馆面积", "12800", "教学仪器设备值(万元)", "550"),
			"第2行: 示例县第一小学：教学及辅助用房面积 9600，体育运动场馆面积 12800，教学仪器设备值(万元) 550，都是整数"},
		{"a school all round but its equipment", bigPrimary[:3], set("示例县第一小学", "教学及辅助用房面积", "9600", "体育运动场馆面积", "12800", "教学仪器设备值(万元)", "555"), ""},
		{"a school all round, under 1,000 m²", []string{"石桥乡王家村小学"}, set("石桥乡王家村小学", "教学及辅助用房面积", "900", "体育运动场馆面积", "2000", "教学仪器设备值(万元)", "100"), ""},
		{"one area at three schools", bigPrimary[:4], map[string]map[string]string{
			bigPrimary[1]: {"体育运动场馆面积": "12877.5"}, bigPrimary[2]: {"体育运动场馆面积": "12877.5"}},
			"第2行「体育运动场馆面积」: \"12877.5\" 3 所学校的这一数值完全相同：示例县第一小学（第2行）、示例县第二小学（第3行）、示例县第三小学（第4行）"},
		{"one area at two schools", bigPrimary[:4], map[string]map[string]string{bigPrimary[1]: {"体育运动场馆面积": "12877.5"}}, ""},
		// 示例县第一小学: 1443 pupils. R4 4.5 m² a pupil: 6493.5 m²; 6500 m² is 4.5045, just 0.1 % above.
		{"R4 on the standard", bigPrimary[:1], set("示例县第一小学", "教学及辅助用房面积", "6493.5"),
			"第2行「教学及辅助用房面积」: \"6493.5\" 示例县第一小学：R4 生均教学及辅助用房面积 4.5，恰好落在标准 4.5 平方米上"},
		{"R4 0.1 % above", bigPrimary[:1], set("示例县第一小学", "教学及辅助用房面积", "6500"), ""},
		{"R4 below", bigPrimary[:1], set("示例县第一小学", "教学及辅助用房面积", "6493"), ""},
		{"R6 on the standard", bigPrimary[:1], set("示例县第一小学", "教学仪器设备值(万元)", "288.6"),
			"「教学仪器设备值(万元)」: \"288.6\" 示例县第一小学：R6 生均教学仪器设备值 2000，恰好落在标准 2000 元上"},
	} {
		got := lines(audited(t, s.some(t, c.names, c.sets)))
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: got\n%s\nwant %q", c.name, got, c.want)
		}
	}
}
