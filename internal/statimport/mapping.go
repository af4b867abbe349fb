package statimport

import (
	_ "embed"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/suggest"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// DefaultMapping is the built-in mapping file, documented in its comments.
//
//go:embed default.toml
var DefaultMapping []byte

// The mapping as messages name it.
const (
	BuiltinName = "内置对应表"
	// OverrideFile, in the site folder beside site.toml, changes entries of the built-in mapping.
	OverrideFile = "import.toml"
)

// IndoorSportsKey is the column of 室内体育用房面积: the statistics count it in 教学及辅助用房.
const IndoorSportsKey = "indoor_sports_area"

// IndoorSportsHeader is its header in the school table.
const IndoorSportsHeader = "室内体育用房面积"

// Mapping says which columns of the statistics and the roster make each column of the school
// table.
type Mapping struct {
	School  SchoolKeys      `toml:"school"`
	Columns map[string]Rule `toml:"columns"`
	Values  Values          `toml:"values"`
	Roster  RosterKeys      `toml:"roster"`
	// Tables maps the 表号 of older per-school sheets (基础基111) to the one the paths use.
	Tables map[string]string `toml:"tables"`

	// Compiled from the above.
	keys  map[string]Path // school: code, name, … → path
	rules []rule          // in the order of the school table
}

// SchoolKeys are the columns that name and classify a school.
type SchoolKeys struct {
	Code      string `toml:"code"`
	Name      string `toml:"name"`
	Type      string `toml:"type"`
	Ownership string `toml:"ownership"`
	Area      string `toml:"area"`
	Counted   string `toml:"counted"`
	Parent    string `toml:"parent"`
	County    string `toml:"county"`
}

// Rule makes one column: the sum of columns minus others, or the top non-empty class-size band.
type Rule struct {
	Sum   []string `toml:"sum"`
	Minus []string `toml:"minus"`
	Bands []string `toml:"bands"`
}

// Values map the statistics' codes and words to the school table's choices.
type Values struct {
	Type      map[string]string `toml:"type"`
	Ownership map[string]string `toml:"ownership"`
	Area      map[string]string `toml:"area"` // by the start of 城乡类型代码
}

// RosterKeys are the roster's columns and the values its rules count.
type RosterKeys struct {
	Code             string              `toml:"code"`
	ID               string              `toml:"id"`
	Name             string              `toml:"name"`
	Level            string              `toml:"level"`
	Degree           string              `toml:"degree"`
	Backbone         string              `toml:"backbone"`
	Subject          string              `toml:"subject"`
	Certificate      string              `toml:"certificate"`
	FullTime         string              `toml:"full_time"`
	Exchange         string              `toml:"exchange"`
	Staffing         string              `toml:"staffing"`
	CountedStaffing  []string            `toml:"counted_staffing"`
	ExcludedStaffing []string            `toml:"excluded_staffing"`
	BackboneLevels   []string            `toml:"backbone_levels"`
	PEArtSubjects    []string            `toml:"pe_art_subjects"`
	Qualified        map[string][]string `toml:"qualified"`
	OtherDegrees     []string            `toml:"other_degrees"`
	NotBackbone      []string            `toml:"not_backbone"`
}

// rule is a compiled Rule.
type rule struct {
	key        string
	sum, minus []Path
	bands      []band
}

type band struct {
	path   Path
	lo, hi int // hi 0: open above (66人及以上)
	label  string
}

// LoadMapping returns the built-in mapping changed by the site's import.toml, when there is one.
func LoadMapping(site string) (*Mapping, diag.List) {
	m := &Mapping{}
	if probs := tomlfile.Decode(BuiltinName, DefaultMapping, m); len(probs) > 0 {
		return nil, probs // a broken build
	}
	path := filepath.Join(site, OverrideFile)
	src, err := tomlfile.ReadFile(path)
	switch {
	case os.IsNotExist(err):
		return m, m.compile(BuiltinName, nil)
	case err != nil:
		return nil, diag.List{{File: OverrideFile, Message: "无法读取：" + diag.SysError(err)}}
	}
	if probs := tomlfile.Decode(OverrideFile, src, m); probs.Err() != nil {
		return nil, probs
	}
	return m, m.compile(OverrideFile, src)
}

// ParseMapping reads a mapping file on its own, without the built-in defaults (for tests).
func ParseMapping(name string, src []byte) (*Mapping, diag.List) {
	m := &Mapping{}
	if probs := tomlfile.Decode(name, src, m); probs.Err() != nil {
		return nil, probs
	}
	return m, m.compile(name, src)
}

// columnKeys are the school table's columns a rule may make.
func columnKeys() []string {
	var keys []string
	for _, c := range data.Columns {
		switch c.Key {
		case "code", "name", "type", "ownership", "area", "equipment_value_yuan":
			continue
		}
		keys = append(keys, c.Key)
	}
	return append(keys, IndoorSportsKey)
}

// compile parses every path and checks every key; src locates the problems of a user's file.
func (m *Mapping) compile(name string, src []byte) diag.List {
	var probs diag.List
	lines := tomlfile.NewIndex(string(src))
	line := func(key ...string) int {
		if src == nil {
			return 0
		}
		return lines.Line(key)
	}
	m.keys = map[string]Path{}
	for key, s := range map[string]string{"code": m.School.Code, "name": m.School.Name, "type": m.School.Type,
		"ownership": m.School.Ownership, "area": m.School.Area, "counted": m.School.Counted, "parent": m.School.Parent, "county": m.School.County} {
		if s == "" {
			if key == "code" || key == "name" {
				probs.Add(name, line("school"), "school."+key, "", "不能为空")
			}
			continue
		}
		if p := ParsePath(s); p != nil {
			m.keys[key] = p
		} else {
			probs.Add(name, line("school", key), "school."+key, s, "%s", badPath)
		}
	}
	known := columnKeys()
	order := map[string]int{}
	for i, k := range known {
		order[k] = i
	}
	for _, key := range slices.Sorted(maps.Keys(m.Columns)) {
		r := m.Columns[key]
		at := "columns." + key
		if _, ok := order[key]; !ok {
			probs.Add(name, line("columns", key), at, "", "学校数据表没有这一列%s", columnHint(key, known))
			continue
		}
		cr := rule{key: key}
		for _, list := range []struct {
			field string
			in    []string
			out   *[]Path
		}{{"sum", r.Sum, &cr.sum}, {"minus", r.Minus, &cr.minus}} {
			for _, s := range list.in {
				if p := ParsePath(s); p != nil {
					*list.out = append(*list.out, p)
				} else {
					probs.Add(name, line("columns", key, list.field), at+"."+list.field, s, "%s", badPath)
				}
			}
		}
		if len(r.Bands) > 0 {
			if !strings.HasSuffix(key, "_max_class") {
				probs.Add(name, line("columns", key, "bands"), at+".bands", "", "班额段只能用于最大班额")
			}
			if len(r.Sum) > 0 || len(r.Minus) > 0 {
				probs.Add(name, line("columns", key), at, "", "bands 不能与 sum、minus 同时使用")
			}
			for _, s := range r.Bands {
				p := ParsePath(s)
				if p == nil {
					probs.Add(name, line("columns", key, "bands"), at+".bands", s, "%s", badPath)
					continue
				}
				lo, hi, ok := bandRange(p[len(p)-1])
				if !ok {
					probs.Add(name, line("columns", key, "bands"), at+".bands", s, "末级不是班额段（应如「25人及以下」「41-45人」「66人及以上」）")
					continue
				}
				cr.bands = append(cr.bands, band{path: p, lo: lo, hi: hi, label: p[len(p)-1]})
			}
		}
		if len(cr.sum) == 0 && len(cr.bands) == 0 {
			continue // not imported
		}
		m.rules = append(m.rules, cr)
	}
	slices.SortFunc(m.rules, func(a, b rule) int { return order[a.key] - order[b.key] })
	for _, v := range []struct {
		key string
		m   map[string]string
		ok  []string
	}{{"type", m.Values.Type, data.Choices("type")}, {"ownership", m.Values.Ownership, data.Choices("ownership")}, {"area", m.Values.Area, data.Choices("area")}} {
		for _, k := range slices.Sorted(maps.Keys(v.m)) {
			if !slices.Contains(v.ok, v.m[k]) {
				probs.Add(name, line("values", v.key, k), "values."+v.key+"."+k, v.m[k], "不是学校数据表的取值（可填：%s）", strings.Join(v.ok, "、"))
			}
		}
	}
	return probs
}

const badPath = "不是有效的表头路径（各级以 › 相连，每级不能为空，最多 16 级）"

func columnHint(key string, known []string) string {
	if h := suggest.Hint(key, known); h != "" {
		return h
	}
	return "（可用的列：" + strings.Join(known, "、") + "）"
}

var (
	bandBelow = regexp.MustCompile(`^(\d+)人(?:及)?以下$`)
	bandAbove = regexp.MustCompile(`^(\d+)人(?:及)?以上$`)
	bandRng   = regexp.MustCompile(`^(\d+)[-~～—–至](\d+)人$`)
)

// bandRange reads a class-size band: 「25人及以下」 is 0–25, 「41-45人」 41–45, 「66人及以上」 66 and
// more (hi 0).
func bandRange(label string) (lo, hi int, ok bool) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := bandBelow.FindStringSubmatch(label); m != nil && len(m[1]) <= 4 {
		return 0, atoi(m[1]), true
	}
	if m := bandAbove.FindStringSubmatch(label); m != nil && len(m[1]) <= 4 {
		return atoi(m[1]), 0, true
	}
	if m := bandRng.FindStringSubmatch(label); m != nil && len(m[1]) <= 4 && len(m[2]) <= 4 && atoi(m[1]) <= atoi(m[2]) {
		return atoi(m[1]), atoi(m[2]), true
	}
	return 0, 0, false
}

// header returns the header a column key has in the school table.
func header(key string) string {
	if key == IndoorSportsKey {
		return IndoorSportsHeader
	}
	return data.HeaderOf(key)
}

func (b band) String() string { return fmt.Sprintf("「%s」", b.label) }

// suggestPath is suggest.Hint over header paths.
func suggestPath(p string, have []string) string { return suggest.Hint(p, have) }
