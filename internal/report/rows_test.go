package report

import (
	"strconv"
	"testing"

	"github.com/youjun-edu/youjun/internal/site"
)

// The compact rows say what the shortcodes and tables say: the same figures, the same format.
func TestRowsAgreeWithValues(t *testing.T) {
	r := exampleReport(t)
	value := func(key string) string {
		t.Helper()
		v, err := r.Value(key)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, l := range r.LevelRows() {
		p := "resource." + string(l.Level) + "."
		if l.CompositeCV != value(p+"composite_cv") || strconv.Itoa(l.Units) != value(p+"units") {
			t.Errorf("%s: composite CV %s, units %d", l.Name, l.CompositeCV, l.Units)
		}
		for _, ind := range l.Indicators {
			q := p + ind.ID + "."
			if ind.Value != value(q+"value") || ind.CV != value(q+"cv") || ind.CVStatus != value(q+"cv_status") || ind.Threshold != value(q+"threshold") {
				t.Errorf("%s %s: %+v", l.Name, ind.ID, ind)
			}
		}
	}
	excluded, _ := r.List("excluded")
	rows := r.ExcludedRows()
	if len(rows) == 0 || len(rows) != len(excluded) {
		t.Fatalf("%d excluded rows, %d in the list", len(rows), len(excluded))
	}
	for i, e := range rows {
		if excluded[i].Text != e.Name+"："+e.Reason || excluded[i].Ref != e.Ref {
			t.Errorf("excluded %d: row %+v, list %+v", i, e, excluded[i])
		}
	}
	g3 := r.SchoolFindings("G3")
	if len(g3) != 1 || g3[0].Status != NotMet || g3[0].Code == "" {
		t.Errorf("G3 findings %+v", g3)
	}
	if r.SchoolFindings("X9") != nil || r.BSummary() != nil || r.LocalTargetRows() != nil {
		t.Error("the national example has no item X9, no B items and no local targets")
	}
}

// A profile with B items and local targets (湘水县) has rows for both.
func TestRowsHunan(t *testing.T) {
	s, probs := site.Load("../../examples/hunan", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	r := New(s.Evaluate(), s.Profile, s.County)
	if b := r.BSummary(); b == nil || b.Total != "89" || b.Grade != "良好" || b.Status != Met {
		t.Errorf("B summary %+v", b)
	}
	lt := r.LocalTargetRows()
	if len(lt) != 6 || lt[0].Name != "H22 省级示范性普通高中招生名额分配比例" || lt[0].Value != "60.00" || lt[0].LocalStatus != NotMet {
		t.Errorf("local targets %+v", lt)
	}
	if h := r.Heading(); h.ProfileID != "hunan-2021" || h.ProfileName == "" {
		t.Errorf("heading %+v", h)
	}
}
