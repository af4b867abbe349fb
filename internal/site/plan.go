package site

import (
	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/plan"
)

// PlanOptions reads site.toml's [plan]: the unit costs, margin, steps and target year of the
// 整改与创建规划.
func PlanOptions(c *config.Config) plan.Options {
	o := plan.DefaultOptions()
	pc := c.Plan
	o.Costs = plan.Costs{BuildingPerM2: pc.BuildingCost, SportsPerM2: pc.SportsCost, TeacherPerYear: pc.TeacherCost, PerRoom: pc.RoomCost}
	o.Margin = c.PlanMargin()
	if pc.AreaStep > 0 {
		o.AreaStep = pc.AreaStep
	}
	if pc.EquipmentStep > 0 {
		o.EquipmentStep = pc.EquipmentStep
	}
	o.Year = pc.TargetYear
	return o
}

// Plan computes the site's 整改与创建规划 from its evaluation, or nil when the profile has no
// resource indicators to plan.
func (s *Site) Plan(res *eval.Result) *plan.Plan {
	if len(s.Profile.Resource.Indicators) == 0 {
		return nil
	}
	return plan.Make(plan.Input{Profile: s.Profile, County: s.County, Result: res, Options: PlanOptions(s.Config)})
}
