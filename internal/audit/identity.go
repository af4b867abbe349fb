package audit

import (
	"fmt"
	"math"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Thresholds of the identities.
const (
	// fundedSlack: the 公用经费核定学生数 of a school may exceed its pupils (a small school is
	// funded as min_funded_students, G6), but by more than a tenth over the larger of the two
	// it funds pupils the school does not have.
	fundedSlack = 1.1
	// shareTolerance: the split shares of a campus, recomputed here, must agree with the
	// evaluation's to this relative difference (float rounding only).
	shareTolerance = 1e-9
)

// cell makes a finding about the cell of column key in school s's row.
func cell(t *data.Table, s *data.School, kind Kind, key, format string, args ...any) Finding {
	f := Finding{Kind: kind, File: t.File, Row: s.Row, Code: s.Code, School: s.Name, Message: fmt.Sprintf(format, args...)}
	if c := data.ColumnByKey(key); c != nil {
		f.Column, f.Value = c.Header, c.Format(s)
	}
	return f
}

// identities checks each row against itself.
func identities(in Input) []Finding {
	t := in.County.Table
	limits := classLimits(in.Profile)
	funded := minFunded(in.Profile)
	var fs []Finding
	for i := range t.Schools {
		s := &t.Schools[i]
		fs = typeLevels(fs, t, s)
		fs = classes(fs, t, s, limits)
		fs = funds(fs, t, s, funded)
	}
	if in.Result != nil {
		fs = append(fs, splitShares(in)...)
	}
	return fs
}

// typeLevels flags a campus whose students are of levels its type does not have. The levels
// decide the units and the split, so a wrong type or a count in the wrong column moves
// resources from one level to another.
func typeLevels(fs []Finding, t *data.Table, s *data.School) []Finding {
	p, j, sr := s.PrimaryStudents.Value, s.JuniorStudents.Value, s.SeniorStudents.Value
	switch s.Type {
	case standard.TypePrimary, standard.TypeTeachingPoint:
		if j > 0 {
			fs = append(fs, cell(t, s, Identity, "junior_students", "学校类型为%s，却有初中在校生 %s 人：它会作为一个初中单位参加评估；请核对学校类型或在校生所填的列", s.Type, num.Exact(j)))
		}
	case standard.TypeJunior:
		if p > 0 {
			fs = append(fs, cell(t, s, Identity, "primary_students", "学校类型为初级中学，却有小学在校生 %s 人：它会作为一个小学单位参加评估；请核对学校类型或在校生所填的列", num.Exact(p)))
		}
	case standard.TypeComplete, standard.TypeTwelveYear:
		if sr == 0 && p+j > 0 {
			fs = append(fs, cell(t, s, Identity, "senior_students", "%s未填高中在校生（或为 0）：校舍、场地和设备全部分给义务教育学段，高中部分没有扣除，生均值会偏高", s.Type))
		}
	}
	switch s.Type {
	case standard.TypePrimary, standard.TypeJunior, standard.TypeNineYear, standard.TypeTeachingPoint:
		if sr > 0 {
			fs = append(fs, cell(t, s, Identity, "senior_students", "学校类型为%s，却有高中在校生 %s 人：拆分时高中会分走部分校舍、场地和设备；请核对学校类型或在校生所填的列", s.Type, num.Exact(sr)))
		}
	}
	return fs
}

// classLimits are the standard's largest classes (G5, rule class_size: 45 and 50), or zero
// when the profile has no such rule.
func classLimits(p *standard.Profile) standard.PerLevel {
	for _, it := range p.Items {
		if it.Rule == "class_size" {
			return standard.PerLevel{Primary: it.Param("primary_max_class"), Junior: it.Param("junior_max_class")}
		}
	}
	return standard.PerLevel{}
}

// minFunded is the fewest students a small school is funded for (G6), or 0.
func minFunded(p *standard.Profile) float64 {
	for _, it := range p.Items {
		if it.Rule == "small_school_funding" {
			return it.Param("min_funded_students")
		}
	}
	return 0
}

// classes flags classes that cannot hold the level's students as the row says: a largest
// class larger than all the level's students, more classes than students, and, when the
// largest class is blank (the loader's check of 班数 × 最大班额 needs it), more students than
// the classes hold at the standard's largest class.
func classes(fs []Finding, t *data.Table, s *data.School, limits standard.PerLevel) []Finding {
	for _, l := range standard.Levels {
		n := s.Students(l)
		c, m := s.Classes(l), s.MaxClass(l)
		if n <= 0 {
			continue // the loader reports classes of a level without students
		}
		prefix := string(l) + "_"
		if m.Valid && m.Value > n {
			fs = append(fs, cell(t, s, Identity, prefix+"max_class", "最大班额 %s 人，多于%s在校生 %s 人", num.Exact(m.Value), l.Chinese(), num.Exact(n)))
		}
		if c.Valid && c.Value > n {
			fs = append(fs, cell(t, s, Identity, prefix+"classes", "%s班数 %s 个，多于%s在校生 %s 人", l.Chinese(), num.Exact(c.Value), l.Chinese(), num.Exact(n)))
		}
		lim := limits.Of(l)
		if !m.Valid && c.Valid && c.Value > 0 && lim > 0 && n > c.Value*lim {
			fs = append(fs, cell(t, s, Identity, prefix+"students", "多于%s班数 %s × 标准班额 %s 人 = %s 人：平均班额 %s 人已超过标准，而最大班额未填",
				l.Chinese(), num.Exact(c.Value), num.Exact(lim), num.Exact(c.Value*lim), num.Short(n/c.Value)))
		}
	}
	return fs
}

// funds flags a 决算 培训经费 larger than the 决算 公用经费 it is part of (the loader compares
// the budgets), and a 公用经费核定学生数 well above the pupils it stands for.
func funds(fs []Finding, t *data.Table, s *data.School, minFunded float64) []Finding {
	pf, tf := s.PublicFundFinal, s.TrainingFundFinal
	if pf.Valid && tf.Valid && tf.Value > pf.Value {
		fs = append(fs, cell(t, s, Identity, "training_fund_final", "大于公用经费决算 %s 万元：教师培训经费是公用经费的一部分", num.Exact(math.Round(pf.Value/10000*1e6)/1e6)))
	}
	n := s.CompulsoryStudents() + s.SeniorStudents.Value
	if f := s.FundedStudents; f.Valid && n > 0 && f.Value > max(n, minFunded)*fundedSlack {
		base := fmt.Sprintf("在校生 %s 人", num.Exact(n))
		if minFunded > n {
			base = fmt.Sprintf("在校生 %s 人（不足 %s 人按 %s 人核定）", num.Exact(n), num.Exact(minFunded), num.Exact(minFunded))
		}
		fs = append(fs, cell(t, s, Identity, "funded_students", "多于%s的 %s 倍：核定的学生数多于学校实有的学生", base, num.Exact(fundedSlack)))
	}
	return fs
}

// splitShares recomputes the shares of every split campus from its students and the profile's
// weights: the shares of its compulsory units and of its senior part must make the whole.
// Only a fault of the calculation can break it; the audit says so rather than trust it.
func splitShares(in Input) []Finding {
	t := in.County.Table
	w := in.Profile.Resource.SplitWeight
	byRow := rowIndex(t)
	sums := map[int]float64{}
	var rows []int
	for _, u := range in.Result.Units {
		if !u.Split {
			continue
		}
		if _, seen := sums[u.Row]; !seen {
			rows = append(rows, u.Row)
		}
		sums[u.Row] += u.Share
	}
	var fs []Finding
	for _, row := range rows {
		s := byRow[row]
		if s == nil {
			continue
		}
		a, b, c := s.PrimaryStudents.Value, s.JuniorStudents.Value, s.SeniorStudents.Value
		total := a*w.Primary + b*w.Junior + c*w.Senior
		if total == 0 || !num.Finite(total) {
			continue
		}
		want := (a*w.Primary + b*w.Junior) / total
		if math.Abs(sums[row]-want) > shareTolerance {
			fs = append(fs, Finding{Kind: Identity, File: t.File, Row: s.Row, Code: s.Code, School: s.Name,
				Message: fmt.Sprintf("各学段拆分份额之和 %s 与按在校生折算的 %s 不一致（请把此信息报告给开发者）", num.Short(sums[row]), num.Short(want))})
		}
	}
	return fs
}

// rowIndex maps the rows of a table to its schools.
func rowIndex(t *data.Table) map[int]*data.School {
	m := make(map[int]*data.School, len(t.Schools))
	for i := range t.Schools {
		m[t.Schools[i].Row] = &t.Schools[i]
	}
	return m
}
