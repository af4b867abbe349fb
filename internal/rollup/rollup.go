// Package rollup is the model of `youjun rollup`: many counties, each re-evaluated from its own
// data, side by side for a 市 or 省 office. It is the presentation model its renderers (rollhtml,
// rollsheet, rollpdf) read, and its JSON form is rollup.json, a stable contract: fields may be
// added, the documented ones are never renamed. It is pure: the counties come in already
// summed up (package assess makes a County from an evaluation), and Make orders, groups and
// ranks them; the same counties always give the same bytes.
package rollup

// Format names the layout of rollup.json; a reader of --previous refuses other formats.
const Format = "youjun-rollup/1"

// The verdicts of a county: the evaluation's three, and one for a county that could not be
// evaluated (its package is broken, its data has errors).
const (
	Met       = "达到"
	NotMet    = "未达到"
	Pending   = "待补充"
	Failed    = "无法评估"
	NotNeeded = "不适用"
)

// The verification states of a county's packaged evaluation.json.
const (
	Verified   = "一致"   // re-evaluation gives the packaged result_sha256 and the files match the manifest
	Mismatch   = "不一致"  // a figure, a digest or a file differs: see Findings
	Unverified = "未核对"  // a bare site folder: there is no packaged evaluation to compare
	Unchecked  = "无法核对" // the county could not be evaluated
)

// Rollup is rollup.json.
type Rollup struct {
	Format  string `json:"format"`
	Version string `json:"youjun_version"`
	// Title names the rollup, e.g. 示例省县域义务教育优质均衡发展督导评估汇总.
	Title string `json:"title"`
	// Date is the rollup's date (YYYY-MM-DD): --date, else the latest county report's date.
	Date string `json:"date"`
	// Summary counts every county; Groups count each province and each city.
	Summary Group   `json:"summary"`
	Groups  []Group `json:"groups"`
	// Counties by code (the official order), then those without a code by province, city,
	// name and input.
	Counties []County `json:"counties"`
	// Changes since the previous rollup (--previous); null without one.
	Changes *Changes `json:"changes"`
	// CriticalBand is the distance to the limit below which a CV is 临界, as the profiles set it.
	CriticalBand float64 `json:"critical_band"`
}

// Group counts the counties of one province or one city (or all of them: the summary).
type Group struct {
	Kind     string `json:"kind"` // "all", "province" or "city"
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	Counties int    `json:"counties"`
	Met      int    `json:"met"`
	NotMet   int    `json:"not_met"`
	Pending  int    `json:"pending"`
	Failed   int    `json:"failed"`
	// Eligible counts the counties whose 申报条件 P1–P5 are all 达到.
	Eligible int `json:"eligible"`
	// Critical counts the counties with at least one 临界 CV.
	Critical int `json:"critical"`
	// Mismatched counts the counties whose package does not verify.
	Mismatched     int `json:"mismatched"`
	FailingSchools int `json:"failing_schools"`
	Units          int `json:"units"`
}

// County is one county as the rollup shows it.
type County struct {
	// ID names the county's pages (counties/<id>.html): its code when it has a unique one,
	// else its place in the input order, four digits.
	ID string `json:"id"`
	// Input is the input it was read from, as given on the command line or found in a folder.
	Input string `json:"input"`
	Kind  string `json:"kind"` // "package" or "site"
	Code  string `json:"code"` // 行政区划代码 (site.toml's code); "" when not given
	Name  string `json:"name"`
	// Province and City come from site.toml.
	Province    string `json:"province"`
	City        string `json:"city"`
	Year        int    `json:"year,omitempty"`
	Date        string `json:"date,omitempty"` // the report's date (site.toml)
	Profile     string `json:"profile,omitempty"`
	ProfileName string `json:"profile_name,omitempty"`
	// Error says, in Chinese, why the county could not be evaluated; Verdict is then 无法评估.
	Error string `json:"error,omitempty"`
	// Verdict is evaluation.json's conclusion; Eligibility its eligibility (P1–P5 together).
	Verdict     string `json:"verdict"`
	Eligibility string `json:"eligibility,omitempty"`
	// Rank orders the evaluated counties by MaxCVRatio, 1 the most balanced; 0 when unranked.
	Rank int `json:"rank,omitempty"`
	// MaxCVRatio is the largest CV ÷ its limit over both levels: above 1 a CV fails.
	MaxCVRatio *float64 `json:"max_cv_ratio"`
	Readiness  []Item   `json:"readiness"` // P1–P5
	Levels     []Level  `json:"levels"`
	// History is the 基本均衡 composite CVs of P2, by year and level.
	History []History `json:"history"`
	// Figures are the county-level checks of the other items (G, Q, S, V, H …).
	Figures []Figure `json:"figures"`
	// FailingSchools counts the distinct schools that fail a resource unit or a school item.
	FailingSchools int `json:"failing_schools"`
	Units          int `json:"units"`
	Failures       int `json:"failures"` // evaluation.json's failures
	Pending        int `json:"pending"`  // evaluation.json's pending
	Critical       int `json:"critical"` // CVs flagged 临界
	// Problems are the 问题清单 for 反馈意见: what fails, from the evaluation and the plan.
	Problems     []Problem    `json:"problems"`
	Verification Verification `json:"verification"`
	// Site is the county's own site inside the rollup output (counties/<id>/index.html) when
	// its package holds html/; "" otherwise.
	Site string `json:"site,omitempty"`
}

