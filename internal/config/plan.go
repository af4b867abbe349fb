package config

import (
	"fmt"
	"strconv"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Plan is site.toml's [plan]: the unit costs and settings of the 整改与创建规划 (youjun plan).
// A cost left out is unknown, and the plan gives quantities without 估算资金 for it.
type Plan struct {
	BuildingCost float64 `toml:"building_cost"` // 元 per m² of teaching and auxiliary rooms
	SportsCost   float64 `toml:"sports_cost"`   // 元 per m² of sports grounds and halls
	TeacherCost  float64 `toml:"teacher_cost"`  // 元 per teacher per year
	RoomCost     float64 `toml:"room_cost"`     // 元 per multimedia classroom
	// Margin: a CV within this much below its limit is planned too, and every planned CV aims at
	// limit − margin; default DefaultMargin. A pointer, as 0 (plan only CVs above their limits)
	// is a setting of its own.
	Margin        *float64 `toml:"margin"`
	TargetYear    int      `toml:"target_year"`    // 完成时限 of every action
	AreaStep      float64  `toml:"area_step"`      // m² areas are planned in; default 1
	EquipmentStep float64  `toml:"equipment_step"` // 万元 equipment is planned in; default 0.1
}

// DefaultMargin is [plan] margin when not given.
const DefaultMargin = 0.02

// PlanMargin returns [plan] margin, or DefaultMargin.
func (c *Config) PlanMargin() float64 {
	if c.Plan.Margin != nil {
		return *c.Plan.Margin
	}
	return DefaultMargin
}

// checkPlan checks [plan]: every number a plausible amount, the year a year not before the
// evaluation's.
func (c *Config) checkPlan() diag.List {
	var probs diag.List
	p := c.Plan
	add := func(key string, v float64, format string, args ...any) {
		probs.Add(FileName, c.Line("plan."+key), "plan."+key, strconv.FormatFloat(v, 'f', -1, 64), format, args...)
	}
	for _, n := range []struct {
		key  string
		v    float64
		max  float64
		what string
	}{
		{"building_cost", p.BuildingCost, 100_000, "元/平方米"},
		{"sports_cost", p.SportsCost, 100_000, "元/平方米"},
		{"teacher_cost", p.TeacherCost, 10_000_000, "元/人·年"},
		{"room_cost", p.RoomCost, 10_000_000, "元/间"},
	} {
		// nan fails every comparison, so test for being inside the range.
		if !(n.v >= 0 && n.v <= n.max) {
			add(n.key, n.v, "单价应在 0 到 %s %s之间（不填表示未知）", strconv.FormatFloat(n.max, 'f', -1, 64), n.what)
		}
	}
	if m := p.Margin; m != nil && !(*m >= 0 && *m <= 0.2) {
		add("margin", *m, "差异系数余量应在 0 到 0.2 之间，如 0.02（差异系数低于上限不足 0.02 时也列入规划）")
	}
	if p.AreaStep != 0 && !(p.AreaStep > 0 && p.AreaStep <= 10_000) {
		add("area_step", p.AreaStep, "面积取整单位应大于 0、不超过 10000 平方米，如 1 或 10")
	}
	if p.EquipmentStep != 0 && !(p.EquipmentStep > 0 && p.EquipmentStep <= 1000) {
		add("equipment_step", p.EquipmentStep, "设备值取整单位应大于 0、不超过 1000 万元，如 0.1 或 1")
	}
	switch y := p.TargetYear; {
	case y == 0:
	case y < MinYear || y > MaxYear:
		probs.Add(FileName, c.Line("plan.target_year"), "plan.target_year", fmt.Sprint(y), "不是有效的年份（应为 %d–%d 之间的年份，如 2027）", MinYear, MaxYear)
	case c.Year != 0 && y < c.Year:
		probs.Add(FileName, c.Line("plan.target_year"), "plan.target_year", fmt.Sprint(y), "完成年份不能早于评估年度 %d 年", c.Year)
	}
	return probs
}
