// Package standard holds the evaluation standards ("profiles") as data. A profile is a TOML file
// embedded in the binary; it names every indicator and item, its thresholds, floors, CV limits
// and 责任单位. The evaluation reads every number it compares against from a Profile, so a new
// province or a changed threshold is a TOML edit, not a code change.
package standard

import (
	"embed"
	"fmt"
	"maps"
	"math"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/suggest"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

//go:embed profiles/*.toml
var builtin embed.FS

// Default is the profile used when a site names none.
const Default = "national-2017"

// Level is a compulsory-education level.
type Level string

const (
	Primary Level = "primary" // 小学
	Junior  Level = "junior"  // 初中
)

// Levels lists the levels in report order.
var Levels = []Level{Primary, Junior}

// Chinese returns the level's name: 小学 or 初中.
func (l Level) Chinese() string {
	if l == Junior {
		return "初中"
	}
	return "小学"
}

// Profile is one evaluation standard.
type Profile struct {
	ID         string      `toml:"id"`
	Name       string      `toml:"name"`
	Basis      string      `toml:"basis"`
	Extends    string      `toml:"extends"` // a built-in profile this one starts from
	Remove     []string    `toml:"remove"`  // items of the extended profile to drop
	Dimensions []Dimension `toml:"dimensions"`
	Resource   Resource    `toml:"resource"`
	B          BRules      `toml:"b"`
	Items      []Item      `toml:"items"`
	// Relaxations are the relaxed criteria of 工作规程 附件3 with when they apply (relaxation.go).
	Relaxations []Relaxation `toml:"relaxations"`

	evalDate time.Time // the evaluation's date, deciding which relaxations apply; zero: unknown
	evalYear int       // its year, when the date is unknown; 0: unknown
}

// Dimension is a group of items in the report (政府保障程度, 立德树人, …).
type Dimension struct {
	ID   DimensionID `toml:"id"`
	Name string      `toml:"name"`
}

// BRules are the rules of the scored ("B") items, as in Hunan's 计分办法: every item must reach
// item_ratio of its points and the total must reach total; grades name the bands of the total.
type BRules struct {
	ItemRatio float64 `toml:"item_ratio"`
	Total     float64 `toml:"total"`
	Grades    []Grade `toml:"grades"`
}

// Grade is a band of the B total: from Min (inclusive) up to the next grade's Min.
type Grade struct {
	Name string  `toml:"name"`
	Min  float64 `toml:"min"`
}

// ScoringPoint is one evaluation point of a B item with its points.
type ScoringPoint struct {
	Label  string  `toml:"label"`
	Points float64 `toml:"points"`
}

// Resource holds the rules of the seven resource indicators (资源配置).
type Resource struct {
	MinMet                   int          `toml:"min_met"`
	FloorRatio               float64      `toml:"floor_ratio"`
	Tolerance                float64      `toml:"tolerance"`
	CVLimit                  PerLevel     `toml:"cv_limit"`
	CVDecimals               int          `toml:"cv_decimals"`
	CVCriticalBand           float64      `toml:"cv_critical_band"`
	SplitWeight              SplitWeight  `toml:"split_weight"`
	MinTeachingPointStudents int          `toml:"min_teaching_point_students"`
	SharedPEArtStudents      Range        `toml:"shared_pe_art_students"`
	ExcludedTypes            []SchoolType `toml:"excluded_types"`
	// CountyMustMeet requires the county value of every indicator to meet its threshold too
	// (Hunan: 全县和所有小学……达到).
	CountyMustMeet bool        `toml:"county_must_meet"`
	Indicators     []Indicator `toml:"indicators"`
}

// PerLevel is a number given separately for primary and junior.
type PerLevel struct {
	Primary float64 `toml:"primary"`
	Junior  float64 `toml:"junior"`
}

// Of returns the number for level l.
func (p PerLevel) Of(l Level) float64 {
	if l == Junior {
		return p.Junior
	}
	return p.Primary
}

// SplitWeight is the weight of one student of each level when a school's facilities are split.
type SplitWeight struct {
	Primary float64 `toml:"primary"`
	Junior  float64 `toml:"junior"`
	Senior  float64 `toml:"senior"`
}

// Range is an inclusive range of student counts.
type Range struct {
	Min int `toml:"min"`
	Max int `toml:"max"`
}

// Indicator is one resource indicator (R1–R7).
type Indicator struct {
	ID         string   `toml:"id"`
	Number     int      `toml:"number"`  // its number in the profile's own list, when it has one
	Measure    string   `toml:"measure"` // one of Measures(): how eval computes a unit's value
	Name       string   `toml:"name"`
	Short      string   `toml:"short"`
	Unit       string   `toml:"unit"`
	PerHundred bool     `toml:"per_hundred"`
	Primary    float64  `toml:"primary"`
	Junior     float64  `toml:"junior"`
	Owners     []string `toml:"owners"`
}

// Threshold returns the indicator's required value at level l.
func (ind Indicator) Threshold(l Level) float64 {
	if l == Junior {
		return ind.Junior
	}
	return ind.Primary
}

// DimensionName returns the Chinese name of a dimension ID.
func (p *Profile) DimensionName(id DimensionID) string {
	for _, d := range p.Dimensions {
		if d.ID == id {
			return d.Name
		}
	}
	if id == DimResource {
		return "资源配置"
	}
	return string(id)
}

// knownDimension reports whether an item may name id: a dimension of the profile, or one that
// every profile has.
func (p *Profile) knownDimension(id DimensionID) bool {
	return id == DimResource || id == DimVeto || id == DimEligibility || slices.ContainsFunc(p.Dimensions, func(d Dimension) bool { return d.ID == id })
}

// HasB reports whether the profile has scored items.
func (p *Profile) HasB() bool {
	for _, it := range p.Items {
		if it.Kind == KindB {
			return true
		}
	}
	return false
}

// Grade names the band of a B total, or "" below the lowest.
func (b BRules) Grade(total, tol float64) string {
	g := ""
	for _, x := range b.Grades {
		if total >= x.Min-tol*x.Min {
			g = x.Name
		}
	}
	return g
}

// Item is one indicator judged as a whole: G, Q, S, V or P.
type Item struct {
	ID            string             `toml:"id"`
	Number        int                `toml:"number"` // its number in the profile's own list
	Kind          ItemKind           `toml:"kind"`   // A (must be met; the default) or B (scored)
	Points        float64            `toml:"points"` // B: the item's points
	Scoring       []ScoringPoint     `toml:"scoring"`
	Dimension     DimensionID        `toml:"dimension"`
	Name          string             `toml:"name"`
	Short         string             `toml:"short"`
	Owners        []string           `toml:"owners"`
	Rule          string             `toml:"rule"`           // a computation in eval; empty: the checks below
	Types         []SchoolType       `toml:"types"`          // school types a rule applies to
	RoomsRounding string             `toml:"rooms_rounding"` // G3: "ceil" or "floor"
	Groups        []string           `toml:"groups"`         // S1: respondent groups
	SameAs        string             `toml:"same_as"`        // judged exactly as another item
	Params        map[string]float64 `toml:"params"`
	Inputs        []Input            `toml:"inputs"`
	Checks        []Check            `toml:"checks"`
}

// Input is a figure the county enters in data/county.toml under [<item id>].
type Input struct {
	Key   string `toml:"key"`
	Type  string `toml:"type"` // "bool" or "number"
	Unit  string `toml:"unit"`
	Label string `toml:"label"`
	// Min and Max narrow the plausible values that the unit implies (see Bounds), e.g. max = 1
	// for a rate entered as a fraction.
	Min *float64 `toml:"min"`
	Max *float64 `toml:"max"`
}

// Bounds are the plausible values of a number input: outside them a value is a typing mistake
// (250 for a rate, a salary of 1e300) and is refused before it reaches a verdict.
type Bounds struct {
	Min, Max float64
	MinOpen  bool // the value must be greater than Min
	Integer  bool
	Percent  bool // a percentage: 97.6 means 97.6 %
}

// Plausibility limits by unit. Counts are of people, rooms or questionnaires in one county;
// money is per person or per student per year.
const (
	MaxCount  = 100_000_000
	MaxAmount = 10_000_000
	MaxPlain  = 1_000_000
	MinYear   = 1900
	MaxYear   = 2100
)

// countUnits are the units of whole things.
var countUnits = []string{"人", "间", "所", "个", "份", "名", "台", "套", "册", "班"}

// Bounds returns the plausible values of the input from its unit, narrowed by its min and
// max. Every profile gets them without listing a range for each input.
func (in Input) Bounds() Bounds {
	var b Bounds
	switch {
	case in.Unit == "%":
		b = Bounds{Min: 0, Max: 100, Percent: true}
	case slices.Contains(countUnits, in.Unit):
		b = Bounds{Min: 0, Max: MaxCount, Integer: true}
	case in.Unit == "元":
		b = Bounds{Min: 0, MinOpen: true, Max: MaxAmount}
	case in.Unit == "年":
		b = Bounds{Min: MinYear, Max: MaxYear, Integer: true}
	default:
		b = Bounds{Min: 0, Max: MaxPlain}
	}
	if in.Min != nil {
		b.Min, b.MinOpen = *in.Min, false
	}
	if in.Max != nil {
		b.Max = *in.Max
	}
	return b
}

// Check returns why v is not a plausible value, in Chinese, or "" when it is.
func (b Bounds) Check(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "不是有效的数字（nan、inf 不能用作填报数值）"
	case b.Percent && (v < b.Min || v > b.Max):
		return fmt.Sprintf("比例应在 %s–%s 之间（填百分数，如 97.6）", num.Exact(b.Min), num.Exact(b.Max))
	case b.Integer && b.Min == MinYear && (v < b.Min || v > b.Max || v != math.Trunc(v)):
		return fmt.Sprintf("应为 %d–%d 之间的年份", MinYear, MaxYear)
	case v < b.Min || b.MinOpen && v == b.Min:
		if b.MinOpen {
			return fmt.Sprintf("应为大于 %s 的数字", num.Exact(b.Min))
		}
		return fmt.Sprintf("应为不小于 %s 的数字", num.Exact(b.Min))
	case v > b.Max && b.Max >= 1000:
		return fmt.Sprintf("不能大于 %s（数值不合常理，请检查是否多填了位数）", formatLimit(b.Max))
	case v > b.Max:
		return fmt.Sprintf("不能大于 %s", formatLimit(b.Max))
	case b.Integer && v != math.Trunc(v):
		return "应为整数"
	}
	return ""
}

