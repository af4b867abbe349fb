package num

import (
	"math"
	"testing"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"fixed", Fixed(0.2154, 3), "0.215"},
		{"fixed no separator", Fixed(3419.971, 2), "3419.97"},
		{"grouped", Grouped(3419.971, 2), "3,419.97"},
		{"grouped negative", Grouped(-1234567.5, 1), "-1,234,567.5"},
		{"grouped small", Grouped(999, 0), "999"},
		{"count", Count(29672.6), "29,673"},
		{"plain", Plain(6.375), "6.375"},
		{"plain integer", Plain(2000), "2000"},
		{"plain rounded", Plain(0.123456), "0.123"},
		{"percent", Percent(91.4791), "91.48%"},
		{"short as written", Short(6.375), "6.375"},
		{"short rounded", Short(6.12345), "6.12"},
		{"short below one", Short(0.347826), "0.348"},
		{"short trailing zeros", Short(2.0001), "2"},
		{"short huge", Short(1.61e298), "1.61e+298"},
		{"short nan", Short(math.NaN()), NotComputable},
		{"exact", Exact(10000000), "10000000"},
		{"exact small", Exact(0.000002), "0.000002"},
		{"exact decimals", Exact(97.6123), "97.6123"},
		{"exact quotes inf", Exact(math.Inf(1)), "+Inf"},
		{"exact quotes nan", Exact(math.NaN()), "NaN"},
		{"exact huge", Exact(1.2345e20), "1.2345e+20"},
		{"nan", Grouped(math.NaN(), 2), NotComputable},
		{"inf", Plain(math.Inf(1)), NotComputable},
		{"percent inf", Percent(math.Inf(-1)), NotComputable},
		{"huge", Grouped(1.61e298, 2), "1.61e+298"},
		{"huge percent", Percent(2e15), "2.00e+15%"},
		{"count nan", Count(math.NaN()), NotComputable},
		// The 85% floors of DESIGN §2.3, by hand: every digit, none invented.
		{"product 2.3", Product(0.85, 2.3), "1.955"},
		{"product 7.5", Product(0.85, 7.5), "6.375"},
		{"product 10.2", Product(0.85, 10.2), "8.67"},
		{"product 4.2", Product(0.85, 4.2), "3.57"},
		{"product 5.3", Product(0.85, 5.3), "4.505"},
		{"product 2000", Product(0.85, 2000), "1700"},
		{"product 1", Product(0.85, 1), "0.85"},
		{"product percent", Product(0.85, 100), "85"},
		{"product four decimals", Product(0.85, 2.35), "1.9975"},
		{"product zero", Product(-0.5, 0), "0"},
		{"product negative", Product(-0.5, 3), "-1.5"},
		{"product many decimals", Product(1.0/3, 3), "1"},
		{"product nan", Product(math.NaN(), 1), NotComputable},
		{"product overflow", Product(1e300, 1e10), NotComputable},
		{"product small", Product(0.05, 0.2), "0.01"},
		{"product beyond int64", Product(123456789.123456, 98765.432109), "12193263124567.823187448704"},
		{"product huge", Product(1e10, 1e10), "1.00e+20"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
