package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "a.txt")
	for _, s := range []string{"一", "二二"} {
		if err := Write(name, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(name); string(b) != s {
			t.Errorf("file = %q, want %q", b, s)
		}
	}
	if ents, _ := os.ReadDir(filepath.Dir(name)); len(ents) != 1 {
		t.Errorf("the folder holds %d entries, want the file alone", len(ents))
	}
}

func TestCopyNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src"), filepath.Join(dir, "dst")
	os.WriteFile(src, []byte("新"), 0o644)
	if err := Copy(src, dst); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "新" {
		t.Errorf("copy = %q", b)
	}
	os.WriteFile(dst, []byte("用户的文件"), 0o644)
	if err := Copy(src, dst); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Copy onto an existing file = %v, want ErrExist", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "用户的文件" {
		t.Errorf("the existing file was changed: %q", b)
	}
}
