package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// GoodCSV is CSV(n, seed) with every campus brought up to the national standard: each resource
// indicator above its threshold at both levels, every teacher certified, the music and art
// rooms large enough, the special schools' funds and the training budgets sufficient. With the
// example's county figures such a county reaches the standard (达到), which CSV's random
// campuses almost never do; a rollup's tests and benchmarks need both.
func GoodCSV(n int, seed uint64) []byte { return table(n, seed, true) }

// improve raises a campus's figures to the standard, keeping its size and type.
func improve(r *rand.Rand, rec []string) {
	u := func(a, b float64) float64 { return a + r.Float64()*(b-a) }
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	a, b, c := atoi(rec[7]), atoi(rec[8]), atoi(rec[9])
	if a+b == 0 {
		return // a vocational school: not evaluated
	}
	at := func(x int, ratio float64) string { return strconv.Itoa(int(math.Ceil(float64(x) * ratio))) }
	if a > 0 {
		rec[15] = strconv.Itoa(max(atoi(rec[15]), int(math.Ceil(float64(a)*0.05))))
		rec[17] = at(a, u(0.012, 0.02))
		rec[19] = at(a, u(0.011, 0.015))
	}
	if b > 0 {
		rec[16] = strconv.Itoa(max(atoi(rec[16]), int(math.Ceil(float64(b)*0.06))))
		rec[18] = at(b, u(0.012, 0.02))
		rec[20] = at(b, u(0.011, 0.015))
	}
	teachers := atoi(rec[15]) + atoi(rec[16]) + c/12 + 5
	teachers = max(teachers, atoi(rec[22]))
	rec[22], rec[23] = strconv.Itoa(teachers), strconv.Itoa(teachers)
	w := float64(a) + 1.1*float64(b) + 1.32*float64(c)
	ftoa := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	rec[24] = ftoa(w * u(6.8, 9))
	rec[25] = ftoa(w * u(11.5, 16))
	rec[27] = strconv.FormatFloat(w*u(2900, 4200)/10000, 'f', 2, 64)
	rec[28] = strconv.Itoa(int(math.Ceil(w*u(0.028, 0.034))) + 1)
	rec[30], rec[32] = ftoa(u(100, 130)), ftoa(u(95, 125))
	if rec[34] != "" {
		rec[34] = strconv.Itoa(6200 + r.IntN(1500))
	}
	budget, _ := strconv.ParseFloat(rec[35], 64)
	rec[36] = strconv.FormatFloat(budget*u(0.07, 0.09), 'f', 2, 64)
}