// Evaluated reports whether the county was evaluated.
func (c *County) Evaluated() bool { return c.Verdict != Failed }

// Item is one 申报条件 (P1–P5) or another item, with its verdict and one line of what was found.
type Item struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Summary string `json:"summary"`
}

// Level is the resource evaluation of one level, as evaluation.json's resource.primary/junior.
type Level struct {
	Level        string      `json:"level"` // "primary" or "junior"
	Name         string      `json:"name"`  // 小学 or 初中
	Status       string      `json:"status"`
	Units        int         `json:"units"`
	UnitsPassing int         `json:"units_passing"`
	UnitsFailing int         `json:"units_failing"`
	UnitsPending int         `json:"units_pending"`
	CVLimit      float64     `json:"cv_limit"`
	CompositeCV  *float64    `json:"composite_cv"`
	Indicators   []Indicator `json:"indicators"`
}

// Indicator is one resource indicator of a level, with the field names of evaluation.json.
type Indicator struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Unit            string   `json:"unit"`
	Threshold       float64  `json:"threshold"`
	Value           *float64 `json:"value"`
	Std             *float64 `json:"std"`
	CV              *float64 `json:"cv"`
	CVLimit         float64  `json:"cv_limit"`
	CVOK            bool     `json:"cv_ok"`
	CVStatus        string   `json:"cv_status"`
	CVCritical      bool     `json:"cv_critical"`
	ValueStatus     string   `json:"value_status"`
	UnitsMeeting    int      `json:"units_meeting"`
	UnitsBelowFloor int      `json:"units_below_floor"`
	UnitsMissing    int      `json:"units_missing"`
}

// History is one year's 基本均衡 composite CV of one level (P2).
type History struct {
	Year   int      `json:"year"`
	Level  string   `json:"level"` // "primary" or "junior"
	Value  *float64 `json:"value"`
	Limit  float64  `json:"limit"`
	Status string   `json:"status"`
}

// Figure is one county-level check of an item: a number or a yes/no with its threshold.
type Figure struct {
	Item      string   `json:"item"`
	Key       string   `json:"key"`
	Label     string   `json:"label"`
	Op        string   `json:"op"`
	Threshold float64  `json:"threshold"`
	Unit      string   `json:"unit,omitempty"`
	Value     *float64 `json:"value"`
	Bool      *bool    `json:"bool,omitempty"`
	Status    string   `json:"status"`
}

// Problem is one line of a county's 问题清单.
type Problem struct {
	Kind    string `json:"kind"` // "cv", "value", "unit", "item", "b" (evaluation.json's finding kinds) or "shortfall"
	ID      string `json:"id"`
	Level   string `json:"level,omitempty"`
	School  string `json:"school,omitempty"` // the school's code
	Message string `json:"message"`
}

// Verification is how the county's package compares with its re-evaluation.
type Verification struct {
	Status string `json:"status"` // 一致, 不一致, 未核对 or 无法核对
	// ResultSHA256 is the digest of the re-evaluation (evaluation.json's result_sha256 as
	// youjun computes it now); Packaged is the one in the package's evaluation.json.
	ResultSHA256 string    `json:"result_sha256,omitempty"`
	Packaged     string    `json:"packaged_sha256,omitempty"`
	Findings     []Finding `json:"findings"`
}

// Finding is one thing in a package that is not as it should be.
type Finding struct {
	Kind    string `json:"kind"` // "figure", "digest", "manifest", "package"
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Changes are what moved since the previous rollup.
type Changes struct {
	Previous     string `json:"previous"`      // the previous rollup's title
	PreviousDate string `json:"previous_date"` // and its date ("" for a rollup made before dates were kept)
	Moved        []Move `json:"moved"`
	Rose         []Rise `json:"rose"`
	Added        []Ref  `json:"added"`
	Removed      []Ref  `json:"removed"`
}

// Ref names a county.
type Ref struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Move is a county whose verdict changed.
type Move struct {
	Ref
	From string `json:"from"`
	To   string `json:"to"`
}

// Rise is a CV that rose.
type Rise struct {
	Ref
	Level     string `json:"level"`
	Indicator string `json:"indicator"`
	// IndicatorName is the indicator's name (Name is the county's).
	IndicatorName string  `json:"indicator_name"`
	From          float64 `json:"from"`
	To            float64 `json:"to"`
	Limit         float64 `json:"limit"`
}
