package diag

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSysError(t *testing.T) {
	dir := t.TempDir()
	_, notExist := os.ReadFile(filepath.Join(dir, "missing.csv"))
	_, isDir := os.ReadFile(dir)
	for _, c := range []struct {
		err  error
		want string
	}{
		{notExist, "文件或目录不存在"},
		{isDir, "这是一个目录，不是文件"},
	} {
		if got := SysError(c.err); got != c.want {
			t.Errorf("SysError(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