// formatLimit writes a limit as a clerk reads it: 10000000, not 1e+07.
func formatLimit(v float64) string { return num.Exact(v) }

// Check compares one input (or a ratio of two) with a number.
type Check struct {
	Key     string  `toml:"key"`
	Over    string  `toml:"over"`    // divide key by this input
	Percent bool    `toml:"percent"` // multiply the ratio by 100
	Op      string  `toml:"op"`      // yes, no, >=, <=, <, years_since
	Value   float64 `toml:"value"`
	Label   string  `toml:"label"`
}

// Input returns the item's input named key.
func (it Item) Input(key string) (Input, bool) {
	for _, in := range it.Inputs {
		if in.Key == key {
			return in, true
		}
	}
	return Input{}, false
}

// Param returns a rule parameter; Validate guarantees that the rule's parameters exist.
func (it Item) Param(name string) float64 { return it.Params[name] }

// AppliesTo reports whether a rule with a type list covers schools of type t.
func (it Item) AppliesTo(t SchoolType) bool { return slices.Contains(it.Types, t) }

// Item returns the item with the given ID.
func (p *Profile) Item(id string) (*Item, bool) {
	for i := range p.Items {
		if p.Items[i].ID == id {
			return &p.Items[i], true
		}
	}
	return nil, false
}

