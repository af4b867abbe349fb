package gopdf

import (
	"fmt"
	"strconv"
	"testing"
)

// The patched writers give fmt's bytes.
func TestYoujunFormatting(t *testing.T) {
	for _, v := range []uint{0, 1, 0xa, 0xff, 0x1d1e, 0xffff, 0x10000, 0x12345, 0xfffffff} {
		if got, want := string(appendHex04(nil, v)), fmt.Sprintf("%04X", v); got != want {
			t.Errorf("appendHex04(%#x) = %q, want %q", v, got, want)
		}
	}
	for _, f := range []float64{0, -0.0, 1, -1, 0.005, 0.015, 716.745, 716.755, -12.3456, 1e9, 123456789.125} {
		if got, want := string(strconv.AppendFloat(nil, f, 'f', 2, 64)), fmt.Sprintf("%0.2f", f); got != want {
			t.Errorf("%v: %q, want %q", f, got, want)
		}
	}
}
