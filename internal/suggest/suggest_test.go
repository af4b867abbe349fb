package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"teacher_avg_salary", "civil_servant_avg_salary", "performance_pay_full", "体育运动场馆面积", "学校代码"}
	tests := []struct{ word, want string }{
		{"teacher_avg_salery", "teacher_avg_salary"},
		{"performance_pay_ful", "performance_pay_full"},
		{"体育运动场地面积", "体育运动场馆面积"},
		{"学校编码", "学校代码"},
		{"something_else", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, keys); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestHint(t *testing.T) {
	names := []string{"teacher_avg_salary", "civil_servant_avg_salary"}
	if got, want := Hint("teacher_avg_salery", names), "，是否为「teacher_avg_salary」？"; got != want {
		t.Errorf("Hint = %q, want %q", got, want)
	}
	if got := Hint("quota", names); got != "" {
		t.Errorf("Hint for a far word = %q, want none", got)
	}
}