// Indicator returns the resource indicator with the given ID.
func (p *Profile) Indicator(id string) (*Indicator, bool) {
	for i := range p.Resource.Indicators {
		if p.Resource.Indicators[i].ID == id {
			return &p.Resource.Indicators[i], true
		}
	}
	return nil, false
}

// Builtin returns the IDs of the profiles embedded in the binary.
func Builtin() []string {
	entries, _ := builtin.ReadDir("profiles")
	var ids []string
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(ids)
	return ids
}

// Source returns the TOML text of a built-in profile.
func Source(id string) ([]byte, error) {
	src, err := builtin.ReadFile(path.Join("profiles", id+".toml"))
	if err != nil {
		msg := fmt.Sprintf("未知的评估标准「%s」，可用的有：%s", id, strings.Join(Builtin(), "、"))
		msg += suggest.Hint(id, Builtin())
		return nil, fmt.Errorf("%s", msg)
	}
	return src, nil
}

// Load returns the built-in profile id.
func Load(id string) (*Profile, error) {
	src, err := Source(id)
	if err != nil {
		return nil, err
	}
	p, probs := Parse("profiles/"+id+".toml", src)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// Parse decodes and validates a profile. A profile that extends a built-in one starts from it:
// its own resource settings, B rules and dimensions replace the base's where it gives them, its
// items replace the base's items of the same ID or are added, and `remove` drops base items.
func Parse(file string, src []byte) (*Profile, diag.List) {
	var p Profile
	md, probs := tomlfile.DecodeMeta(file, src, &p)
	if len(probs) > 0 {
		return nil, probs
	}
	if probs := p.checkSize(file); len(probs) > 0 {
		return nil, probs
	}
	if p.Extends != "" {
		base, err := Load(p.Extends)
		if err != nil {
			return nil, diag.List{{File: file, Line: tomlfile.LineOf(string(src), toml.Key{"extends"}), Column: "extends", Message: err.Error()}}
		}
		merged, mp := extend(base, &p, md, file)
		if len(mp) > 0 {
			return nil, mp
		}
		p = *merged
	}
	if probs := p.Validate(file); len(probs) > 0 {
		return nil, probs
	}
	return &p, nil
}

// extend lays child over base.
func extend(base, child *Profile, md toml.MetaData, file string) (*Profile, diag.List) {
	out := *base
	out.ID, out.Name, out.Basis, out.Extends = child.ID, child.Name, child.Basis, child.Extends
	if out.Name == "" {
		out.Name = base.Name
	}
	if out.Basis == "" {
		out.Basis = base.Basis
	}
	if md.IsDefined("dimensions") {
		out.Dimensions = child.Dimensions
	}
	if md.IsDefined("b") {
		out.B = child.B
	}
	if md.IsDefined("relaxations") {
		out.Relaxations = child.Relaxations
	}
	// Resource settings one by one, so that a profile may change only what differs.
	rb, rc := reflect.ValueOf(&out.Resource).Elem(), reflect.ValueOf(&child.Resource).Elem()
	for i := range rb.NumField() {
		tag, _, _ := strings.Cut(rb.Type().Field(i).Tag.Get("toml"), ",")
		if md.IsDefined("resource", tag) {
			rb.Field(i).Set(rc.Field(i))
		}
	}
	var probs diag.List
	out.Items = nil
	for _, it := range base.Items {
		if !slices.Contains(child.Remove, it.ID) {
			out.Items = append(out.Items, it)
		}
	}
	for _, id := range child.Remove {
		if _, ok := base.Item(id); !ok {
			probs.Add(file, 0, "remove", id, "基础评估标准 %s 中没有这一项", base.ID)
		}
	}
	for _, it := range child.Items {
		replaced := false
		for i := range out.Items {
			if out.Items[i].ID == it.ID {
				out.Items[i], replaced = it, true
			}
		}
		if !replaced {
			out.Items = append(out.Items, it)
		}
	}
	// Keep the items grouped in the order of the dimensions, as the report lists them.
	rank := map[DimensionID]int{}
	for i, d := range out.Dimensions {
		rank[d.ID] = i
	}
	sort.SliceStable(out.Items, func(i, j int) bool { return rank[out.Items[i].Dimension] < rank[out.Items[j].Dimension] })
	return &out, probs
}

// Open returns the profile a site names: a built-in ID, or a .toml file (relative to dir).
func Open(dir, name string) (*Profile, diag.List) {
	if !strings.HasSuffix(name, ".toml") {
		p, err := Load(name)
		if err != nil {
			return nil, diag.List{{File: "site.toml", Column: "standard.profile", Message: err.Error()}}
		}
		return p, nil
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, name)
	}
	src, err := tomlfile.ReadFile(path)
	if err != nil {
		return nil, diag.List{{File: name, Message: "无法读取评估标准文件：" + diag.SysError(err)}}
	}
	return Parse(filepath.ToSlash(name), src)
}

