// Package synth generates school tables of any size for benchmarks and load tests: a plausible
// mix of urban, town and rural campuses, 九年一贯制 and 完全中学 that must be split, small 教学点
// and special schools, with internally consistent counts. It is deterministic for a seed.
package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Header is the school table's header row, in Chinese as a county fills it in.
var Header = []string{"学校代码", "学校名称", "学校类型", "办学性质", "城乡类别", "寄宿制", "建成年份",
	"小学在校生数", "初中在校生数", "高中在校生数", "随迁子女数", "小学班数", "初中班数", "小学最大班额", "初中最大班额",
	"小学高于规定学历教师数", "初中高于规定学历教师数", "小学骨干教师数", "初中骨干教师数", "小学体育艺术专任教师数",
	"初中体育艺术专任教师数", "走教兼职体育艺术教师数", "专任教师数", "持证专任教师数", "教学及辅助用房面积",
	"体育运动场馆面积", "租用改造体育场地面积", "教学仪器设备值(万元)", "网络多媒体教室数", "音乐专用教室数",
	"音乐专用教室最小面积", "美术专用教室数", "美术专用教室最小面积", "公用经费核定学生数", "生均公用经费(元)",
	"公用经费预算(万元)", "教师培训经费(万元)"}

// CSV returns a school table of n campuses as UTF-8 CSV.
func CSV(n int, seed uint64) []byte { return table(n, seed, false) }

// table writes n random campuses, each brought up to the standard when good.
func table(n int, seed uint64, good bool) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b bytes.Buffer
	b.Grow(n * 220)
	w := csv.NewWriter(&b)
	w.Write(Header)
	rec := make([]string, len(Header))
	for i := range n {
		campus(r, i, rec)
		if good {
			improve(r, rec)
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

func campus(r *rand.Rand, i int, rec []string) {
	u := func(a, b float64) float64 { return a + r.Float64()*(b-a) }
	itoa := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	ftoa := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

	area := [...]data.Area{data.Urban, data.Town, data.Rural, data.Rural}[r.IntN(4)]
	var typ standard.SchoolType
	var a, b, c int
	switch k := r.IntN(100); {
	case k < 45:
		typ, a = standard.TypePrimary, 60+r.IntN(1800)
	case k < 65:
		typ, b = standard.TypeJunior, 200+r.IntN(1500)
	case k < 78:
		typ, a, b = standard.TypeNineYear, 100+r.IntN(900), 80+r.IntN(700)
	case k < 84:
		typ, b, c = standard.TypeComplete, 300+r.IntN(1200), 300+r.IntN(1500)
	case k < 86:
		typ, a, b, c = standard.TypeTwelveYear, 200+r.IntN(600), 150+r.IntN(500), 100+r.IntN(400)
	case k < 97:
		typ, a = standard.TypeTeachingPoint, 5+r.IntN(120)
	case k < 99:
		typ, a, b = standard.TypeSpecial, 30+r.IntN(80), 10+r.IntN(60)
	default:
		typ = standard.TypeVocational
	}
	classSize := map[data.Area]float64{data.Urban: 42, data.Town: 38, data.Rural: 25}[area]
	pc, jc := ceilDiv(a, classSize), ceilDiv(b, classSize+4)
	pt, jt := int(math.Max(2, float64(a)/u(12, 18))), int(math.Max(3, float64(b)/u(9, 13)))
	if a == 0 {
		pt = 0
	}
	if b == 0 {
		jt = 0
	}
	w := float64(a) + 1.1*float64(b) + 1.32*float64(c)
	teachers := pt + jt + c/12 + 5
	for j := range rec {
		rec[j] = ""
	}
	rec[0] = fmt.Sprintf("%010d", 3600000000+i)
	rec[1] = fmt.Sprintf("第%d学校", i+1)
	rec[2], rec[3], rec[4] = string(typ), "公办", string(area)
	rec[5] = "否"
	rec[6] = strconv.Itoa(1980 + r.IntN(44))
	rec[7], rec[8], rec[9] = itoa(a), itoa(b), itoa(c)
	rec[10] = strconv.Itoa(int(float64(a+b) * u(0, 0.3)))
	rec[11], rec[12] = itoa(pc), itoa(jc)
	if a > 0 {
		rec[13] = strconv.Itoa(min(45, int(classSize)+r.IntN(4)))
		rec[15] = strconv.Itoa(int(float64(pt) * u(0.9, 1)))
		rec[17] = strconv.Itoa(int(math.Ceil(float64(a) * u(0.9, 2.2) / 100)))
		rec[19] = strconv.Itoa(int(math.Ceil(float64(a) * u(0.8, 1.6) / 100)))
	}
	if b > 0 {
		rec[14] = strconv.Itoa(min(50, int(classSize)+4+r.IntN(4)))
		rec[16] = strconv.Itoa(int(float64(jt) * u(0.85, 1)))
		rec[18] = strconv.Itoa(int(math.Ceil(float64(b) * u(0.9, 2.4) / 100)))
		rec[20] = strconv.Itoa(int(math.Ceil(float64(b) * u(0.8, 1.6) / 100)))
	}
	certified := teachers
	if r.IntN(50) == 0 { // about 2% of schools have a teacher without a certificate
		certified--
	}
	rec[22], rec[23] = strconv.Itoa(teachers), strconv.Itoa(certified)
	rec[24] = ftoa(w * u(4.3, 9))
	rec[25] = ftoa(w * u(7, 20))
	rec[27] = strconv.FormatFloat(w*u(1900, 4500)/10000, 'f', 2, 64)
	rec[28] = strconv.Itoa(int(float64(pc+jc)*u(0.95, 1.3)) + 1)
	rooms := int(math.Max(1, math.Ceil(float64(pc+jc)/12)))
	rec[29], rec[31] = strconv.Itoa(rooms), strconv.Itoa(rooms)
	rec[30], rec[32] = ftoa(u(93, 130)), ftoa(u(88, 125))
	rec[33] = strconv.Itoa(max(a+b, 100))
	if typ == standard.TypeSpecial {
		rec[34] = strconv.Itoa(5800 + r.IntN(1500))
	}
	budget := float64(a)*0.072 + float64(b)*0.094 + 1
	rec[35] = strconv.FormatFloat(budget, 'f', 2, 64)
	rec[36] = strconv.FormatFloat(budget*u(0.045, 0.09), 'f', 2, 64)
}

func ceilDiv(n int, size float64) int {
	if n == 0 {
		return 0
	}
	return int(math.Ceil(float64(n) / size))
}

// WriteSite makes dir a site with a generated county of n campuses: site.toml, data/ and
// content/ are copied from the site at root (the repository's example), and data/schools.csv is
// replaced by CSV(n, seed).
func WriteSite(root, dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	site, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), site, 0o644); err != nil {
		return err
	}
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "data", "schools.csv"), CSV(n, seed), 0o644)
}
