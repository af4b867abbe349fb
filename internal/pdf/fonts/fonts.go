package fonts

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/youjun-edu/youjun/theme"
)

// Role is what a font is used for.
type Role int

const (
	Body    Role = iota // 正文：仿宋
	Heading             // 一级标题、表头：黑体
	Kai                 // 二级标题：楷体
	Title               // 报告标题：小标宋
	numRoles
)

var roleNames = [...]string{"正文（仿宋）", "一级标题（黑体）", "二级标题（楷体）", "标题（小标宋）"}

func (r Role) String() string { return roleNames[r] }

// Face is one font file.
type Face struct {
	Name   string // for messages: the file name, or 文泉驿微米黑
	Source string // site.toml, 本机, 内置
	Data   []byte // TrueType
	Family string // the name in the PDF of a built-in face; "" for others
}

// Family names of the built-in faces.
const (
	Sans  = "WenQuanYiMicroHei" // 文泉驿微米黑: headings, bold and every character the others lack
	Brush = "YoujunWenKaiGB"    // 霞鹜文楷 GB 2312 subset: body and 楷体 roles
)

// Set is the font of each role; several roles may share a face.
type Set [numRoles]*Face

// candidates are the usual file names of the official fonts, lower case, best first.
var candidates = [numRoles][]string{
	Body:    {"simfang.ttf", "fangsong.ttf", "仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "stfangso.ttf", "仿宋.ttf"},
	Heading: {"simhei.ttf", "黑体.ttf", "stheiti.ttf", "sthei.ttf"},
	Kai:     {"simkai.ttf", "kaiti.ttf", "楷体_gb2312.ttf", "kaiti_gb2312.ttf", "stkaiti.ttf", "楷体.ttf", "lxgwwenkai-regular.ttf"},
	Title:   {"fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxbsk.ttf", "simsun.ttc", "stsong.ttf"},
}

// fallback is the role whose font stands in when a role has none of its own (see Find).
var fallback = [numRoles]Role{Body: Body, Heading: Heading, Kai: Kai, Title: Heading}

// builtin is the built-in face that stands in for a role when nothing else does: the brush
// face for 仿宋 and 楷体, the sans-serif face for 黑体 and 小标宋, so that headings and bold stay
// distinct from the body.
var builtin = [numRoles]string{Body: Brush, Heading: Sans, Kai: Brush, Title: Sans}

// Dirs returns the font folders of this machine.
func Dirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		return []string{filepath.Join(win, "Fonts"), filepath.Join(os.Getenv("LOCALAPPDATA"), "Microsoft", "Windows", "Fonts")}
	case "darwin":
		return []string{filepath.Join(home, "Library/Fonts"), "/Library/Fonts", "/System/Library/Fonts/Supplemental", "/System/Library/Fonts"}
	}
	return []string{filepath.Join(home, ".fonts"), filepath.Join(home, ".local/share/fonts"), "/usr/local/share/fonts", "/usr/share/fonts"}
}

// Find chooses the font of every role: paths from site.toml first, then (when system is true)
// the official fonts in dirs, then the embedded WenQuanYi Micro Hei.
func Find(paths [numRoles]string, system bool, dirs []string) (Set, error) {
	var set Set
	for r := Role(0); r < numRoles; r++ {
		if paths[r] == "" {
			continue
		}
		f, err := load(paths[r], "site.toml")
		if err != nil {
			return set, fmt.Errorf("%s字体 %s：%v", r, paths[r], err)
		}
		set[r] = f
	}
	if system {
		found := index(dirs)
		for r := Role(0); r < numRoles; r++ {
			if set[r] != nil {
				continue
			}
			for _, name := range candidates[r] {
				if p, ok := found[name]; ok {
					if f, err := load(p, "本机"); err == nil {
						set[r] = f
						break
					}
				}
			}
		}
	}
	for r := Role(0); r < numRoles; r++ {
		if set[r] == nil && set[fallback[r]] != nil && fallback[r] != r {
			set[r] = set[fallback[r]]
		}
	}
	faces := map[string]*Face{}
	for r := Role(0); r < numRoles; r++ {
		if set[r] != nil {
			continue
		}
		name := builtin[r]
		if faces[name] == nil {
			e, err := embedded(name)
			if err != nil {
				return set, err
			}
			faces[name] = e
		}
		set[r] = faces[name]
	}
	return set, nil
}

// Alike reports whether roles a and b print alike: the same face, or two cuts of 霞鹜文楷 (the
// built-in subset and the machine's full font).
func (s Set) Alike(a, b Role) bool {
	wenkai := func(f *Face) bool {
		return f.Family == Brush || strings.Contains(strings.ToLower(f.Name), "wenkai")
	}
	return s[a] == s[b] || (s[a] != nil && s[b] != nil && wenkai(s[a]) && wenkai(s[b]))
}

// Missing lists the roles set in a built-in face: the official fonts that were not found.
func (s Set) Missing() []Role {
	var out []Role
	for r, f := range s {
		if f.Source == "内置" {
			out = append(out, Role(r))
		}
	}
	return out
}

// Embedded returns the built-in sans-serif font, which has the most characters.
func Embedded() (*Face, error) { return embedded(Sans) }

// EmbeddedBrush returns the built-in brush font (a GB 2312 subset of 霞鹜文楷).
func EmbeddedBrush() (*Face, error) { return embedded(Brush) }

func embedded(family string) (*Face, error) {
	file, name := "fonts/wqy-microhei/wqy-microhei.ttf", "文泉驿微米黑（内置）"
	if family == Brush {
		file, name = "fonts/lxgw-wenkai/wenkai-gb.ttf", "霞鹜文楷 GB 子集（内置）"
	}
	b, err := fs.ReadFile(theme.FS, file)
	if err != nil {
		return nil, err
	}
	return &Face{Name: name, Source: "内置", Data: b, Family: family}, nil
}

func load(path, source string) (*Face, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ttf, err := ExtractTTC(b, 0)
	if err != nil {
		return nil, err
	}
	if len(ttf) < 4 || (string(ttf[:4]) != "\x00\x01\x00\x00" && string(ttf[:4]) != "true") {
		return nil, fmt.Errorf("不是 TrueType 字体（.otf 等 CFF 字体不能使用）")
	}
	return &Face{Name: filepath.Base(path), Source: source, Data: ttf}, nil
}

// index maps lower-case font file names under dirs (three levels deep) to their paths.
func index(dirs []string) map[string]string {
	found := map[string]string{}
	for _, d := range dirs {
		base := strings.Count(filepath.Clean(d), string(filepath.Separator))
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() {
				if strings.Count(filepath.Clean(p), string(filepath.Separator))-base >= 3 {
					return filepath.SkipDir
				}
				return nil
			}
			name := strings.ToLower(e.Name())
			if _, ok := found[name]; !ok {
				found[name] = p
			}
			return nil
		})
	}
	return found
}