// Limits on the lists of a profile: a real standard has a few dozen items. Validation and
// evaluation look items up by ID, so a profile of thousands of items would take minutes.
const (
	maxItems      = 300
	maxIndicators = 30
	maxPerItem    = 50 // inputs, checks, scoring points, parameters, types and groups of one item
	maxShortList  = 50 // dimensions, grades, excluded types, removed items
)

// checkSize refuses a profile whose lists are far longer than any real standard's.
func (p *Profile) checkSize(file string) diag.List {
	var probs diag.List
	tooMany := func(column string, n, limit int) {
		if n > limit {
			probs.Add(file, 0, column, "", "有 %d 项，超过 %d 项的上限，不像是一个评估标准", n, limit)
		}
	}
	tooMany("items", len(p.Items), maxItems)
	tooMany("resource.indicators", len(p.Resource.Indicators), maxIndicators)
	tooMany("dimensions", len(p.Dimensions), maxShortList)
	tooMany("b.grades", len(p.B.Grades), maxShortList)
	tooMany("resource.excluded_types", len(p.Resource.ExcludedTypes), maxShortList)
	tooMany("remove", len(p.Remove), maxShortList)
	for _, it := range p.Items {
		for _, n := range []int{len(it.Inputs), len(it.Checks), len(it.Scoring), len(it.Params), len(it.Types), len(it.Groups), len(it.Owners)} {
			if n > maxPerItem {
				tooMany(it.ID, n, maxPerItem)
				break
			}
		}
	}
	return probs
}

