package standard

import (
	"strings"
	"testing"
	"time"
)

func day0(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestRelaxationInForce(t *testing.T) {
	r := Relaxation{From: day0("2019-11-01"), Until: day0("2022-10-31")}
	tests := []struct {
		name string
		day  string
		year int
		want bool
	}{
		{"the day before the first", "2019-10-31", 2019, false},
		{"the first day", "2019-11-01", 2019, true},
		{"the last day", "2022-10-31", 2022, true},
		{"the last day, late in the evening", "2022-10-31T23:59:59+08:00", 2022, true},
		{"the day after the last", "2022-11-01", 2022, false},
		{"no date: the year of the first day", "", 2019, true},
		{"no date: the year of the last day", "", 2022, true},
		{"no date: the year after", "", 2023, false},
		{"no date: the year before", "", 2018, false},
		{"neither date nor year", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d time.Time
			if tt.day != "" {
				var err error
				if d, err = time.Parse(time.RFC3339, tt.day); err != nil {
					d = day0(tt.day)
				}
			}
			if got := r.InForce(d, tt.year); got != tt.want {
				t.Errorf("InForce(%s, %d) = %v, want %v", tt.day, tt.year, got, tt.want)
			}
		})
	}
	if !(Relaxation{}).InForce(day0("2100-01-01"), 2100) {
		t.Error("a relaxation without a window applies always")
	}
	if w := r.Window(); w != "2019年11月1日至2022年10月31日" {
		t.Errorf("window %q", w)
	}
}

// The national profile declares the five relaxations of 工作规程 附件3 without dates, with the
// three-year deadline only where the text sets it; Hunan inherits them.
func TestBuiltinRelaxations(t *testing.T) {
	for _, id := range []string{"national-2017", "hunan-2021"} {
		p, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		deadlines := map[string]int{}
		for _, rid := range RelaxationIDs {
			r := p.Relaxation(rid)
			if r.Window() != "" || r.Name == "" || !strings.Contains(r.Basis, "工作规程附件3") {
				t.Errorf("%s %s: %+v", id, rid, r)
			}
			deadlines[rid] = r.DeadlineYears
		}
		want := map[string]int{RelaxOldSchoolRooms: 3, RelaxSmallRuralRooms: 3, RelaxSchoolSize: 3, RelaxSharedTeachers: 0, RelaxLeasedSports: 0}
		for k, v := range want {
			if deadlines[k] != v {
				t.Errorf("%s %s: deadline_years %d, want %d", id, k, deadlines[k], v)
			}
		}
	}
}

func TestRelaxationsInAProfile(t *testing.T) {
	base := "id = \"my\"\nname = \"本省标准\"\nextends = \"national-2017\"\n"
	p, probs := Parse("profiles/my.toml", []byte(base+"[[relaxations]]\nid = \"school_size\"\nuntil = 2022-10-31\ndeadline_years = 2\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	r := p.Relaxation(RelaxSchoolSize)
	if !r.Until.Equal(day0("2022-10-31")) || r.DeadlineYears != 2 || r.Name == "" {
		t.Errorf("declared %+v", r)
	}
	// A profile that declares its own list replaces the base's: the others apply without limit.
	if r := p.Relaxation(RelaxOldSchoolRooms); r.DeadlineYears != 0 || r.Name == "" {
		t.Errorf("undeclared %+v", r)
	}
	p.SetEvaluationDate(day0("2022-11-01"), 2022)
	if p.InForce(RelaxSchoolSize) || !p.InForce(RelaxOldSchoolRooms) {
		t.Error("school_size should have lapsed on 2022-11-01, old_school_rooms not")
	}
	tests := []struct{ name, src, want string }{
		{"unknown id", "[[relaxations]]\nid = \"school_sizes\"\n", "未知的放宽口径"},
		{"twice", "[[relaxations]]\nid = \"school_size\"\n[[relaxations]]\nid = \"school_size\"\n", "重复声明"},
		{"until before from", "[[relaxations]]\nid = \"school_size\"\nfrom = 2022-01-01\nuntil = 2021-12-31\n", "截止日期早于起始日期 2022年1月1日"},
		{"deadline 11 years", "[[relaxations]]\nid = \"school_size\"\ndeadline_years = 11\n", "应为 0–10 的整数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("profiles/my.toml", []byte(base+tt.src))
			if !strings.Contains(probs.Error(), tt.want) {
				t.Errorf("problems %v, want %q", probs, tt.want)
			}
		})
	}
}
