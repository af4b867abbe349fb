package claims

import (
	"math/big"
	"strconv"
	"strings"
)

// Comparison operators of a quoted figure.
const (
	opEq = "="  // 为98.2%
	opGE = ">=" // 不低于、不少于、达到…以上
	opGT = ">"  // 超过、高于、大于
	opLE = "<=" // 不高于、不超过、…以下、…以内
	opLT = "<"  // 低于、少于、不足、未达到
)

// agrees reports whether a figure quoted as q (its digits as written, with mult the power of
// ten of 万 or 亿 after it) under op agrees with the computed value v.
//
// The rule: the quoted figure must equal the computed one rounded half-up to the quoted
// number of decimals (98% agrees with 97.5, 98.2% does not; 0.41 agrees with 0.4123). The
// computed value is read in its shortest decimal form, as county.toml and evaluation.json write
// it, so that 97.45 rounds to 97.5 although its float64 lies below, and 96.5 to 97. 不低于、
// 不高于、以上、以下 compare the rounded value; 超过、高于、低于、不足 compare the exact one, as the
// standard does (85.3% is 高于85%, though it rounds to 85%). See also asShown.
func agrees(q string, mult int, op string, v float64) bool {
	quoted, ok := new(big.Rat).SetString(q)
	if !ok {
		return true // not a number: nothing to contradict
	}
	d := decimalsOf(q)
	exact, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'f', -1, 64))
	if !ok {
		return true
	}
	if mult > 0 {
		exact.Quo(exact, pow10(mult))
	}
	rounded := roundHalfUp(exact, d)
	switch op {
	case opGE:
		return rounded.Cmp(quoted) >= 0
	case opLE:
		return rounded.Cmp(quoted) <= 0
	case opGT:
		return exact.Cmp(quoted) > 0
	case opLT:
		return exact.Cmp(quoted) < 0
	}
	return rounded.Cmp(quoted) == 0
}

// asShown reports whether a quoted figure is one the report shows for the fact (0.412 for a
// 差异系数 of 0.41249999…, which half-up on its shortest form 0.4125 would make 0.413): a figure
// copied from the report never contradicts it.
func asShown(q string, mult int, shown string) bool {
	if mult != 0 {
		return false
	}
	shown = strings.ReplaceAll(shown, ",", "")
	for len(shown) > 0 {
		i := strings.IndexFunc(shown, func(c rune) bool { return c >= '0' && c <= '9' })
		if i < 0 {
			return false
		}
		shown = shown[i:]
		j := strings.IndexFunc(shown, func(c rune) bool { return (c < '0' || c > '9') && c != '.' })
		if j < 0 {
			j = len(shown)
		}
		if strings.TrimSuffix(shown[:j], ".") == q {
			return true
		}
		shown = shown[j:]
	}
	return false
}

// decimalsOf counts the digits after the point of a quoted figure: 98.2 has one, 98 none.
func decimalsOf(q string) int {
	if i := strings.IndexByte(q, '.'); i >= 0 {
		return len(q) - i - 1
	}
	return 0
}

// roundHalfUp rounds x to d decimals, halves away from zero.
func roundHalfUp(x *big.Rat, d int) *big.Rat {
	scale := pow10(d)
	s := new(big.Rat).Mul(x, scale)
	neg := s.Sign() < 0
	if neg {
		s.Neg(s)
	}
	s.Add(s, big.NewRat(1, 2))
	n := new(big.Int).Quo(s.Num(), s.Denom()) // floor, s ≥ 0
	if neg {
		n.Neg(n)
	}
	return new(big.Rat).SetFrac(n, scale.Num())
}

func pow10(d int) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil))
}