// Validate checks that the profile is complete and consistent.
func (p *Profile) Validate(file string) diag.List {
	if probs := p.checkSize(file); len(probs) > 0 {
		return probs
	}
	var probs diag.List
	bad := func(column, format string, args ...any) { probs.Add(file, 0, column, "", format, args...) }
	if p.ID == "" {
		bad("id", "缺少评估标准标识")
	}
	r := p.Resource
	if len(r.Indicators) == 0 {
		bad("resource.indicators", "没有资源配置指标")
	}
	if r.MinMet < 1 || r.MinMet > len(r.Indicators) {
		bad("resource.min_met", "每校达标项数应在 1 到 %d 之间，现为 %d", len(r.Indicators), r.MinMet)
	}
	if r.FloorRatio <= 0 || r.FloorRatio > 1 {
		bad("resource.floor_ratio", "余项下限比例应在 0 到 1 之间，现为 %s", num.Exact(r.FloorRatio))
	}
	if r.Tolerance < 0 || r.Tolerance > 1e-6 {
		bad("resource.tolerance", "比较容差应在 0 到 0.000001 之间，现为 %s", num.Exact(r.Tolerance))
	}
	for _, l := range Levels {
		if r.CVLimit.Of(l) <= 0 {
			bad("resource.cv_limit."+string(l), "缺少%s差异系数上限", l.Chinese())
		}
	}
	if r.CVDecimals != 0 && r.CVDecimals != 2 && r.CVDecimals != 3 {
		bad("resource.cv_decimals", "差异系数比较位数只能是 0（不舍入）、2 或 3，现为 %d", r.CVDecimals)
	}
	if r.SplitWeight.Primary <= 0 || r.SplitWeight.Junior <= 0 || r.SplitWeight.Senior <= 0 {
		bad("resource.split_weight", "拆分折算系数必须都大于 0")
	}
	for _, t := range r.ExcludedTypes {
		if !slices.Contains(SchoolTypes, t) {
			bad("resource.excluded_types", "未知的学校类型「%s」", t)
		}
	}
	seen := map[string]bool{}
	for i, ind := range r.Indicators {
		col := fmt.Sprintf("resource.indicators[%d]", i+1)
		if ind.ID == "" {
			bad(col, "缺少指标标识 id")
			continue
		}
		if seen[ind.ID] {
			bad(col, "指标标识「%s」重复", ind.ID)
		}
		seen[ind.ID] = true
		for _, l := range Levels {
			if ind.Threshold(l) <= 0 {
				bad(ind.ID+"."+string(l), "指标 %s 缺少%s标准值", ind.ID, l.Chinese())
			}
		}
		if ind.Name == "" {
			bad(ind.ID, "指标 %s 缺少名称", ind.ID)
		}
		// Every value of an indicator is printed with its unit (公文: 2050元, not 2050).
		if strings.TrimSpace(ind.Unit) == "" {
			bad(ind.ID+".unit", "指标 %s 缺少单位 unit（如 人、间、平方米、元）", ind.ID)
		}
		if !slices.Contains(measures, ind.Measure) {
			msg := fmt.Sprintf("指标 %s 的计算方法 measure「%s」未知", ind.ID, ind.Measure)
			msg += suggest.Hint(ind.Measure, measures)
			bad(ind.ID+".measure", "%s", msg)
		}
	}
	if len(p.Dimensions) == 0 {
		bad("dimensions", "缺少维度列表 dimensions")
	}
	// nan and absurd numbers: the checks above let nan through, as every comparison with it is false.
	for _, n := range p.Numbers() {
		if msg := n.Bounds.Check(n.Value); msg != "" {
			probs.Add(file, 0, n.Path, formatLimit(n.Value), "%s", msg)
		}
	}
	probs = append(probs, p.validateB(file)...)
	probs = append(probs, p.validateRelaxations(file)...)
	for _, it := range p.Items {
		if it.ID == "" {
			bad("items", "有一项缺少标识 id")
			continue
		}
		if seen[it.ID] {
			bad(it.ID, "指标标识「%s」重复", it.ID)
		}
		seen[it.ID] = true
		probs = append(probs, it.validate(file, p)...)
	}
	return probs
}

