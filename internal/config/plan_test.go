package config

import (
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	c, probs := Parse([]byte("county = \"甲县\"\nyear = 2025\n[plan]\nbuilding_cost = 3500\nsports_cost = 400\nteacher_cost = 120000\nroom_cost = 60000\nmargin = 0\ntarget_year = 2027\narea_step = 10\nequipment_step = 1\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	p := c.Plan
	if p.BuildingCost != 3500 || p.SportsCost != 400 || p.TeacherCost != 120000 || p.RoomCost != 60000 || c.PlanMargin() != 0 || p.TargetYear != 2027 || p.AreaStep != 10 || p.EquipmentStep != 1 {
		t.Errorf("plan = %+v, margin %v", p, c.PlanMargin())
	}
	c, _ = Parse([]byte("county = \"甲县\"\n"))
	if c.PlanMargin() != 0.02 {
		t.Errorf("default margin %v", c.PlanMargin())
	}
	// Every problem of [plan] at once, each with its line.
	_, probs = Parse([]byte("county = \"甲县\"\nyear = 2025\n[plan]\nbuilding_cost = -1\nsports_cost = nan\nteacher_cost = 1e9\nmargin = 0.5\ntarget_year = 2024\narea_step = -5\nequipment_step = 5000\nroom_cots = 1\n"))
	for _, want := range []string{
		`site.toml 第4行「plan.building_cost」: "-1" 单价应在 0 到 100000 元/平方米之间（不填表示未知）`,
		`site.toml 第5行「plan.sports_cost」: "NaN" 单价应在`,
		`site.toml 第6行「plan.teacher_cost」: "1000000000" 单价应在 0 到 10000000 元/人·年之间`,
		`site.toml 第7行「plan.margin」: "0.5" 差异系数余量应在 0 到 0.2 之间`,
		`site.toml 第8行「plan.target_year」: "2024" 完成年份不能早于评估年度 2025 年`,
		`site.toml 第9行「plan.area_step」: "-5" 面积取整单位应大于 0`,
		`site.toml 第10行「plan.equipment_step」: "5000" 设备值取整单位应大于 0、不超过 1000 万元`,
		`site.toml 第11行「plan.room_cots」: 未知的键，是否为「room_cost」？`,
	} {
		if !strings.Contains(probs.Error(), want) {
			t.Errorf("problems\n%v\nlack %s", probs, want)
		}
	}
	_, probs = Parse([]byte("county = \"甲县\"\n[plan]\ntarget_year = 99\n"))
	if !strings.Contains(probs.Error(), `「plan.target_year」: "99" 不是有效的年份`) {
		t.Errorf("target_year 99: %v", probs)
	}
}
