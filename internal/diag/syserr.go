package diag

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// SysError says in Chinese what went wrong with a file operation. Errors from the operating
// system reach the user through it, never as Go's English text; the path is left out because
// the caller's Problem already names the file.
func SysError(err error) string {
	var errno syscall.Errno
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return "文件或目录不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有访问权限（请检查文件是否被其他程序占用，或是否有读写权限）"
	case errors.Is(err, fs.ErrExist):
		return "文件或目录已存在"
	case errors.Is(err, syscall.EISDIR) || strings.Contains(err.Error(), "is a directory"):
		return "这是一个目录，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中的某一级不是目录"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EROFS):
		return "磁盘是只读的"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名太长"
	case errors.Is(err, os.ErrDeadlineExceeded):
		return "操作超时"
	case errors.As(err, &errno):
		return "系统错误（错误码 " + strconv.Itoa(int(errno)) + "）"
	}
	return "系统错误"
}

// JSONError says in Chinese what is wrong with a JSON file encoding/json could not read.
func JSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("第 %d 个字节附近有语法错误", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("字段 %q 的类型不对（应为 %s）", typ.Field, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "文件不完整（被截断）"
	}
	return "格式错误"
}