func (it Item) validate(file string, p *Profile) diag.List {
	var probs diag.List
	bad := func(format string, args ...any) { probs.Add(file, 0, it.ID, "", format, args...) }
	if !p.knownDimension(it.Dimension) {
		bad("未知的维度「%s」（维度须在 dimensions 中列出）", it.Dimension)
	}
	if it.Name == "" {
		bad("缺少名称")
	}
	switch it.Kind {
	case "", KindA:
	case KindB:
		return append(probs, it.validateB(file)...)
	default:
		bad("指标性质 kind 只能是 A 或 B，现为「%s」", it.Kind)
	}
	if len(it.Scoring) > 0 || it.Points != 0 {
		bad("只有 B 类（计分）指标才有 points 和 scoring")
	}
	ways := 0
	if it.Rule != "" {
		ways++
	}
	if len(it.Checks) > 0 {
		ways++
	}
	if it.SameAs != "" {
		ways++
	}
	if ways != 1 {
		bad("须且只能用 rule、checks、same_as 之一给出判定方法")
	}
	if it.SameAs != "" {
		if other, ok := p.Item(it.SameAs); !ok || other.SameAs != "" {
			bad("same_as 指向的「%s」不存在或本身也是 same_as", it.SameAs)
		}
	}
	if it.Rule != "" {
		rule, ok := Rule(it.Rule)
		if !ok {
			msg := fmt.Sprintf("未知的计算规则「%s」", it.Rule)
			msg += suggest.Hint(it.Rule, RuleNames())
			bad("%s", msg)
		}
		params := rule.ParamNames()
		for _, name := range params {
			if _, ok := it.Params[name]; !ok {
				bad("缺少参数 params.%s", name)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(it.Params)) {
			if !slices.Contains(params, name) {
				msg := fmt.Sprintf("规则 %s 没有参数 params.%s", it.Rule, name)
				msg += suggest.Hint(name, params)
				bad("%s", msg)
			}
		}
	}
	if it.RoomsRounding != "" && it.RoomsRounding != "ceil" && it.RoomsRounding != "floor" {
		bad("rooms_rounding 只能是 ceil 或 floor，现为「%s」", it.RoomsRounding)
	}
	for _, t := range it.Types {
		if !slices.Contains(SchoolTypes, t) {
			bad("未知的学校类型「%s」", t)
		}
	}
	keys := map[string]bool{}
	for _, in := range it.Inputs {
		if in.Key == "" || in.Key == "evidence" || in.Key == "note" || keys[in.Key] {
			bad("输入项的键「%s」为空、重复或为保留字", in.Key)
		}
		keys[in.Key] = true
		if in.Type != "bool" && in.Type != "number" {
			bad("输入项 %s 的类型只能是 bool 或 number，现为「%s」", in.Key, in.Type)
		}
		if in.Label == "" {
			bad("输入项 %s 缺少中文说明 label", in.Key)
		}
		if b := in.Bounds(); !(b.Min <= b.Max) || math.IsInf(b.Min, 0) || math.IsInf(b.Max, 0) || (in.Min != nil || in.Max != nil) && in.Type != "number" {
			bad("输入项 %s 的 min、max 应为有限的数，min 不大于 max，且只用于数值项", in.Key)
		}
	}
	for _, c := range it.Checks {
		in, ok := it.Input(c.Key)
		if !ok {
			bad("判定引用了未声明的输入项「%s」", c.Key)
			continue
		}
		switch c.Op {
		case "yes", "no":
			if in.Type != "bool" || c.Over != "" {
				bad("%s 的判定 %s 只适用于是否项", c.Key, c.Op)
			}
		case ">=", "<=", "<", "years_since":
			if in.Type != "number" {
				bad("%s 的判定 %s 只适用于数值项", c.Key, c.Op)
			}
			if c.Over != "" {
				if o, ok := it.Input(c.Over); !ok || o.Type != "number" {
					bad("判定 %s 的分母「%s」未声明或不是数值项", c.Key, c.Over)
				}
			}
		default:
			bad("未知的判定方式「%s」（可用 yes、no、>=、<=、<、years_since）", c.Op)
		}
		if c.Percent && c.Over == "" {
			bad("判定 %s 设了 percent 却没有分母 over", c.Key)
		}
	}
	return probs
}

// validateB checks a scored item: its evaluation points add up to its points.
func (it Item) validateB(file string) diag.List {
	var probs diag.List
	bad := func(format string, args ...any) { probs.Add(file, 0, it.ID, "", format, args...) }
	if it.Rule != "" || len(it.Checks) > 0 || it.SameAs != "" {
		bad("B 类指标由县里按评估要点自评计分，不能有 rule、checks 或 same_as")
	}
	if it.Points <= 0 || len(it.Scoring) == 0 {
		bad("B 类指标须有分值 points 和评估要点 scoring")
		return probs
	}
	sum := 0.0
	for i, sp := range it.Scoring {
		if sp.Points <= 0 || sp.Label == "" {
			bad("第%d个评估要点缺少说明 label 或分值 points", i+1)
		}
		sum += sp.Points
	}
	if math.Abs(sum-it.Points) > 1e-9 {
		bad("各评估要点分值之和为 %s，与指标分值 %s 不符", num.Plain(sum), num.Plain(it.Points))
	}
	return probs
}

// validateB checks the B rules and that the B items' points add up to 100.
func (p *Profile) validateB(file string) diag.List {
	var probs diag.List
	if !p.HasB() {
		return nil
	}
	total := 0.0
	for _, it := range p.Items {
		if it.Kind == KindB {
			total += it.Points
		}
	}
	if math.Abs(total-100) > 1e-9 {
		probs.Add(file, 0, "items", "", "B 类指标总分为 %s，应为 100", num.Plain(total))
	}
	b := p.B
	if b.ItemRatio <= 0 || b.ItemRatio > 1 {
		probs.Add(file, 0, "b.item_ratio", "", "单项得分率下限应在 0 到 1 之间，现为 %s", num.Exact(b.ItemRatio))
	}
	if b.Total <= 0 || b.Total > 100 {
		probs.Add(file, 0, "b.total", "", "总分下限应在 0 到 100 之间，现为 %s", num.Exact(b.Total))
	}
	if len(b.Grades) == 0 {
		probs.Add(file, 0, "b.grades", "", "缺少等次 grades")
	}
	for i := 1; i < len(b.Grades); i++ {
		if b.Grades[i].Min <= b.Grades[i-1].Min {
			probs.Add(file, 0, "b.grades", "", "等次须按分数从低到高排列")
		}
	}
	return probs
}

// Numbers lists every number of the profile that a site may override, by path:
// "resource.cv_limit.primary", "R1.primary", "G3.music_area", "G9.training_completion_rate",
// each with the values that make sense for it.
func (p *Profile) Numbers() []Number {
	r := &p.Resource
	ratio := Bounds{Min: 0, MinOpen: true, Max: 1}
	count := Bounds{Min: 0, Max: MaxPlain, Integer: true}
	ns := []Number{
		intNumber("resource.min_met", &r.MinMet, Bounds{Min: 1, Max: float64(len(r.Indicators)), Integer: true}),
		floatNumber("resource.floor_ratio", &r.FloorRatio, ratio),
		floatNumber("resource.tolerance", &r.Tolerance, Bounds{Min: 0, Max: 1e-6}),
		floatNumber("resource.cv_limit.primary", &r.CVLimit.Primary, ratio),
		floatNumber("resource.cv_limit.junior", &r.CVLimit.Junior, ratio),
		intNumber("resource.cv_decimals", &r.CVDecimals, Bounds{Min: 0, Max: 6, Integer: true}),
		floatNumber("resource.cv_critical_band", &r.CVCriticalBand, Bounds{Min: 0, Max: 1}),
		floatNumber("resource.split_weight.primary", &r.SplitWeight.Primary, Bounds{Min: 0, MinOpen: true, Max: 10}),
		floatNumber("resource.split_weight.junior", &r.SplitWeight.Junior, Bounds{Min: 0, MinOpen: true, Max: 10}),
		floatNumber("resource.split_weight.senior", &r.SplitWeight.Senior, Bounds{Min: 0, MinOpen: true, Max: 10}),
		intNumber("resource.min_teaching_point_students", &r.MinTeachingPointStudents, count),
		intNumber("resource.shared_pe_art_students.min", &r.SharedPEArtStudents.Min, count),
		intNumber("resource.shared_pe_art_students.max", &r.SharedPEArtStudents.Max, count),
	}
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		b := Bounds{Min: 0, MinOpen: true, Max: MaxAmount}
		ns = append(ns, floatNumber(ind.ID+".primary", &ind.Primary, b), floatNumber(ind.ID+".junior", &ind.Junior, b))
	}
	for i := range p.Items {
		it := &p.Items[i]
		rule, _ := Rule(it.Rule)
		for _, name := range slices.Sorted(maps.Keys(it.Params)) {
			params := it.Params
			param, _ := rule.Param(name) // an unknown parameter (refused by Validate) is an Amount
			ns = append(ns, Number{Path: it.ID + "." + name, Value: params[name], Bounds: param.Kind.bounds(), set: func(v float64) error {
				params[name] = v
				return nil
			}})
		}
		for j := range it.Checks {
			c := &it.Checks[j]
			ns = append(ns, floatNumber(it.ID+"."+c.Key, &c.Value, it.checkBounds(*c)))
		}
	}
	return ns
}

