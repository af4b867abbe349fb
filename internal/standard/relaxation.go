package standard

import (
	"fmt"
	"slices"
	"time"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// The relaxed criteria of 《县域义务教育优质均衡发展国家督导评估认定工作规程》(国教督办函〔2019〕30号)
// 附件3 that the evaluation applies. Each is computed by a rule or measure of eval; a profile
// states when it applies and by when a school relying on it must meet the full standard.
const (
	RelaxOldSchoolRooms  = "old_school_rooms"       // (六) 2016年及之前规划并建成: 音乐、美术专用教室 73、67 m²
	RelaxSmallRuralRooms = "small_rural_rooms"      // (六) 最大班额低于30人的农村小规模学校: 54 / 61 m²
	RelaxSchoolSize      = "school_size"            // (七) 2010年及之前建成或随迁子女占比超过50%: 2400 / 3000 人
	RelaxSharedTeachers  = "shared_pe_art_teachers" // (四) 50–99人的农村小规模学校计入交流轮岗、兼职、走教的体育艺术教师
	RelaxLeasedSports    = "extra_sports_area"      // (五) 城区学校计入改造或租赁的专用运动场地
)

// relaxationNames are the names of the relaxations, for a profile that does not declare one.
var relaxationNames = map[string]string{
	RelaxOldSchoolRooms:  "2016年及之前规划并建成的学校，音乐、美术专用教室按放宽面积评估",
	RelaxSmallRuralRooms: "最大班额低于30人的农村小规模学校，音乐、美术专用教室按放宽面积评估",
	RelaxSchoolSize:      "2010年及之前规划并建成或随迁子女占比超过50%的学校，规模按放宽标准评估",
	RelaxSharedTeachers:  "50–99人的农村小规模学校，体育艺术教师可计入交流轮岗、兼职、走教教师",
	RelaxLeasedSports:    "城区学校体育运动场馆面积可计入改造或租赁的专用运动场地",
}

// RelaxationIDs lists the relaxations eval knows, in report order.
var RelaxationIDs = []string{RelaxOldSchoolRooms, RelaxSmallRuralRooms, RelaxSchoolSize, RelaxSharedTeachers, RelaxLeasedSports}

// Relaxation is one relaxed criterion with the time it applies. 工作规程 grants them 「近三年评估中」
// and, for the rooms and the school size, 「认定后三年之内达到规定标准要求」.
type Relaxation struct {
	ID    string `toml:"id"`
	Name  string `toml:"name"`  // what it allows, for the report
	Short string `toml:"short"` // a few words for a table column; "" = Name
	Basis string `toml:"basis"` // the text that grants it
	// From and Until are the first and the last day of evaluations it applies to (both
	// included, TOML dates such as 2022-12-31); a zero date leaves that end open.
	From  time.Time `toml:"from"`
	Until time.Time `toml:"until"`
	// DeadlineYears: a school relying on it must meet the full standard within so many years
	// of the county's recognition (认定年份 + DeadlineYears); 0 when the text sets no deadline.
	DeadlineYears int `toml:"deadline_years"`
}

// maxDeadlineYears bounds deadline_years: the text says three.
const maxDeadlineYears = 10

// Relaxation returns the relaxation id as the profile declares it, or, when it does not, the
// relaxation under its default name with no time limit and no deadline: it applies as the
// item's parameters say, as it did before profiles carried dates.
func (p *Profile) Relaxation(id string) Relaxation {
	for _, r := range p.Relaxations {
		if r.ID == id {
			if r.Name == "" {
				r.Name = relaxationNames[id]
			}
			if r.Short == "" {
				r.Short = r.Name
			}
			return r
		}
	}
	return Relaxation{ID: id, Name: relaxationNames[id], Short: relaxationNames[id]}
}

// SetEvaluationDate sets the date of the evaluation that decides whether each relaxation
// applies: the report's date (site.toml date) when given, else its year (site.toml year).
// Without either every relaxation applies.
func (p *Profile) SetEvaluationDate(date time.Time, year int) {
	p.evalDate, p.evalYear = date, year
}

// EvaluationDate returns what SetEvaluationDate set.
func (p *Profile) EvaluationDate() (time.Time, int) { return p.evalDate, p.evalYear }

// InForce reports whether relaxation id applies at the profile's evaluation date.
func (p *Profile) InForce(id string) bool {
	return p.Relaxation(id).InForce(p.evalDate, p.evalYear)
}

// InForce reports whether the relaxation applies to an evaluation on date, or, when the date
// is zero, in year: a year is in force when any of its days is (the report's date settles a
// window that ends within the year). With neither it applies.
func (r Relaxation) InForce(date time.Time, year int) bool {
	switch {
	case !date.IsZero():
		d := day(date)
		return (r.From.IsZero() || !d.Before(day(r.From))) && (r.Until.IsZero() || !d.After(day(r.Until)))
	case year != 0:
		return (r.From.IsZero() || year >= r.From.Year()) && (r.Until.IsZero() || year <= r.Until.Year())
	}
	return true
}

// Window describes when the relaxation applies, "2019年11月1日至2022年10月31日"; "" when always.
func (r Relaxation) Window() string {
	switch {
	case r.From.IsZero() && r.Until.IsZero():
		return ""
	case r.From.IsZero():
		return ChineseDate(r.Until) + "及以前"
	case r.Until.IsZero():
		return ChineseDate(r.From) + "起"
	}
	return ChineseDate(r.From) + "至" + ChineseDate(r.Until)
}

// ChineseDate writes a date as 2022年10月31日.
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// day is the calendar day of t, whatever its clock time and zone.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// validateRelaxations checks the declared relaxations: known, once each, a window that is not
// empty, a plausible deadline.
func (p *Profile) validateRelaxations(file string) diag.List {
	var probs diag.List
	seen := map[string]bool{}
	for i, r := range p.Relaxations {
		col := fmt.Sprintf("relaxations[%d]", i+1)
		switch {
		case !slices.Contains(RelaxationIDs, r.ID):
			probs.Add(file, 0, col+".id", r.ID, "未知的放宽口径（可用 %s）%s", joinIDs(), suggest.Hint(r.ID, RelaxationIDs))
			continue
		case seen[r.ID]:
			probs.Add(file, 0, col+".id", r.ID, "重复声明")
		}
		seen[r.ID] = true
		if !r.From.IsZero() && !r.Until.IsZero() && day(r.Until).Before(day(r.From)) {
			probs.Add(file, 0, col+".until", ChineseDate(r.Until), "截止日期早于起始日期 %s", ChineseDate(r.From))
		}
		if r.DeadlineYears < 0 || r.DeadlineYears > maxDeadlineYears {
			probs.Add(file, 0, col+".deadline_years", fmt.Sprint(r.DeadlineYears), "应为 0–%d 的整数（认定后几年内达到标准；0 表示文件未规定）", maxDeadlineYears)
		}
	}
	return probs
}

func joinIDs() string {
	s := ""
	for i, id := range RelaxationIDs {
		if i > 0 {
			s += "、"
		}
		s += id
	}
	return s
}
