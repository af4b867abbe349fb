package content

import (
	"strings"
)

// maxSlugLength keeps a chapter's folder name short enough for any file system.
const maxSlugLength = 64

// reserved are the names the site itself uses at the output's root, which a chapter's folder may
// not take, and names Windows does not allow for a folder. They are compared in lower case:
// Windows and macOS do not tell Assets from assets.
var reserved = map[string]bool{
	"assets": true, "data": true, "schools": true, "indicators": true, "tables": true, "__youjun": true,
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// slugError says what is wrong with a slug from the front matter, or "" when it is a safe folder
// name: ASCII letters, digits, - and _, not a name the site uses itself.
func slugError(s string) string {
	switch {
	case s == "":
		return "slug 不能为空（不写 slug 时按文件名生成）"
	case len(s) > maxSlugLength:
		return "slug 太长（最多 64 个字符）"
	case strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != "":
		return "slug 只能由英文字母、数字、- 和 _ 组成（它是网址中的目录名，不能含 /、. 或中文）"
	case reserved[strings.ToLower(s)]:
		return "slug「" + s + "」是网站自用的目录名或系统保留名，请换一个"
	}
	return ""
}

// asciiSlug keeps a file name that is safe in any URL (letters, digits, - and _), else "".
func asciiSlug(s string) string {
	if slugError(s) != "" {
		return ""
	}
	return strings.ToLower(s)
}