// checkBounds are the values that make sense for a check's number: a percentage of a ratio
// 0–100, a number of years 0–100, otherwise the bounds of the input compared.
func (it Item) checkBounds(c Check) Bounds {
	switch {
	case c.Op == "years_since":
		return Bounds{Min: 0, Max: 100}
	case c.Percent:
		return Bounds{Min: 0, Max: 100, Percent: true}
	case c.Over != "":
		return Bounds{Min: 0, Max: MaxPlain}
	}
	in, _ := it.Input(c.Key)
	b := in.Bounds()
	b.MinOpen, b.Integer = false, false // a threshold may lie between whole values
	return b
}

// Number is one overridable number of a profile.
type Number struct {
	Path   string
	Value  float64
	Bounds Bounds // the values that make sense
	set    func(float64) error
}

func floatNumber(path string, f *float64, b Bounds) Number {
	return Number{Path: path, Value: *f, Bounds: b, set: func(v float64) error { *f = v; return nil }}
}

func intNumber(path string, n *int, b Bounds) Number {
	return Number{Path: path, Value: float64(*n), Bounds: b, set: func(v float64) error {
		*n = int(v)
		return nil
	}}
}

// Number returns the overridable number at path.
func (p *Profile) Number(path string) (Number, bool) {
	for _, n := range p.Numbers() {
		if n.Path == path {
			return n, true
		}
	}
	return Number{}, false
}

