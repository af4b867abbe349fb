package plan

import "testing"

// BenchmarkPlanExample plans the example county (target ≤ 50 ms).
func BenchmarkPlanExample(b *testing.B) {
	p, c := example(b)
	res := evaluate(p, c)
	b.ResetTimer()
	for b.Loop() {
		Make(Input{Profile: p, County: c, Result: res, Options: DefaultOptions()})
	}
}

// BenchmarkPlan2000 plans a generated county of 2,000 campuses made unequal so that several
// CVs are above their limits and many units fail (target ≤ 1 s), in the default steps.
func BenchmarkPlan2000(b *testing.B) {
	p, c := synthCounty(b, 2000, 11)
	res := evaluate(p, c)
	b.ResetTimer()
	var pl *Plan
	for b.Loop() {
		pl = Make(Input{Profile: p, County: c, Result: res, Options: DefaultOptions()})
	}
	planned := 0
	for _, cp := range pl.CVs {
		if cp.Needed {
			planned++
		}
	}
	b.ReportMetric(float64(len(pl.Units)), "units")
	b.ReportMetric(float64(planned), "cv-plans")
	b.ReportMetric(float64(len(pl.Actions)), "actions")
}

// BenchmarkPlan2000Far is BenchmarkPlan2000 with a margin of 0.2: targets of 0.3 and 0.25 that
// five CVs must be brought to, the hardest plan the settings allow.
func BenchmarkPlan2000Far(b *testing.B) {
	p, c := synthCounty(b, 2000, 11)
	res := evaluate(p, c)
	o := DefaultOptions()
	o.Margin = 0.2
	b.ResetTimer()
	for b.Loop() {
		Make(Input{Profile: p, County: c, Result: res, Options: o})
	}
}