// Override sets numbers by path (from site.toml's [standard.override]) and revalidates the
// profile. Unknown paths are reported with the closest known path; a value that makes no sense
// for its path (nan, inf, a negative threshold, a CV limit above 1) is refused, as it would
// otherwise turn into a verdict.
func (p *Profile) Override(file string, values map[string]float64) diag.List {
	numbers := p.Numbers()
	byPath := make(map[string]Number, len(numbers))
	paths := make([]string, len(numbers))
	for i, n := range numbers {
		byPath[n.Path] = n
		paths[i] = n.Path
	}
	var probs diag.List
	for _, path := range slices.Sorted(maps.Keys(values)) {
		n, ok := byPath[path]
		if !ok {
			msg := "评估标准中没有这个数值"
			if len(probs) < tomlfile.MaxProblems { // past the listed problems, a suggestion is not worth its cost
				msg += suggest.Hint(path, paths)
			}
			probs.Add(file, 0, "standard.override."+path, "", "%s", msg)
			continue
		}
		v := values[path]
		if msg := n.Bounds.Check(v); msg != "" {
			probs.Add(file, 0, "standard.override."+path, formatLimit(v), "%s", msg)
			continue
		}
		if err := n.set(v); err != nil {
			probs.Add(file, 0, "standard.override."+path, formatLimit(v), "%v", err)
		}
	}
	// The profile is revalidated even when some values were refused above (those were not
	// set), so that every problem is reported in one run: "cv_decimals" = 5 is within its
	// bounds but only 0, 2 and 3 are allowed, and a clerk should not learn that only after
	// fixing a negative threshold elsewhere.
	for _, pr := range p.Validate(file) {
		// A problem with an overridden number is the override's.
		if _, ok := values[pr.Column]; ok {
			pr.Column = "standard.override." + pr.Column
		}
		probs = append(probs, pr)
	}
	return tomlfile.Truncate(file, probs)
}
